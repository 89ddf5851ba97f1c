import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupabaseAuth } from '$lib/server/auth/supabase';
import { PENDING_PREFIX } from '$lib/server/auth/supabase-mfa';
import { newTotpKey, totpCode } from '$lib/server/auth/totp';
import type { AuthProvider, CookieChange } from '$lib/server/auth/types';
import type { Database } from '$lib/server/db/types';
import {
	startGoTrueContractServer,
	type GoTrueContractServer
} from '../helpers/gotrue-mfa-contract-server';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * The Supabase MFA path against a stand-in that answers as GoTrue's API documents (see the
 * helper). Proves: a password sign-in of a person with a verified factor is held back (its AAL1
 * cookies kept under a pending name that signs nothing in), the code goes to the factor's
 * challenge + verify, and only the AAL2 session signs in; an AAL1 session cookie is refused.
 * Does not prove: that a real Supabase project answers the same (enrolment, unenrol, rate limits).
 */
const SECRET = 'a-test-jwt-secret-that-is-long-enough-1234';
const USER = {
	id: '0b8a3f1e-2222-4c38-9d0c-2f1f4a8f2b10',
	email: 'sup.coordinator@example.org',
	password: 'supabase-password-1'
};
const KEY = newTotpKey();
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

let db: Database;
let server: GoTrueContractServer;
let auth: AuthProvider;

beforeAll(async () => {
	db = await createTestDatabase();
	await db.asService((tx) =>
		tx.query('insert into auth.users (id, email) values ($1, $2)', [USER.id, USER.email])
	);
	server = await startGoTrueContractServer({ jwtSecret: SECRET, user: USER, totpKey: KEY });
	auth = createSupabaseAuth({
		db,
		url: server.url,
		anonKey: 'anon-key-for-tests',
		origin: 'http://mentorpad.test',
		verifier: { secret: SECRET }
	});
});
afterAll(async () => {
	await server?.close();
	await db?.close();
});

const jar = (changes: CookieChange[]) =>
	Object.fromEntries(changes.filter((c) => c.maxAge > 0).map((c) => [c.name, c.value]));

describe(`Supabase MFA through the auth port (GoTrue contract, ${testEngine()})`, () => {
	it('holds a password sign-in back until a TOTP code reaches AAL2', async () => {
		const first = await auth.signIn(USER.email, USER.password, meta);
		expect(first).toMatchObject({ ok: false, reason: 'mfa_required' });
		if (first.ok || first.reason !== 'mfa_required') return;
		const pending = jar(first.cookies);
		expect(Object.keys(pending).length).toBeGreaterThan(0);
		expect(Object.keys(pending).every((name) => name.startsWith(PENDING_PREFIX))).toBe(true);
		// The pending cookies sign nothing in, and neither does the AAL1 session under its own name.
		expect(await auth.authenticate({ cookies: pending })).toBeNull();
		const aal1 = Object.fromEntries(
			Object.entries(pending).map(([name, value]) => [name.slice(PENDING_PREFIX.length), value])
		);
		expect(await auth.authenticate({ cookies: aal1 })).toBeNull();

		expect(await auth.completeSignIn({ cookies: pending }, '000000', meta)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		const done = await auth.completeSignIn({ cookies: pending }, totpCode(KEY), meta);
		expect(done.ok).toBe(true);
		if (!done.ok) return;
		expect(done.session.user.id).toBe(USER.id);
		// The pending cookies are cleared; the new session cookies authenticate.
		const cleared = done.cookies.filter((c) => c.name.startsWith(PENDING_PREFIX));
		expect(cleared.length).toBeGreaterThan(0);
		expect(cleared.every((c) => c.maxAge === 0)).toBe(true);
		const signedIn = await auth.authenticate({ cookies: jar(done.cookies) });
		expect(signedIn?.user.id).toBe(USER.id);

		const paths = server.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
		expect(paths).toContain('POST /auth/v1/token');
		expect(paths).toContain('POST /auth/v1/factors/6f0e3c2a-4b8e-4a5e-9d1c-3f2b1a0e9c11/challenge');
		expect(paths).toContain('POST /auth/v1/factors/6f0e3c2a-4b8e-4a5e-9d1c-3f2b1a0e9c11/verify');
	});

	it('says "expired" when no pending sign-in comes with the code', async () => {
		expect(await auth.completeSignIn({ cookies: {} }, totpCode(KEY), meta)).toEqual({
			ok: false,
			reason: 'expired'
		});
	});
});
