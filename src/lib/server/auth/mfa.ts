import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import type { MfaEnrolment, MfaPort, MfaStatus } from './types';
import { hashToken, newToken } from './tokens';
import {
	formatTotpKey,
	hashRecoveryCode,
	isRecoveryCode,
	matchTotp,
	newRecoveryCodes,
	newTotpKey,
	totpQrSvg,
	totpUri
} from './totp';

/** How long a sign-in may wait for its second step, and how many codes it may try. */
export const CHALLENGE_SECONDS = 5 * 60;
export const CHALLENGE_ATTEMPTS = 5;

/** The MFA port of local accounts (types.ts). */
export function createLocalMfa(db: Database): MfaPort {
	return {
		status: (_credentials, session) => mfaStatus(db, session.user.id),
		startEnrolment: (_credentials, session) =>
			startEnrolment(db, session.user.id, session.user.email),
		async confirmEnrolment(_credentials, session, code) {
			const recoveryCodes = await confirmEnrolment(db, session.user.id, code);
			return recoveryCodes ? { recoveryCodes } : null;
		},
		disable: (_credentials, session) => disableMfa(db, session.user.id)
	};
}

/** Two-step sign-in of a local account: TOTP factor, recovery codes, pending sign-ins. */
export async function mfaStatus(db: Database, userId: string): Promise<MfaStatus> {
	const rows = await db.asService((tx) =>
		tx.query<{ enabled: boolean; left: number }>(
			`select exists (select 1 from private.totp_factors
					where user_id = $1 and confirmed_at is not null) as enabled,
				(select count(*)::int from private.recovery_codes
					where user_id = $1 and used_at is null) as left`,
			[userId]
		)
	);
	return { enabled: rows[0].enabled, recoveryCodesLeft: rows[0].left };
}

export async function hasMfa(tx: Tx, userId: string): Promise<boolean> {
	const rows = await tx.query(
		'select 1 from private.totp_factors where user_id = $1 and confirmed_at is not null',
		[userId]
	);
	return rows.length > 0;
}

/**
 * Starts (or restarts) enrolment: a new key waits for a first code. Shown once; a person who
 * already uses a second step must turn it off first. Null then.
 */
export async function startEnrolment(
	db: Database,
	userId: string,
	account: string
): Promise<MfaEnrolment | null> {
	const key = newTotpKey();
	const stored = await db.asService((tx) =>
		tx.query(
			`insert into private.totp_factors (user_id, secret) values ($1, $2)
			 on conflict (user_id) do update set secret = excluded.secret, last_step = 0,
				created_at = now()
			 where private.totp_factors.confirmed_at is null
			 returning user_id`,
			[userId, Buffer.from(key)]
		)
	);
	if (stored.length === 0) return null;
	const uri = totpUri(account, key);
	return { secret: formatTotpKey(key), uri, qrSvg: await totpQrSvg(uri) };
}

/**
 * Confirms enrolment with a first code; returns the recovery codes (shown this once) or null when
 * the code is wrong. The caller ends the person's other sessions and tells them by e-mail.
 */
export async function confirmEnrolment(
	db: Database,
	userId: string,
	code: string,
	now = new Date()
): Promise<string[] | null> {
	return db.asService(async (tx) => {
		const rows = await tx.query<{ secret: Uint8Array; last_step: string }>(
			`select secret, last_step from private.totp_factors
			 where user_id = $1 and confirmed_at is null for update`,
			[userId]
		);
		if (!rows[0]) return null;
		const step = matchTotp(toBytes(rows[0].secret), code, now, BigInt(rows[0].last_step));
		if (step === null) return null;
		await tx.query(
			'update private.totp_factors set confirmed_at = now(), last_step = $2 where user_id = $1',
			[userId, step.toString()]
		);
		return replaceRecoveryCodes(tx, userId);
	});
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(db: Database, userId: string): Promise<string[]> {
	return db.asService((tx) => replaceRecoveryCodes(tx, userId));
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
	const codes = newRecoveryCodes();
	await tx.query('delete from private.recovery_codes where user_id = $1', [userId]);
	await tx.query(
		`insert into private.recovery_codes (user_id, code_hash)
		 select $1, h from jsonb_array_elements_text($2::jsonb) as h`,
		[userId, JSON.stringify(codes.map(hashRecoveryCode))]
	);
	return codes;
}

/** Turns the second step off (the caller has checked the password). */
export async function disableMfa(db: Database, userId: string): Promise<void> {
	await db.asService(async (tx) => {
		await tx.query('delete from private.totp_factors where user_id = $1', [userId]);
		await tx.query('delete from private.recovery_codes where user_id = $1', [userId]);
		await tx.query('delete from private.mfa_challenges where user_id = $1', [userId]);
	});
}

/** A sign-in that passed its password and waits for the second step; returns the cookie token. */
export async function createChallenge(tx: Tx, userId: string, userAgent: string): Promise<string> {
	const token = newToken();
	await tx.query('delete from private.mfa_challenges where expires_at < now()');
	await tx.query(
		`insert into private.mfa_challenges (token_hash, user_id, user_agent, expires_at)
		 values ($1, $2, $3, now() + make_interval(secs => $4))`,
		[hashToken(token), userId, userAgent.slice(0, 300), CHALLENGE_SECONDS]
	);
	return token;
}

export type ChallengeResult =
	| { ok: true; userId: string; usedRecoveryCode: boolean }
	| { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks a second-step code (TOTP or recovery code) for a pending sign-in. A TOTP code is
 * accepted once (its step is stored); a recovery code is spent. After CHALLENGE_ATTEMPTS wrong
 * codes, or after CHALLENGE_SECONDS, the pending sign-in is gone and the password is asked again.
 */
export async function verifyChallenge(
	db: Database,
	token: string,
	code: string,
	now = new Date()
): Promise<ChallengeResult> {
	if (!token || token.length > 100) return { ok: false, reason: 'expired' };
	return db.asService(async (tx) => {
		const pending = await tx.query<{ user_id: string; attempts: number }>(
			`update private.mfa_challenges set attempts = attempts + 1
			 where token_hash = $1 and expires_at > now() and attempts < $2
			 returning user_id, attempts`,
			[hashToken(token), CHALLENGE_ATTEMPTS]
		);
		if (!pending[0]) return { ok: false, reason: 'expired' };
		const userId = pending[0].user_id;
		const accepted = await acceptCode(tx, userId, code, now);
		if (!accepted) return { ok: false, reason: 'invalid' };
		await tx.query('delete from private.mfa_challenges where token_hash = $1', [hashToken(token)]);
		return { ok: true, userId, usedRecoveryCode: accepted === 'recovery' };
	});
}

/** Accepts a TOTP code (not seen before) or an unused recovery code of this person. */
async function acceptCode(
	tx: Tx,
	userId: string,
	code: string,
	now: Date
): Promise<'totp' | 'recovery' | null> {
	if (isRecoveryCode(code)) {
		const spent = await tx.query(
			`update private.recovery_codes set used_at = now()
			 where user_id = $1 and code_hash = $2 and used_at is null returning id`,
			[userId, hashRecoveryCode(code)]
		);
		return spent.length > 0 ? 'recovery' : null;
	}
	const rows = await tx.query<{ secret: Uint8Array; last_step: string }>(
		`select secret, last_step from private.totp_factors
		 where user_id = $1 and confirmed_at is not null for update`,
		[userId]
	);
	if (!rows[0]) return null;
	const step = matchTotp(toBytes(rows[0].secret), code, now, BigInt(rows[0].last_step));
	if (step === null) return null;
	await tx.query('update private.totp_factors set last_step = $2 where user_id = $1', [
		userId,
		step.toString()
	]);
	return 'totp';
}

/** bytea arrives as a Buffer (pg) or a Uint8Array (PGlite). */
function toBytes(value: Uint8Array): Uint8Array {
	return new Uint8Array(value);
}

/**
 * Whether the person coordinates a programme that requires a second sign-in step
 * (`programs.require_coordinator_mfa`); such a coordinator without one is sent to set it up.
 */
export async function mfaRequiredFor(db: Database, userId: string): Promise<boolean> {
	const rows = await db.asService((tx) =>
		tx.query(
			`select 1 from public.memberships m join public.programs p on p.id = m.program_id
			 where m.user_id = $1 and m.role = 'coordinator' and m.status = 'active'
				and p.require_coordinator_mfa limit 1`,
			[userId]
		)
	);
	return rows.length > 0;
}

/** Where a signed-in person must go first: the set-up page when their programme requires it. */
export async function mfaSetupPath(
	db: Database,
	session: { provider: 'local' | 'supabase'; user: { id: string } }
): Promise<string | null> {
	if (session.provider !== 'local' || !(await mfaRequiredFor(db, session.user.id))) return null;
	return (await mfaStatus(db, session.user.id)).enabled ? null : '/account/security?required=1';
}

/** The programme setting, read as its coordinator (row-level security decides who sees it). */
export async function coordinatorMfaSetting(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<boolean> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ on: boolean }>(
			'select require_coordinator_mfa as on from public.programs where id = $1',
			[programId]
		)
	);
	return rows[0]?.on ?? false;
}

/** Turns the programme's "coordinators sign in with two steps" on or off (audited). */
export async function setCoordinatorMfa(
	db: Database,
	claims: JwtClaims,
	programId: string,
	on: boolean
): Promise<boolean> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			`update public.programs set require_coordinator_mfa = $2, updated_at = now()
			 where id = $1 returning id`,
			[programId, on]
		);
		if (!rows[0]) return false;
		await audit(tx, 'program.coordinator_mfa', 'program', programId, programId, { on });
		return true;
	});
}
