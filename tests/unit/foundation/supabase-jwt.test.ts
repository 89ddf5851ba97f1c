import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '$lib/server/auth/jwt';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
const ISSUER = 'https://abcd.supabase.co/auth/v1';
const SUB = '6f1d0c8e-8a43-4c38-9d0c-2f1f4a8f2b10';

let es256: CryptoKey;
let otherEs256: CryptoKey;
let jwk: JWK;
let jwksServer: Server;
let jwksUrl: string;

async function sign(
	key: CryptoKey | Uint8Array,
	alg: 'HS256' | 'ES256',
	claims: { aud?: string; exp?: number | string; iss?: string; sub?: string } = {}
) {
	const jwt = new SignJWT({ email: 'mentor@example.org', role: 'authenticated' })
		.setProtectedHeader({ alg, kid: alg === 'ES256' ? 'key-1' : undefined })
		.setSubject(claims.sub ?? SUB)
		.setIssuer(claims.iss ?? ISSUER)
		.setAudience(claims.aud ?? 'authenticated')
		.setIssuedAt()
		.setExpirationTime(claims.exp ?? '1h');
	return jwt.sign(key);
}

beforeAll(async () => {
	({ privateKey: es256 } = await generateKeyPair('ES256', { extractable: true }).then(
		async (pair) => {
			jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
			return pair;
		}
	));
	({ privateKey: otherEs256 } = await generateKeyPair('ES256'));
	jwksServer = createServer((req, res) => {
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ keys: [jwk] }));
	});
	await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
	jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/auth/v1/.well-known/jwks.json`;
});
afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

const secretKey = new TextEncoder().encode(SECRET);
const past = Math.floor(Date.now() / 1000) - 3600;

describe('Supabase JWT verification: HS256 secret', () => {
	const verify = createJwtVerifier({ secret: SECRET, issuer: ISSUER });

	it('accepts a valid token and returns its claims', async () => {
		const result = await verify(await sign(secretKey, 'HS256'));
		expect(result).toMatchObject({ ok: true, payload: { sub: SUB, email: 'mentor@example.org' } });
	});
	it('rejects an expired token', async () => {
		expect(await verify(await sign(secretKey, 'HS256', { exp: past }))).toEqual({
			ok: false,
			reason: 'expired'
		});
	});
	it('rejects a token signed with another secret', async () => {
		const forged = await sign(new TextEncoder().encode('x'.repeat(40)), 'HS256');
		expect(await verify(forged)).toEqual({ ok: false, reason: 'signature' });
	});
	it('rejects the wrong audience and the wrong issuer', async () => {
		expect(await verify(await sign(secretKey, 'HS256', { aud: 'anon' }))).toEqual({
			ok: false,
			reason: 'audience'
		});
		expect(await verify(await sign(secretKey, 'HS256', { iss: 'https://evil/auth/v1' }))).toEqual({
			ok: false,
			reason: 'issuer'
		});
	});
	it('rejects garbage and a token with a tampered payload', async () => {
		expect(await verify('not-a-jwt')).toEqual({ ok: false, reason: 'malformed' });
		const [h, , s] = (await sign(secretKey, 'HS256')).split('.');
		const payload = Buffer.from(
			JSON.stringify({ sub: SUB, aud: 'authenticated', iss: ISSUER, exp: 9e9 })
		).toString('base64url');
		expect(await verify(`${h}.${payload}.${s}`)).toEqual({ ok: false, reason: 'signature' });
	});
	it('rejects an asymmetric token when no JWKS is configured', async () => {
		expect(await verify(await sign(es256, 'ES256'))).toEqual({ ok: false, reason: 'no_key' });
	});
});

describe('Supabase JWT verification: asymmetric keys (JWKS over HTTP)', () => {
	it('accepts a token signed by a key in the JWKS', async () => {
		const verify = createJwtVerifier({ jwksUrl, issuer: ISSUER });
		expect(await verify(await sign(es256, 'ES256'))).toMatchObject({
			ok: true,
			payload: { sub: SUB }
		});
	});
	it('rejects expired, foreign-key and wrong-audience tokens', async () => {
		const verify = createJwtVerifier({ jwksUrl, issuer: ISSUER });
		expect(await verify(await sign(es256, 'ES256', { exp: past }))).toEqual({
			ok: false,
			reason: 'expired'
		});
		expect(await verify(await sign(otherEs256, 'ES256'))).toEqual({
			ok: false,
			reason: 'signature'
		});
		expect(await verify(await sign(es256, 'ES256', { aud: 'service_role' }))).toEqual({
			ok: false,
			reason: 'audience'
		});
	});
	it('does not accept an HS256 token when only a JWKS is configured (no algorithm confusion)', async () => {
		const verify = createJwtVerifier({ jwksUrl, issuer: ISSUER });
		expect(await verify(await sign(secretKey, 'HS256'))).toEqual({ ok: false, reason: 'no_key' });
	});
	it('verifies with an inline JWKS too', async () => {
		const verify = createJwtVerifier({
			jwks: { keys: [jwk as Record<string, unknown>] },
			issuer: ISSUER
		});
		expect((await verify(await sign(es256, 'ES256'))).ok).toBe(true);
	});
});
