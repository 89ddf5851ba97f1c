import { parseCookie } from 'cookie';

/**
 * The one Cookie-header parser of the server, used by HTTP requests (`credentialsOf`) and by the
 * WebSocket upgrade alike, so both read the same session from the same header. It is the `cookie`
 * package SvelteKit's own `cookies.get` uses: a name sent twice (`mp_session=a; mp_session=b`,
 * e.g. a cookie set for a sub-path or a sibling sub-domain next to ours) counts by its FIRST
 * occurrence. Browsers list the cookie with the longest path first (RFC 6265, 5.4), so the first
 * is the one meant for this path; an HTTP request and a socket must never disagree about it.
 */
export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	if (!header) return out;
	for (const [name, value] of Object.entries(parseCookie(header))) {
		if (value !== undefined) out[name] = value;
	}
	return out;
}
