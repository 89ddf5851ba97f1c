import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { hashPassword, verifyPassword } from './passwords';

/** The person's own name and language (row-level security: only their own profile). */
export async function updateProfile(
	db: Database,
	claims: JwtClaims,
	input: { displayName: string; locale: 'nl' | 'en' }
): Promise<void> {
	await db.asUser(claims, (tx) =>
		tx.query(
			'update public.profiles set display_name = $2, locale = $3, updated_at = now() where id = $1',
			[claims.sub, input.displayName, input.locale]
		)
	);
}

/** Whether this is the local account's current password (always false without one). */
export async function checkPassword(
	db: Database,
	userId: string,
	password: string
): Promise<boolean> {
	const rows = await db.asService((tx) =>
		tx.query<{ encrypted_password: string | null }>(
			'select encrypted_password from auth.users where id = $1',
			[userId]
		)
	);
	return verifyPassword(rows[0]?.encrypted_password ?? null, password);
}

/**
 * A new password for a local account, only with the current one. Every session but
 * `keepSessionId` (the one asking) ends; the returned ids are the sessions that ended.
 */
export async function changePassword(
	db: Database,
	change: { userId: string; current: string; next: string; keepSessionId: string }
): Promise<{ ok: true; endedSessions: string[] } | { ok: false; reason: 'wrong_password' }> {
	const { userId, current, next, keepSessionId } = change;
	if (!(await checkPassword(db, userId, current))) return { ok: false, reason: 'wrong_password' };
	const hash = await hashPassword(next);
	const ended = await db.asService(async (tx) => {
		await tx.query(
			'update auth.users set encrypted_password = $2, updated_at = now() where id = $1',
			[userId, hash]
		);
		return endOtherSessions(tx, userId, keepSessionId);
	});
	return { ok: true, endedSessions: ended };
}

/** Ends the other sessions of the person after a security change; returns their ids. */
export async function endOtherSessions(
	tx: Tx,
	userId: string,
	keepSessionId: string
): Promise<string[]> {
	const rows = await tx.query<{ id: string }>(
		`delete from auth.local_sessions where user_id = $1 and id::text <> $2
		 returning id::text as id`,
		[userId, keepSessionId]
	);
	return rows.map((row) => row.id);
}
