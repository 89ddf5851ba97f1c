import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import type { Mailer } from '$lib/server/mail/mailer';
import { hashPassword, verifyPassword } from './passwords';
import { knownDevice, rememberDevice } from './device-cookie';
import { memoryLimiters, type Limiters } from './rate-limit';
import { createSignInThrottle, type ThrottleSettings } from './sign-in-throttle';
import { createChallenge, createLocalMfa, hasMfa, verifyChallenge } from './mfa';
import { hashToken, newToken } from './tokens';
import {
	MFA_COOKIE,
	SESSION_COOKIE,
	type AuthProvider,
	type CookieChange,
	type Session,
	type SessionUser,
	type SignInResult
} from './types';

export interface LocalAuthOptions {
	db: Database;
	mailer: Mailer;
	origin: string;
	sessionDays: number;
	/** How failed sign-ins are slowed down (defaults in sign-in-throttle.ts). */
	throttle?: Partial<ThrottleSettings>;
	/** Where attempts are counted: in memory by default, in Redis across app instances. */
	limiters?: Limiters;
}

const RESET_MINUTES = 60;

interface UserRow {
	session_id: string;
	id: string;
	email: string;
	display_name: string | null;
	locale: 'nl' | 'en' | null;
	expires_at: Date;
}

/** Local accounts: e-mail + argon2id password, sessions stored hashed, HTTP-only cookie. */
export function createLocalAuth(options: LocalAuthOptions): AuthProvider {
	const { db, mailer, origin } = options;
	const sessionSeconds = options.sessionDays * 86_400;
	const limiters = options.limiters ?? memoryLimiters;
	const throttle = createSignInThrottle(limiters, 'sign-in', options.throttle);
	const resetLimiter = limiters.create('reset', 3, 15 * 60);
	// Second-step codes: 10 wrong ones per account (and per address) in 15 minutes, on top of
	// the 5 a pending sign-in allows; a million codes cannot be walked through.
	const codeLimiter = limiters.create('mfa-code', 10, 15 * 60);

	async function startSession(tx: Tx, userId: string, userAgent: string): Promise<string> {
		const token = newToken();
		await tx.query(
			`insert into auth.local_sessions (user_id, token_hash, user_agent, expires_at)
			 values ($1, $2, $3, now() + make_interval(secs => $4))`,
			[userId, hashToken(token), userAgent.slice(0, 300), sessionSeconds]
		);
		return token;
	}

	const sessionCookie = (token: string): CookieChange => ({
		name: SESSION_COOKIE,
		value: token,
		maxAge: sessionSeconds
	});
	const clearCookie: CookieChange = { name: SESSION_COOKIE, value: '', maxAge: 0 };

	async function finishSignIn(
		userId: string,
		passwordHash: string,
		userAgent: string,
		deviceCookie: string | undefined
	): Promise<SignInResult> {
		const { token, row } = await db.asService(async (tx) => {
			await tx.query('update auth.users set last_sign_in_at = now() where id = $1', [userId]);
			const token = await startSession(tx, userId, userAgent);
			const rows = await tx.query<UserRow>(
				`select s.id as session_id, u.id, u.email, p.display_name, p.locale, s.expires_at
				 from auth.users u join auth.local_sessions s on s.user_id = u.id
				 left join public.profiles p on p.id = u.id where s.token_hash = $1`,
				[hashToken(token)]
			);
			return { token, row: rows[0] };
		});
		return {
			ok: true,
			session: toSession(row),
			cookies: [sessionCookie(token), rememberDevice(deviceCookie, userId, passwordHash)]
		};
	}

	return {
		kind: 'local',
		mfa: createLocalMfa(db),

		async authenticate(credentials) {
			const token = credentials.cookies[SESSION_COOKIE];
			if (!token || token.length > 100) return null;
			const rows = await db.asService((tx) =>
				tx.query<UserRow>(
					`update auth.local_sessions s set last_seen_at = now()
					 from auth.users u left join public.profiles p on p.id = u.id
					 where s.token_hash = $1 and s.expires_at > now() and u.id = s.user_id
						and u.banned_until is null and u.deleted_at is null
					 returning s.id as session_id, u.id, u.email, p.display_name, p.locale, s.expires_at`,
					[hashToken(token)]
				)
			);
			return rows[0] ? toSession(rows[0]) : null;
		},

		async signIn(email, password, meta) {
			const account = email.trim().toLowerCase();
			const users = await db.asService((tx) =>
				tx.query<{ id: string; encrypted_password: string | null }>(
					'select id, encrypted_password from auth.users where lower(email) = $1 and banned_until is null and deleted_at is null',
					[account]
				)
			);
			const user = users[0];
			const passwordHash = user?.encrypted_password ?? null;
			const attempt = {
				account,
				address: meta.ip,
				device: user && passwordHash ? knownDevice(meta.deviceCookie, user.id, passwordHash) : null
			};
			// While a delay runs, even the right password is not checked (or the delay would not
			// slow down guessing); a device that signed in here before is not held by strangers'
			// failures (sign-in-throttle.ts).
			const wait = await throttle.wait(attempt);
			if (wait) return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait };
			const ok = await verifyPassword(passwordHash, password);
			if (!ok || !user || !passwordHash) {
				await throttle.failed(attempt);
				return { ok: false, reason: 'invalid' };
			}
			await throttle.succeeded(attempt);
			const userId = user.id;
			const challenge = await db.asService(async (tx) =>
				(await hasMfa(tx, userId)) ? createChallenge(tx, userId, meta.userAgent) : null
			);
			if (challenge) {
				return {
					ok: false,
					reason: 'mfa_required',
					cookies: [{ name: MFA_COOKIE, value: challenge, maxAge: 5 * 60 }]
				};
			}
			return finishSignIn(userId, passwordHash, meta.userAgent, meta.deviceCookie);
		},

		async completeSignIn(credentials, code, meta) {
			const token = credentials.cookies[MFA_COOKIE] ?? '';
			const pending = await db.asService((tx) =>
				tx.query<{ user_id: string }>(
					'select user_id from private.mfa_challenges where token_hash = $1 and expires_at > now()',
					[hashToken(token)]
				)
			);
			const userId = pending[0]?.user_id;
			if (!userId) return { ok: false, reason: 'expired' };
			const waits = await Promise.all([
				codeLimiter.check(userId),
				codeLimiter.check(`ip:${meta.ip}`)
			]);
			const wait = Math.max(...waits.map((w) => w ?? 0));
			if (wait > 0) return { ok: false, reason: 'rate_limited', retryAfterSeconds: wait };
			const checked = await verifyChallenge(db, token, code);
			if (!checked.ok) {
				if (checked.reason === 'invalid') {
					await codeLimiter.hit(userId);
					await codeLimiter.hit(`ip:${meta.ip}`);
				}
				return { ok: false, reason: checked.reason };
			}
			const users = await db.asService((tx) =>
				tx.query<{ encrypted_password: string | null }>(
					'select encrypted_password from auth.users where id = $1 and banned_until is null and deleted_at is null',
					[userId]
				)
			);
			const passwordHash = users[0]?.encrypted_password;
			if (!passwordHash) return { ok: false, reason: 'expired' };
			const done = await finishSignIn(userId, passwordHash, meta.userAgent, meta.deviceCookie);
			if (!done.ok) return { ok: false, reason: 'expired' };
			return { ...done, cookies: [...done.cookies, { name: MFA_COOKIE, value: '', maxAge: 0 }] };
		},

		async signOut(credentials, everywhere) {
			const token = credentials.cookies[SESSION_COOKIE];
			if (token) {
				await db.asService((tx) =>
					everywhere
						? tx.query(
								'delete from auth.local_sessions where user_id = (select user_id from auth.local_sessions where token_hash = $1)',
								[hashToken(token)]
							)
						: tx.query('delete from auth.local_sessions where token_hash = $1', [hashToken(token)])
				);
			}
			return [clearCookie];
		},

		async requestPasswordReset(email, meta) {
			const address = email.trim().toLowerCase();
			if ((await resetLimiter.hit(address)) || (await resetLimiter.hit(`ip:${meta.ip}`))) return;
			const token = newToken();
			const user = await db.asService(async (tx) => {
				const users = await tx.query<{ id: string; locale: string | null }>(
					`select u.id, p.locale from auth.users u left join public.profiles p on p.id = u.id
					 where lower(u.email) = $1 and u.deleted_at is null`,
					[address]
				);
				if (!users[0]) return null;
				await tx.query(
					`insert into auth.local_tokens (token_hash, user_id, purpose, expires_at)
					 values ($1, $2, 'password_reset', now() + make_interval(mins => $3))`,
					[hashToken(token), users[0].id, RESET_MINUTES]
				);
				return users[0];
			});
			if (!user) return;
			const link = `${origin}/reset/${token}`;
			const en = user.locale === 'en';
			await mailer.send({
				to: address,
				kind: 'password_reset',
				subject: en ? 'Reset your Mentorpad password' : 'Stel je Mentorpad-wachtwoord opnieuw in',
				text: en
					? `Someone asked to reset the password of this Mentorpad account. Open this link within ${RESET_MINUTES} minutes to choose a new password:\n\n${link}\n\nIf it was not you, ignore this message.`
					: `Iemand vroeg om het wachtwoord van deze Mentorpad-account opnieuw in te stellen. Open deze link binnen ${RESET_MINUTES} minuten om een nieuw wachtwoord te kiezen:\n\n${link}\n\nWas jij het niet? Dan mag je dit bericht negeren.`
			});
		},

		async resetPassword(token, password) {
			const passwordHash = await hashPassword(password);
			return db.asService(async (tx) => {
				const used = await tx.query<{ user_id: string }>(
					`update auth.local_tokens set used_at = now()
					 where token_hash = $1 and purpose = 'password_reset' and used_at is null and expires_at > now()
					 returning user_id`,
					[hashToken(token)]
				);
				if (!used[0]) return null;
				await tx.query(
					'update auth.users set encrypted_password = $2, updated_at = now() where id = $1',
					[used[0].user_id, passwordHash]
				);
				// A new password ends every existing session.
				await tx.query('delete from auth.local_sessions where user_id = $1', [used[0].user_id]);
				return { userId: used[0].user_id };
			});
		},

		async activeSessions(ids) {
			if (ids.length === 0) return new Set();
			const rows = await db.asService((tx) =>
				tx.query<{ id: string }>(
					`select id::text as id from auth.local_sessions
					 where id::text in (select jsonb_array_elements_text($1::jsonb)) and expires_at > now()`,
					[JSON.stringify(ids)]
				)
			);
			return new Set(rows.map((row) => row.id));
		},

		async createAccount(email, password, displayName) {
			const passwordHash = await hashPassword(password);
			return db.asService((tx) => insertUser(tx, email, passwordHash, displayName));
		}
	};
}

/** Creates `auth.users` + `profiles` rows. Shared by accounts and the demo seed. */
export async function insertUser(
	tx: Tx,
	email: string,
	passwordHash: string,
	displayName: string,
	locale: 'nl' | 'en' = 'nl'
): Promise<string> {
	const address = email.trim().toLowerCase();
	const rows = await tx.query<{ id: string }>(
		`insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_user_meta_data)
		 values (gen_random_uuid(), $1, $2, now(), $3) returning id`,
		[address, passwordHash, { display_name: displayName }]
	);
	const id = rows[0].id;
	await tx.query(
		'insert into public.profiles (id, email, display_name, locale) values ($1, $2, $3, $4)',
		[id, address, displayName, locale]
	);
	return id;
}

function toSession(row: UserRow): Session {
	const user: SessionUser = {
		id: row.id,
		email: row.email,
		displayName: row.display_name ?? row.email,
		locale: row.locale ?? 'nl'
	};
	const claims: JwtClaims = {
		sub: row.id,
		role: 'authenticated',
		email: row.email,
		aud: 'authenticated'
	};
	return {
		id: row.session_id,
		user,
		provider: 'local',
		claims,
		expiresAt: new Date(row.expires_at)
	};
}
