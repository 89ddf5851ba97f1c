import type { Database, JwtClaims } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import type { NotificationKind, NotificationParams } from './model';
import { asLocale, notificationText } from './text';

/** A notification as the bell, the home card and the page show it (text in the reader's language). */
export interface NotificationView {
	id: string;
	kind: NotificationKind;
	text: string;
	link: string;
	createdAt: string;
	read: boolean;
	/** For a "meeting not marked held" reminder: the meeting the page offers to mark. */
	meetingId: string | null;
}

interface Row {
	id: string;
	kind: NotificationKind;
	link: string;
	params: NotificationParams;
	createdAt: Date;
	readAt: Date | null;
}

const view = (row: Row, locale: string): NotificationView => ({
	id: row.id,
	kind: row.kind,
	text: notificationText(row.kind, row.params, asLocale(locale)),
	link: row.link,
	createdAt: new Date(row.createdAt).toISOString(),
	read: row.readAt !== null,
	meetingId: row.kind === 'meeting_unheld' ? (row.params.meetingId ?? null) : null
});

export const NOTIFICATION_PAGE_SIZE = 30;

/**
 * The reader's notifications, newest first (row-level security: only their own). `before` pages
 * on (created_at, id); `unreadOnly` for the home card.
 */
export async function listNotifications(
	db: Database,
	claims: JwtClaims,
	locale: string,
	options: { limit?: number; before?: { createdAt: string; id: string }; unreadOnly?: boolean } = {}
): Promise<{ items: NotificationView[]; unread: number; more: boolean }> {
	const limit = options.limit ?? NOTIFICATION_PAGE_SIZE;
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<Row>(
			`select id, kind, link, params, created_at as "createdAt", read_at as "readAt"
			 from public.notifications
			 where user_id = (select auth.uid())
				and ($1::timestamptz is null or (created_at, id) < ($1::timestamptz, $2::uuid))
				and (not $3::boolean or read_at is null)
			 order by created_at desc, id desc
			 limit $4`,
			[
				options.before?.createdAt ?? null,
				options.before?.id ?? null,
				options.unreadOnly ?? false,
				limit + 1
			]
		);
		const unread = await tx.query<{ n: number }>(
			`select count(*)::int as n from public.notifications
			 where user_id = (select auth.uid()) and read_at is null`
		);
		return {
			items: rows.slice(0, limit).map((row) => view(row, locale)),
			unread: unread[0].n,
			more: rows.length > limit
		};
	});
}

export async function unreadCount(db: Database, claims: JwtClaims): Promise<number> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ n: number }>(
			`select count(*)::int as n from public.notifications
			 where user_id = (select auth.uid()) and read_at is null`
		)
	);
	return rows[0].n;
}

/** Marks some (or, without ids, all) of the reader's notifications read. */
export async function markRead(
	db: Database,
	claims: JwtClaims,
	ids: string[] | 'all'
): Promise<number> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`update public.notifications set read_at = now()
			 where user_id = (select auth.uid()) and read_at is null
				and ($1::boolean or id = any($2::uuid[]))
			 returning id`,
			[ids === 'all', ids === 'all' ? [] : ids]
		);
		return rows.length;
	});
}

/**
 * The mentor answers a "meeting not marked held" reminder with one click: the meeting is marked
 * held (row-level security: only the pair's people may) and the reminder read.
 */
export async function markMeetingHeld(
	db: Database,
	claims: JwtClaims,
	meetingId: string
): Promise<boolean> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ id: string; number: number; programId: string }>(
			`update public.meetings m set held_at = coalesce(m.held_at, now()), updated_at = now()
			 from public.pairs p
			 where m.id = $1 and p.id = m.pair_id
			 returning m.id, m.number, p.program_id as "programId"`,
			[meetingId]
		);
		if (!rows[0]) return false;
		await audit(tx, 'meeting.held', 'meeting', rows[0].id, rows[0].programId, {
			number: rows[0].number
		});
		await tx.query(
			`update public.notifications set read_at = now()
			 where user_id = (select auth.uid()) and read_at is null and kind = 'meeting_unheld'
				and params ->> 'meetingId' = $1`,
			[meetingId]
		);
		return true;
	});
}
