import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, updateProfile } from '$lib/server/auth/account-settings';
import { confirmEmailChange, requestEmailChange } from '$lib/server/auth/email-change';
import { createLocalAuth } from '$lib/server/auth/local';
import {
	coordinatorMfaSetting,
	mfaRequiredFor,
	mfaStatus,
	setCoordinatorMfa
} from '$lib/server/auth/mfa';
import { listSessions, revokeOtherSessions, revokeSession } from '$lib/server/auth/sessions';
import { totpCode } from '$lib/server/auth/totp';
import {
	MFA_COOKIE,
	SESSION_COOKIE,
	type AuthProvider,
	type Session,
	type SignInResult
} from '$lib/server/auth/types';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer, type Mailer } from '$lib/server/mail/mailer';
import { buildMembership, buildProgram, buildUser, FACTORY_PASSWORD } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let auth: AuthProvider;
let mailer: Mailer;
const ORIGIN = 'http://mentorpad.test';
const meta = { ip: '127.0.0.1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' };

beforeAll(async () => {
	db = await createTestDatabase();
	mailer = createOutboxMailer(db, createLogger('silent'));
	auth = createLocalAuth({ db, mailer, origin: ORIGIN, sessionDays: 30 });
});
afterAll(() => db.close());

async function signIn(email: string, password = FACTORY_PASSWORD, agent = meta.userAgent) {
	const result = await auth.signIn(email, password, { ...meta, userAgent: agent });
	if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
	return { session: result.session, cookie: result.cookies[0].value };
}
const asCookie = (token: string) => ({ cookies: { [SESSION_COOKIE]: token } });
const creds = { cookies: {} };

async function secretOf(userId: string): Promise<Uint8Array> {
	const rows = await db.asService((tx) =>
		tx.query<{ secret: Uint8Array }>('select secret from private.totp_factors where user_id = $1', [
			userId
		])
	);
	return new Uint8Array(rows[0].secret);
}

async function mails(to: string, kind: string) {
	return db.asService((tx) =>
		tx.query<{ body_text: string }>(
			'select body_text from public.mail_outbox where to_email = $1 and kind = $2 order by created_at',
			[to, kind]
		)
	);
}

async function enrol(session: Session, now = new Date()) {
	const enrolment = await auth.mfa.startEnrolment(creds, session);
	expect(enrolment?.qrSvg).toContain('<svg');
	const key = await secretOf(session.user.id);
	expect(enrolment?.secret.replace(/ /g, '')).toHaveLength(32);
	const confirmed = await auth.mfa.confirmEnrolment(creds, session, totpCode(key, now));
	return { key, codes: confirmed?.recoveryCodes ?? [] };
}

const pendingCookie = (result: SignInResult) => {
	if (result.ok || result.reason !== 'mfa_required') throw new Error('expected mfa_required');
	expect(result.cookies[0].name).toBe(MFA_COOKIE);
	return { cookies: { [MFA_COOKIE]: result.cookies[0].value } };
};

describe(`two-step sign-in (${testEngine()})`, () => {
	it('enrol → sign-in asks for a code → a TOTP code once → a recovery code once', async () => {
		const user = await buildUser(db);
		const { session } = await signIn(user.email);
		expect(await auth.mfa.status(creds, session)).toEqual({
			enabled: false,
			recoveryCodesLeft: 0
		});
		// A wrong first code confirms nothing.
		await auth.mfa.startEnrolment(creds, session);
		expect(await auth.mfa.confirmEnrolment(creds, session, '000000')).toBeNull();
		const { key, codes } = await enrol(session, new Date(Date.now() - 30_000));
		expect(codes).toHaveLength(10);
		expect(await mfaStatus(db, user.id)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
		// A second enrolment is refused while one is on.
		expect(await auth.mfa.startEnrolment(creds, session)).toBeNull();

		// The password alone no longer signs in: no session cookie, a pending one.
		const first = await auth.signIn(user.email, FACTORY_PASSWORD, meta);
		expect(first.ok).toBe(false);
		const pending = pendingCookie(first);
		expect(
			await auth.authenticate({ cookies: { [SESSION_COOKIE]: pending.cookies[MFA_COOKIE] } })
		).toBeNull();
		expect((await auth.completeSignIn(pending, '000000', meta)).ok).toBe(false);
		const code = totpCode(key);
		const done = await auth.completeSignIn(pending, code, meta);
		expect(done.ok).toBe(true);
		if (!done.ok) return;
		expect(await auth.authenticate(asCookie(done.cookies[0].value))).toMatchObject({
			user: { id: user.id }
		});
		// The pending sign-in is used up, and the same code does not work for another one.
		expect(await auth.completeSignIn(pending, code, meta)).toEqual({
			ok: false,
			reason: 'expired'
		});
		const again = pendingCookie(await auth.signIn(user.email, FACTORY_PASSWORD, meta));
		expect(await auth.completeSignIn(again, code, meta)).toEqual({ ok: false, reason: 'invalid' });

		// A recovery code works once.
		const recovered = await auth.completeSignIn(again, codes[0].toUpperCase(), meta);
		expect(recovered.ok).toBe(true);
		const third = pendingCookie(await auth.signIn(user.email, FACTORY_PASSWORD, meta));
		expect(await auth.completeSignIn(third, codes[0], meta)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await mfaStatus(db, user.id)).recoveryCodesLeft).toBe(9);
	});

	it('stores recovery codes hashed and the key where no API role can read it', async () => {
		const user = await buildUser(db);
		const { session } = await signIn(user.email);
		const { codes } = await enrol(session);
		const stored = await db.asService((tx) =>
			tx.query<{ code_hash: string }>(
				'select code_hash from private.recovery_codes where user_id = $1',
				[user.id]
			)
		);
		expect(stored.map((r) => r.code_hash)).not.toContain(codes[0]);
		for (const table of ['totp_factors', 'recovery_codes', 'mfa_challenges', 'email_changes']) {
			await expect(
				db.asUser(user.claims, (tx) => tx.query(`select * from private.${table}`))
			).rejects.toThrow(/permission denied/);
			await expect(
				db.asUser(null, (tx) => tx.query(`select * from private.${table}`))
			).rejects.toThrow(/permission denied/);
		}
		await expect(
			db.asUser(user.claims, (tx) =>
				tx.query('update private.totp_factors set last_step = 0 where user_id = $1', [user.id])
			)
		).rejects.toThrow(/permission denied/);
	});

	it('stops a pending sign-in after five wrong codes', async () => {
		const user = await buildUser(db);
		const { session } = await signIn(user.email);
		const { key } = await enrol(session);
		const pending = pendingCookie(await auth.signIn(user.email, FACTORY_PASSWORD, meta));
		for (let i = 0; i < 5; i++) {
			expect(await auth.completeSignIn(pending, '000000', meta)).toMatchObject({ ok: false });
		}
		expect(await auth.completeSignIn(pending, totpCode(key), meta)).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('turning it off lets the password sign in again', async () => {
		const user = await buildUser(db);
		const { session } = await signIn(user.email);
		await enrol(session);
		await auth.mfa.disable(creds, session);
		expect((await auth.signIn(user.email, FACTORY_PASSWORD, meta)).ok).toBe(true);
		expect(await mfaStatus(db, user.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
	});

	it('is required for coordinators of a programme that says so, and only for them', async () => {
		const program = await buildProgram(db);
		const coordinator = await buildUser(db);
		const mentor = await buildUser(db);
		await buildMembership(db, program.id, coordinator, 'coordinator');
		await buildMembership(db, program.id, mentor, 'mentor');
		expect(await mfaRequiredFor(db, coordinator.id)).toBe(false);
		await db.asUser(coordinator.claims, (tx) =>
			tx.query('update public.programs set require_coordinator_mfa = true where id = $1', [
				program.id
			])
		);
		expect(await mfaRequiredFor(db, coordinator.id)).toBe(true);
		expect(await mfaRequiredFor(db, mentor.id)).toBe(false);
		// A mentor cannot turn the setting off (programme policy: coordinators only).
		await db.asUser(mentor.claims, (tx) =>
			tx.query('update public.programs set require_coordinator_mfa = false where id = $1', [
				program.id
			])
		);
		expect(await mfaRequiredFor(db, coordinator.id)).toBe(true);
	});
});

describe(`devices and sessions (${testEngine()})`, () => {
	it('lists the devices with labels and ends one or all others', async () => {
		const user = await buildUser(db);
		const here = await signIn(user.email);
		const phone = await signIn(
			user.email,
			FACTORY_PASSWORD,
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1'
		);
		const third = await signIn(user.email);
		const list = await listSessions(db, user.id, here.session.id);
		expect(list).toHaveLength(3);
		expect(list.filter((s) => s.current).map((s) => s.id)).toEqual([here.session.id]);
		expect(list.find((s) => s.id === phone.session.id)).toMatchObject({
			browser: 'Safari',
			os: 'iOS',
			mobile: true
		});

		// Someone else cannot end my session by its id.
		const stranger = await buildUser(db);
		expect(await revokeSession(db, stranger.id, phone.session.id)).toEqual([]);
		expect(await auth.authenticate(asCookie(phone.cookie))).not.toBeNull();

		expect(await revokeSession(db, user.id, phone.session.id)).toEqual([phone.session.id]);
		expect(await auth.authenticate(asCookie(phone.cookie))).toBeNull();
		expect(await auth.authenticate(asCookie(third.cookie))).not.toBeNull();

		expect(await revokeOtherSessions(db, user.id, here.session.id)).toEqual([third.session.id]);
		expect(await auth.authenticate(asCookie(third.cookie))).toBeNull();
		expect(await auth.authenticate(asCookie(here.cookie))).not.toBeNull();
	});
});

describe(`account settings (${testEngine()})`, () => {
	it('changes name and language through row-level security', async () => {
		const user = await buildUser(db);
		await updateProfile(db, user.claims, { displayName: 'New Name', locale: 'en' });
		const { session } = await signIn(user.email);
		expect(session.user).toMatchObject({ displayName: 'New Name', locale: 'en' });
	});

	it('changes the password only with the current one, ends other sessions and tells the person', async () => {
		const user = await buildUser(db);
		const here = await signIn(user.email);
		const other = await signIn(user.email);
		expect(
			await changePassword(db, {
				userId: user.id,
				current: 'wrong-password',
				next: 'a-new-password-1',
				keepSessionId: here.session.id
			})
		).toEqual({
			ok: false,
			reason: 'wrong_password'
		});
		const changed = await changePassword(db, {
			userId: user.id,
			current: FACTORY_PASSWORD,
			next: 'a-new-password-1',
			keepSessionId: here.session.id
		});
		expect(changed).toEqual({ ok: true, endedSessions: [other.session.id] });
		expect(await auth.authenticate(asCookie(other.cookie))).toBeNull();
		expect(await auth.authenticate(asCookie(here.cookie))).not.toBeNull();
		expect((await auth.signIn(user.email, 'a-new-password-1', meta)).ok).toBe(true);
		expect((await auth.signIn(user.email, FACTORY_PASSWORD, meta)).ok).toBe(false);
	});

	it('changes the e-mail address only after the link sent to the new address is opened', async () => {
		const user = await buildUser(db);
		const here = await signIn(user.email);
		const other = await signIn(user.email);
		const fresh = `moved-${user.id.slice(0, 8)}@example.org`;
		const taken = await buildUser(db);
		const profile = { id: user.id, email: user.email, locale: 'nl' as const };
		expect(await requestEmailChange({ db, mailer, origin: ORIGIN }, profile, taken.email)).toEqual({
			ok: false,
			reason: 'taken'
		});
		expect(
			await requestEmailChange({ db, mailer, origin: ORIGIN }, profile, user.email.toUpperCase())
		).toEqual({
			ok: false,
			reason: 'same'
		});
		expect(await requestEmailChange({ db, mailer, origin: ORIGIN }, profile, fresh)).toEqual({
			ok: true
		});

		// Nothing changed yet: the old address still signs in, the new one does not.
		expect((await auth.signIn(fresh, FACTORY_PASSWORD, meta)).ok).toBe(false);
		expect((await auth.signIn(user.email, FACTORY_PASSWORD, meta)).ok).toBe(true);
		const [mail] = await mails(fresh, 'email_change');
		const token = /\/account\/email\/([\w-]+)/.exec(mail.body_text)?.[1] ?? '';
		expect(token).not.toBe('');
		expect(await confirmEmailChange({ db, mailer, origin: ORIGIN }, 'not-a-token', null)).toEqual({
			ok: false,
			reason: 'unknown'
		});

		const confirmed = await confirmEmailChange(
			{ db, mailer, origin: ORIGIN },
			token,
			here.session.id
		);
		expect(confirmed).toMatchObject({ ok: true, userId: user.id, email: fresh });
		expect(await auth.authenticate(asCookie(other.cookie))).toBeNull();
		expect((await auth.authenticate(asCookie(here.cookie)))?.user.email).toBe(fresh);
		expect((await auth.signIn(fresh, FACTORY_PASSWORD, meta)).ok).toBe(true);
		expect((await auth.signIn(user.email, FACTORY_PASSWORD, meta)).ok).toBe(false);
		expect(await mails(user.email, 'security_email')).toHaveLength(1);
		// The link works once.
		expect(await confirmEmailChange({ db, mailer, origin: ORIGIN }, token, null)).toEqual({
			ok: false,
			reason: 'unknown'
		});
	});
});

describe(`the programme's coordinator rule (${testEngine()})`, () => {
	it('is set by a coordinator (audited), not by a mentor', async () => {
		const program = await buildProgram(db);
		const coordinator = await buildUser(db);
		const mentor = await buildUser(db);
		await buildMembership(db, program.id, coordinator, 'coordinator');
		await buildMembership(db, program.id, mentor, 'mentor');
		expect(await setCoordinatorMfa(db, coordinator.claims, program.id, true)).toBe(true);
		expect(await coordinatorMfaSetting(db, coordinator.claims, program.id)).toBe(true);
		expect(await setCoordinatorMfa(db, mentor.claims, program.id, false)).toBe(false);
		expect(await mfaRequiredFor(db, coordinator.id)).toBe(true);
		const events = await db.asService((tx) =>
			tx.query<{ details: { on: boolean } }>(
				"select details from public.audit_events where program_id = $1 and action = 'program.coordinator_mfa'",
				[program.id]
			)
		);
		expect(events.map((e) => e.details)).toEqual([{ on: true }]);
	});
});
