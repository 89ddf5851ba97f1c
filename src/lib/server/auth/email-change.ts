import type { ServiceContext } from '$lib/server/context';
import { sendSecurityNotice } from './security-mail';
import { hashToken, newToken } from './tokens';

const CONFIRM_HOURS = 24;

export type EmailChangeRequest = { ok: true } | { ok: false; reason: 'same' | 'taken' };

/**
 * Asks to move a local account to a new address: a link goes to the new address, and nothing
 * changes until it is opened (EmailChangeConfirm). An address another account uses is refused.
 */
export async function requestEmailChange(
	ctx: ServiceContext,
	user: { id: string; email: string; locale: 'nl' | 'en' },
	newEmail: string
): Promise<EmailChangeRequest> {
	const { db, mailer, origin } = ctx;
	const address = newEmail.trim().toLowerCase();
	if (address === user.email.toLowerCase()) return { ok: false, reason: 'same' };
	const token = newToken();
	const stored = await db.asService(async (tx) => {
		const taken = await tx.query('select 1 from auth.users where lower(email) = $1', [address]);
		if (taken.length > 0) return false;
		await tx.query('delete from private.email_changes where user_id = $1', [user.id]);
		await tx.query(
			`insert into private.email_changes (token_hash, user_id, new_email, expires_at)
			 values ($1, $2, $3, now() + make_interval(hours => $4))`,
			[hashToken(token), user.id, address, CONFIRM_HOURS]
		);
		return true;
	});
	if (!stored) return { ok: false, reason: 'taken' };
	const link = `${origin}/account/email/${token}`;
	const en = user.locale === 'en';
	await mailer.send({
		to: address,
		kind: 'email_change',
		subject: en ? 'Confirm your new Mentorpad address' : 'Bevestig je nieuwe Mentorpad-adres',
		text: en
			? `Open this link within ${CONFIRM_HOURS} hours to use this address for your Mentorpad account:\n\n${link}\n\nIf you did not ask for this, ignore this message.`
			: `Open deze link binnen ${CONFIRM_HOURS} uur om dit adres te gebruiken voor je Mentorpad-account:\n\n${link}\n\nVroeg jij dit niet? Dan mag je dit bericht negeren.`
	});
	return { ok: true };
}

export type EmailChangeResult =
	| { ok: true; userId: string; email: string; endedSessions: string[] }
	| { ok: false; reason: 'unknown' | 'taken' };

/**
 * Opens the link: the account takes the new address, every other session of the person ends
 * (`keepSessionId`, when the link is opened while signed in as them, stays), and the old address
 * is told.
 */
export async function confirmEmailChange(
	ctx: ServiceContext,
	token: string,
	keepSessionId: string | null
): Promise<EmailChangeResult> {
	const { db, mailer, origin } = ctx;
	if (!token || token.length > 100) return { ok: false, reason: 'unknown' };
	const result = await db.asService(async (tx) => {
		const rows = await tx.query<{ user_id: string; new_email: string }>(
			`update private.email_changes set used_at = now()
			 where token_hash = $1 and used_at is null and expires_at > now()
			 returning user_id, new_email`,
			[hashToken(token)]
		);
		const change = rows[0];
		if (!change) return { ok: false as const, reason: 'unknown' as const };
		const taken = await tx.query('select 1 from auth.users where lower(email) = $1 and id <> $2', [
			change.new_email,
			change.user_id
		]);
		if (taken.length > 0) return { ok: false as const, reason: 'taken' as const };
		const before = await tx.query<{ email: string; locale: 'nl' | 'en' | null }>(
			`select u.email, p.locale from auth.users u left join public.profiles p on p.id = u.id
			 where u.id = $1`,
			[change.user_id]
		);
		await tx.query('update auth.users set email = $2, updated_at = now() where id = $1', [
			change.user_id,
			change.new_email
		]);
		await tx.query('update public.profiles set email = $2, updated_at = now() where id = $1', [
			change.user_id,
			change.new_email
		]);
		const ended = await tx.query<{ id: string }>(
			`delete from auth.local_sessions where user_id = $1 and id::text is distinct from $2
			 returning id::text as id`,
			[change.user_id, keepSessionId]
		);
		return {
			ok: true as const,
			userId: change.user_id,
			email: change.new_email,
			endedSessions: ended.map((row) => row.id),
			oldEmail: before[0].email,
			locale: before[0].locale ?? 'nl'
		};
	});
	if (!result.ok) return result;
	await sendSecurityNotice(mailer, result.oldEmail, result.locale, 'email', origin);
	return {
		ok: true,
		userId: result.userId,
		email: result.email,
		endedSessions: result.endedSessions
	};
}
