import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token (256 bits). Only its hash is stored. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

const COOKIE_PAIR = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/;

/** Parses a Cookie header (for the WebSocket upgrade, which has no SvelteKit `cookies`). */
export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	if (!header) return out;
	for (const part of header.split(';')) {
		const match = COOKIE_PAIR.exec(part);
		if (!match) continue;
		try {
			out[match[1]] = decodeURIComponent(match[2]);
		} catch {
			out[match[1]] = match[2];
		}
	}
	return out;
}
