import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_COOKIE } from '$lib/server/auth/device-cookie';
import { createLocalAuth } from '$lib/server/auth/local';
import { hashToken } from '$lib/server/auth/tokens';
import { SESSION_COOKIE, type AuthProvider } from '$lib/server/auth/types';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { buildUser, FACTORY_PASSWORD, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let auth: AuthProvider;
let user: BuiltUser;
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

const cookieOf = (result: Awaited<ReturnType<AuthProvider['signIn']>>) => {
	if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
	return result.cookies[0];
};

beforeAll(async () => {
	db = await createTestDatabase();
	const mailer = createOutboxMailer(db, createLogger('silent'));
	auth = createLocalAuth({
		db,
		mailer,
		origin: 'http://mentorpad.test',
		sessionDays: 30,
		throttle: { freeFailures: 3 }
	});
	user = await buildUser(db, { email: 'Person.One@Example.org' });
});
afterAll(() => db.close());

describe(`local auth (${testEngine()})`, () => {
	it('stores passwords as argon2id hashes', async () => {
		const rows = await db.asService((tx) =>
			tx.query<{ encrypted_password: string }>(
				'select encrypted_password from auth.users where id = $1',
				[user.id]
			)
		);
		expect(rows[0].encrypted_password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('signs in with any case of the address, and the session cookie authenticates', async () => {
		const result = await auth.signIn('PERSON.ONE@example.org', FACTORY_PASSWORD, meta);
		const cookie = cookieOf(result);
		expect(cookie.name).toBe(SESSION_COOKIE);
		expect(cookie.maxAge).toBe(30 * 86_400);
		const session = await auth.authenticate({ cookies: { [SESSION_COOKIE]: cookie.value } });
		expect(session?.user).toMatchObject({ id: user.id, email: 'person.one@example.org' });
		expect(session?.claims).toMatchObject({ sub: user.id, role: 'authenticated' });
		expect(session?.provider).toBe('local');
	});

	it('stores only a hash of the session token', async () => {
		const cookie = cookieOf(await auth.signIn(user.email, FACTORY_PASSWORD, meta));
		const rows = await db.asService((tx) =>
			tx.query<{ token_hash: string }>(
				'select token_hash from auth.local_sessions where user_id = $1',
				[user.id]
			)
		);
		const hashes = rows.map((r) => r.token_hash);
		expect(hashes).toContain(hashToken(cookie.value));
		expect(hashes).not.toContain(cookie.value);
	});

	it('refuses a wrong password, an unknown address and a forged cookie', async () => {
		const other = await buildUser(db);
		expect(await auth.signIn(other.email, 'wrong-password', meta)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await auth.signIn('nobody@example.org', FACTORY_PASSWORD, meta)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await auth.authenticate({ cookies: { [SESSION_COOKIE]: 'forged' } })).toBeNull();
		expect(await auth.authenticate({ cookies: {} })).toBeNull();
	});

	it('slows down guessing: after five wrong passwords an unknown device waits, and is told how long', async () => {
		const target = await buildUser(db);
		const stranger = { ip: '198.51.100.20', userAgent: 'vitest' };
		const answers = [];
		for (let i = 0; i < 5; i++) {
			answers.push((await auth.signIn(target.email, 'nope-nope-nope', stranger)).ok || 'refused');
		}
		expect(answers).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
		// Even the right password is not checked while the delay runs (or it would not slow guessing).
		const blocked = await auth.signIn(target.email, FACTORY_PASSWORD, stranger);
		expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
		const seconds = !blocked.ok ? blocked.retryAfterSeconds : 0;
		expect(seconds).toBeGreaterThanOrEqual(1);
		expect(seconds).toBeLessThanOrEqual(4);
	});

	it('five wrong passwords, then the right one from a device that signed in before: it gets in', async () => {
		const target = await buildUser(db);
		const address = { ip: '198.51.100.21', userAgent: 'vitest' };
		const first = await auth.signIn(target.email, FACTORY_PASSWORD, address);
		if (!first.ok) throw new Error('sign-in failed');
		const device = first.cookies.find((cookie) => cookie.name === DEVICE_COOKIE);
		expect(device?.maxAge).toBe(365 * 86_400);
		const known = { ...address, deviceCookie: device!.value };
		for (let i = 0; i < 5; i++) {
			expect(await auth.signIn(target.email, 'nope-nope-nope', known)).toMatchObject({
				reason: 'invalid'
			});
		}
		// Someone else guessing from the same address waits; the owner's own device does not.
		for (let i = 0; i < 5; i++) await auth.signIn(target.email, 'guess-guess-guess', address);
		expect(await auth.signIn(target.email, FACTORY_PASSWORD, address)).toMatchObject({
			reason: 'rate_limited'
		});
		const again = await auth.signIn(target.email, FACTORY_PASSWORD, known);
		expect(again.ok).toBe(true);
		// The cookie proves nothing for another account.
		const other = await buildUser(db);
		for (let i = 0; i < 5; i++) await auth.signIn(other.email, 'guess-guess-guess', address);
		expect(await auth.signIn(other.email, FACTORY_PASSWORD, known)).toMatchObject({
			reason: 'rate_limited'
		});
	});

	it('many failures on one account from one address do not lock the others behind it', async () => {
		const nat = { ip: '198.51.100.22', userAgent: 'vitest' };
		const target = await buildUser(db);
		for (let i = 0; i < 30; i++) await auth.signIn(target.email, 'nope-nope-nope', nat);
		const neighbour = await buildUser(db);
		expect((await auth.signIn(neighbour.email, FACTORY_PASSWORD, nat)).ok).toBe(true);
	});

	it('a classroom behind one address, each with a typo, still signs in', async () => {
		const nat = { ip: '198.51.100.23', userAgent: 'vitest' };
		const pupils = await Promise.all(Array.from({ length: 25 }, () => buildUser(db)));
		for (const pupil of pupils) {
			expect(await auth.signIn(pupil.email, 'typo-typo-typo', nat)).toMatchObject({
				reason: 'invalid'
			});
		}
		for (const pupil of pupils.slice(-3)) {
			expect((await auth.signIn(pupil.email, FACTORY_PASSWORD, nat)).ok).toBe(true);
		}
	});

	it('signs out one session, or everywhere', async () => {
		const target = await buildUser(db);
		const a = cookieOf(await auth.signIn(target.email, FACTORY_PASSWORD, meta)).value;
		const b = cookieOf(await auth.signIn(target.email, FACTORY_PASSWORD, meta)).value;
		const c = cookieOf(await auth.signIn(target.email, FACTORY_PASSWORD, meta)).value;
		const cleared = await auth.signOut({ cookies: { [SESSION_COOKIE]: a } }, false);
		expect(cleared).toEqual([{ name: SESSION_COOKIE, value: '', maxAge: 0 }]);
		expect(await auth.authenticate({ cookies: { [SESSION_COOKIE]: a } })).toBeNull();
		expect(await auth.authenticate({ cookies: { [SESSION_COOKIE]: b } })).not.toBeNull();
		await auth.signOut({ cookies: { [SESSION_COOKIE]: b } }, true);
		expect(await auth.authenticate({ cookies: { [SESSION_COOKIE]: b } })).toBeNull();
		expect(await auth.authenticate({ cookies: { [SESSION_COOKIE]: c } })).toBeNull();
	});

	it('refuses an expired session', async () => {
		const target = await buildUser(db);
		const cookie = cookieOf(await auth.signIn(target.email, FACTORY_PASSWORD, meta));
		await db.asService((tx) =>
			tx.query(
				"update auth.local_sessions set expires_at = now() - interval '1 second' where token_hash = $1",
				[hashToken(cookie.value)]
			)
		);
		expect(await auth.authenticate({ cookies: { [SESSION_COOKIE]: cookie.value } })).toBeNull();
	});

	it('says which sessions are still signed in', async () => {
		const person = await buildUser(db);
		const sessionOf = async () => {
			const result = await auth.signIn(person.email, FACTORY_PASSWORD, meta);
			if (!result.ok) throw new Error('sign-in failed');
			return { id: result.session.id, cookie: result.cookies[0].value };
		};
		const [kept, ended] = [await sessionOf(), await sessionOf()];
		await auth.signOut({ cookies: { [SESSION_COOKIE]: ended.cookie } }, false);
		const active = await auth.activeSessions([
			kept.id,
			ended.id,
			'00000000-0000-4000-8000-000000000000',
			'not-a-session-id'
		]);
		expect(active).toEqual(new Set([kept.id]));
		expect(await auth.activeSessions([])).toEqual(new Set());
	});

	it('resets a password through the mailed link, once, and ends old sessions', async () => {
		const target = await buildUser(db);
		const old = cookieOf(await auth.signIn(target.email, FACTORY_PASSWORD, meta)).value;
		await auth.requestPasswordReset(target.email, meta);
		const mail = await db.asService((tx) =>
			tx.query<{ body_text: string; kind: string }>(
				"select body_text, kind from public.mail_outbox where to_email = $1 and kind = 'password_reset'",
				[target.email]
			)
		);
		expect(mail).toHaveLength(1);
		const token = /http:\/\/mentorpad\.test\/reset\/([A-Za-z0-9_-]+)/.exec(mail[0].body_text)?.[1];
		expect(token).toBeTruthy();
		expect(await auth.resetPassword(token!, 'a-brand-new-password')).toEqual({
			userId: target.id
		});
		expect(await auth.resetPassword(token!, 'another-new-password')).toBeNull();
		expect(await auth.authenticate({ cookies: { [SESSION_COOKIE]: old } })).toBeNull();
		expect((await auth.signIn(target.email, 'a-brand-new-password', meta)).ok).toBe(true);
		expect((await auth.signIn(target.email, FACTORY_PASSWORD, meta)).ok).toBe(false);
	});

	it('says nothing and sends nothing for an unknown address', async () => {
		await auth.requestPasswordReset('ghost@example.org', meta);
		const mail = await db.asService((tx) =>
			tx.query("select 1 from public.mail_outbox where to_email = 'ghost@example.org'")
		);
		expect(mail).toHaveLength(0);
	});
});
