import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which pages may open the collaboration WebSocket. Browsers attach cookies to a WebSocket
 * upgrade from any page, and SameSite=Lax only stops other *sites*: a page on another port of the
 * same host (or any same-site origin) would otherwise open a pair's sheet with the mentor's
 * cookie (cross-site WebSocket hijacking). The WebSocket has no CORS; the Origin header is the
 * only thing that tells who is asking.
 *
 * The rule:
 * - Origin present: it must be the app's own origin (`ORIGIN`; without it, the Host the request
 *   came in on, as the README's default `http://localhost:$PORT` set-up runs) or one listed in
 *   `ALLOWED_ORIGINS`. Anything else, including `null` (sandboxed frames, files), is refused.
 * - Origin absent: only a non-browser client does that (every browser sends Origin on a
 *   WebSocket), and it must bring its own bearer token: cookies, the credential a browser attaches
 *   on its own, are not read (see `socketCredentials`). Non-browser clients that sign in with a
 *   cookie (tests, the crash-recovery clients) send an Origin like a browser does.
 */
export interface OriginSettings {
	/** The public address, when configured; otherwise the request's Host is its own origin. */
	ORIGIN?: string;
	/** Further origins whose pages may connect (already normalised by env.ts). */
	ALLOWED_ORIGINS: readonly string[];
}

export type OriginDecision =
	{ ok: true; cookies: boolean } | { ok: false; reason: 'origin not allowed' };

/** Decides an upgrade request by its Origin header (see the rule above). */
export function checkUpgradeOrigin(
	headers: IncomingHttpHeaders,
	settings: OriginSettings
): OriginDecision {
	const origin = headers.origin;
	if (origin === undefined) return { ok: true, cookies: false };
	return isAllowedOrigin(origin, headers.host, settings)
		? { ok: true, cookies: true }
		: { ok: false, reason: 'origin not allowed' };
}

function isAllowedOrigin(
	origin: string,
	host: string | undefined,
	settings: OriginSettings
): boolean {
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
	if (settings.ALLOWED_ORIGINS.includes(parsed.origin)) return true;
	if (settings.ORIGIN) return parsed.origin === new URL(settings.ORIGIN).origin;
	// No configured address: the page must come from the host and port this request was sent
	// to (the scheme is not compared: behind a TLS proxy without ORIGIN this server cannot know it).
	return host !== undefined && parsed.host === host.toLowerCase();
}
