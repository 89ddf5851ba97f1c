/**
 * Where a request may send the browser next (`/login?next=…`, the language switch's `back`):
 * only a path on this site. Every such target taken from a request goes through this one check.
 *
 * A prefix test is not enough, because browsers repair URLs before they follow them: they drop
 * tabs and newlines and read a backslash as a slash, so `/\evil.example`, `/%5Cevil.example`
 * (decoded by the query parser) and `/\t/evil.example` all become `//evil.example`, another site.
 * So: no control characters or backslashes at all, a path that starts with one `/`, resolved
 * against our origin and still on it, and what is returned is the resolved path (never the raw
 * input), checked again because resolving `/.//evil.example` yields `//evil.example`.
 */
export function safeRedirectPath(target: unknown, origin: string, fallback: string): string {
	if (typeof target !== 'string' || target === '' || target.length > 2_000) return fallback;
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
	if (/[\u0000-\u001f\u007f\\]/.test(target)) return fallback;
	if (!target.startsWith('/') || target.startsWith('//')) return fallback;
	let resolved: URL;
	try {
		resolved = new URL(target, origin);
	} catch {
		return fallback;
	}
	if (resolved.origin !== new URL(origin).origin) return fallback;
	const path = resolved.pathname + resolved.search + resolved.hash;
	return path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}
