import { describe, expect, it } from 'vitest';
import {
	applySecurityHeaders,
	FALLBACK_CSP,
	securityHeaders,
	servedOverHttps,
	withWebSocketSource
} from '$lib/server/security-headers';

const http = new URL('http://localhost:3000/programs');
const https = new URL('https://mentorpad.example.org/programs');

describe('security headers', () => {
	it('are the same set for any response, with HSTS only over https', () => {
		const plain = securityHeaders(false);
		expect(plain).toMatchObject({
			'content-security-policy': FALLBACK_CSP,
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'strict-origin-when-cross-origin',
			'x-frame-options': 'DENY'
		});
		expect(plain['permissions-policy']).toContain('camera=()');
		expect(plain['permissions-policy']).toContain('microphone=()');
		expect(plain['permissions-policy']).toContain('geolocation=()');
		expect(plain).not.toHaveProperty('strict-transport-security');
		expect(securityHeaders(true)['strict-transport-security']).toBe('max-age=31536000');
		expect(FALLBACK_CSP).toContain("frame-ancestors 'none'");
	});

	it('add the page host WebSocket to connect-src', () => {
		const page = "default-src 'self'; connect-src 'self'; frame-ancestors 'none'";
		expect(withWebSocketSource(page, http)).toBe(
			"default-src 'self'; connect-src 'self' ws://localhost:3000; frame-ancestors 'none'"
		);
		expect(withWebSocketSource(page, https)).toContain(
			"connect-src 'self' wss://mentorpad.example.org;"
		);
		expect(withWebSocketSource("default-src 'self'", http)).toBe(
			"default-src 'self'; connect-src 'self' ws://localhost:3000"
		);
		const once = withWebSocketSource(page, http);
		expect(withWebSocketSource(once, http)).toBe(once);
	});

	it("keep a page's policy and fill in the rest, also on immutable responses", () => {
		const page = new Response('<html></html>', {
			headers: { 'content-security-policy': "script-src 'self' 'nonce-abc'; connect-src 'self'" }
		});
		const out = applySecurityHeaders(page, https);
		expect(out.headers.get('content-security-policy')).toBe(
			"script-src 'self' 'nonce-abc'; connect-src 'self' wss://mentorpad.example.org"
		);
		expect(out.headers.get('strict-transport-security')).toBe('max-age=31536000');

		const redirect = applySecurityHeaders(Response.redirect('http://localhost:3000/x', 303), http);
		expect(redirect.status).toBe(303);
		expect(redirect.headers.get('location')).toBe('http://localhost:3000/x');
		expect(redirect.headers.get('content-security-policy')).toBe(FALLBACK_CSP);
		expect(redirect.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('tell https as adapter-node does: ORIGIN, else the protocol header', () => {
		expect(servedOverHttps({ ORIGIN: 'https://m.example' }, {})).toBe(true);
		expect(servedOverHttps({ ORIGIN: 'http://localhost:3000' }, {})).toBe(false);
		const proxy = { PROTOCOL_HEADER: 'x-forwarded-proto' };
		expect(servedOverHttps(proxy, { 'x-forwarded-proto': 'https' })).toBe(true);
		expect(servedOverHttps(proxy, { 'x-forwarded-proto': 'http' })).toBe(false);
		expect(servedOverHttps({}, { 'x-forwarded-proto': 'https' })).toBe(false);
	});
});
