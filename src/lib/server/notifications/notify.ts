import type { Database, SqlValue, Tx } from '$lib/server/db/types';
import {
	ALWAYS_MAILED,
	CATEGORY_OF,
	DEFAULT_DELIVERY,
	isSameOriginPath,
	type NotificationKind,
	type NotificationParams
} from './model';

export interface NotifyInput {
	kind: NotificationKind;
	/** Who is told; the actor is left out, and duplicates count once. */
	recipients: readonly string[];
	/** Who caused it (never notified of their own action). */
	actorId?: string | null;
	programId?: string | null;
	pairId?: string | null;
	/** Where the notification leads: a same-origin path. */
	link: string;
	params?: NotificationParams;
	/** Idempotency key per recipient: a reminder with this key reaches each person once. */
	key?: string;
	/** Several events with this key within `minutes` notify a person once (comments on a field). */
	throttle?: { key: string; minutes: number };
}

export const NOTIFICATION_MAIL_JOB = 'notification.mail';

/**
 * Notifies people, in its own service transaction (callable after any command has committed).
 * Returns the ids of the notifications made.
 */
export async function notify(db: Database, input: NotifyInput): Promise<string[]> {
	const made = await db.asService(async (tx) => {
		const ids = await notifyInTx(tx, input);
		if (ids.length === 0) return { ids, recipients: [] };
		const rows = await tx.query<{ user_id: string }>(
			'select distinct user_id from public.notifications where id = any($1::uuid[])',
			[ids]
		);
		return { ids, recipients: rows.map((row) => row.user_id) };
	});
	// Committed: open pages of the recipients may reload their bell now.
	if (made.recipients.length) for (const listener of listeners) listener(made.recipients);
	return made.ids;
}

type NotifiedListener = (userIds: string[]) => void;
const listeners = new Set<NotifiedListener>();

/**
 * Called with the recipients after `notify` committed new notifications (the runtime relays it
 * to their open pages over the live stream). Returns the function that stops listening.
 */
export function onNotified(listener: NotifiedListener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/**
 * The same inside a service transaction the caller owns (a job): the notification and the job
 * that mails it (for people who want this category at once) commit together or not at all.
 */
export async function notifyInTx(tx: Tx, input: NotifyInput): Promise<string[]> {
	if (!isSameOriginPath(input.link))
		throw new Error('a notification link must be a same-origin path');
	const category = CATEGORY_OF[input.kind];
	const recipients = [...new Set(input.recipients)].filter((id) => id && id !== input.actorId);
	if (recipients.length === 0) return [];
	const rows = await tx.query<{ id: string }>(
		`insert into public.notifications
			(user_id, actor_id, kind, category, program_id, pair_id, link, params, key, throttle_key)
		 select r.id, $2, $3, $4, $5, $6, $7, $8, $9, $10
		 from unnest($1::uuid[]) as r(id)
		 where $10::text is null or not exists (
			select 1 from public.notifications n
			where n.user_id = r.id and n.throttle_key = $10
				and n.created_at > now() - make_interval(mins => $11::integer)
		 )
		 on conflict (user_id, key) do nothing
		 returning id`,
		[
			recipients,
			input.actorId ?? null,
			input.kind,
			category,
			input.programId ?? null,
			input.pairId ?? null,
			input.link,
			(input.params ?? {}) as SqlValue,
			input.key ?? null,
			input.throttle?.key ?? null,
			input.throttle?.minutes ?? 0
		]
	);
	if (rows.length === 0) return [];
	const ids = rows.map((row) => row.id);
	// `category` comes from CATEGORY_OF, a fixed list of column names, never from input.
	await tx.query(
		`insert into public.jobs (kind, payload, key, program_id)
		 select $2, jsonb_build_object('notificationId', n.id), 'notification-mail:' || n.id, n.program_id
		 from public.notifications n
		 left join public.notification_preferences p on p.user_id = n.user_id
		 where n.id = any($1::uuid[])
			and ($3 or coalesce(p.${category}, '${DEFAULT_DELIVERY[category]}') = 'immediate')
		 on conflict (key) do nothing`,
		[ids, NOTIFICATION_MAIL_JOB, ALWAYS_MAILED.has(input.kind)]
	);
	return ids;
}

/** The pair's two people and its programme, to notify "the other one". */
export async function pairPeople(
	db: Database,
	pairId: string
): Promise<{ programId: string; mentorId: string; menteeId: string } | null> {
	const rows = await db.asService((tx) =>
		tx.query<{ programId: string; mentorId: string; menteeId: string }>(
			`select program_id as "programId", mentor_id as "mentorId", mentee_id as "menteeId"
			 from public.pairs where id = $1`,
			[pairId]
		)
	);
	return rows[0] ?? null;
}

/** Notifies the pair's people other than the actor; the link and programme follow from the pair. */
export async function notifyPair(
	db: Database,
	input: Omit<NotifyInput, 'recipients' | 'programId' | 'pairId'> & { pairId: string }
): Promise<string[]> {
	const pair = await pairPeople(db, input.pairId);
	if (!pair) return [];
	return notify(db, {
		...input,
		recipients: [pair.mentorId, pair.menteeId],
		programId: pair.programId,
		pairId: input.pairId
	});
}

/** The display name of a person, for a notification's text. */
export async function displayName(db: Database, userId: string): Promise<string> {
	const rows = await db.asService((tx) =>
		tx.query<{ name: string }>('select display_name as name from public.profiles where id = $1', [
			userId
		])
	);
	return rows[0]?.name ?? '';
}
