/**
 * Security headers for every response. Pages carry SvelteKit's Content-Security-Policy (with a
 * nonce, from `kit.csp` in svelte.config.js); everything else that passes through the app's
 * `handle` gets the rest here, and server.js puts the same set on what never reaches `handle`
 * (static files, SvelteKit's own refusals such as the CSRF check, a start-up failure).
 */

/**
 * The policy of responses that are not pages (JSON, CSV, iCalendar, static files, the service
 * worker script). `default-src 'self'` rather than 'none': a worker runs under the policy of its
 * own script, and the service worker fetches from this origin.
 */
export const FALLBACK_CSP =
	"default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const PERMISSIONS = [
	'accelerometer',
	'camera',
	'geolocation',
	'gyroscope',
	'magnetometer',
	'microphone',
	'payment',
	'usb'
];

/**
 * Headers that hold for any response. HSTS only over https: sent over plain http it would be
 * ignored at best, and locking a local `http://localhost` set-up to https at worst.
 */
export function securityHeaders(https: boolean): Record<string, string> {
	const headers: Record<string, string> = {
		'content-security-policy': FALLBACK_CSP,
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'permissions-policy': PERMISSIONS.map((feature) => `${feature}=()`).join(', '),
		// For browsers that predate frame-ancestors.
		'x-frame-options': 'DENY',
		'cross-origin-opener-policy': 'same-origin'
	};
	if (https) headers['strict-transport-security'] = 'max-age=31536000';
	return headers;
}

/**
 * Adds the collaboration WebSocket of the page's own host to `connect-src`. 'self' covers it in
 * browsers that implement CSP 3, but not in older ones; the host is known per request only
 * (ORIGIN or the Host header), so svelte.config.js cannot list it.
 */
export function withWebSocketSource(policy: string, url: URL): string {
	const source = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
	const directives = policy.split(';').map((part) => part.trim());
	const index = directives.findIndex((d) => d.split(/\s+/)[0].toLowerCase() === 'connect-src');
	if (index === -1) directives.push(`connect-src 'self' ${source}`);
	else if (!directives[index].split(/\s+/).includes(source)) directives[index] += ` ${source}`;
	return directives.filter(Boolean).join('; ');
}

/**
 * Whether a request reached us over https, decided as adapter-node decides it for SvelteKit's
 * `url`: from ORIGIN when set, else from PROTOCOL_HEADER (https when that header is absent).
 * server.js sets PROTOCOL_HEADER to its own header (always "http") when neither is configured.
 */
export function servedOverHttps(
	config: { ORIGIN?: string; PROTOCOL_HEADER?: string },
	headers: Record<string, string | string[] | undefined>
): boolean {
	if (config.ORIGIN) return config.ORIGIN.startsWith('https:');
	if (!config.PROTOCOL_HEADER) return false;
	const value = headers[config.PROTOCOL_HEADER];
	return (typeof value === 'string' && value !== '' ? value : 'https') === 'https';
}

/** The response with every security header it does not set itself. */
export function applySecurityHeaders(response: Response, url: URL): Response {
	const headers = securityHeaders(url.protocol === 'https:');
	const page = response.headers.get('content-security-policy');
	if (page) headers['content-security-policy'] = withWebSocketSource(page, url);
	let target = response;
	for (const [name, value] of Object.entries(headers)) {
		if (target.headers.has(name) && name !== 'content-security-policy') continue;
		try {
			target.headers.set(name, value);
		} catch {
			// A response passed through from fetch() has immutable headers: copy it once.
			target = new Response(target.body, target);
			target.headers.set(name, value);
		}
	}
	return target;
}
