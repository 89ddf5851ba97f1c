/** Reading a pair's conversation and the unread counts, always as the person (row-level security). */
import type { JwtClaims, Tx, Database } from '../db/types';
import type { MessageFile, MessageView } from '$lib/shared/live-events';
import { messageParts } from './text';

export const PAGE_SIZE = 50;

interface MessageRow {
	id: string;
	pair_id: string;
	author_id: string;
	author_name: string | null;
	body: string;
	created_at: Date;
	edited_at: Date | null;
	deleted_at: Date | null;
}

const SELECT_MESSAGE = `select m.id, m.pair_id, m.author_id, p.display_name as author_name, m.body,
	m.created_at, m.edited_at, m.deleted_at
	from public.messages m left join public.profiles p on p.id = m.author_id`;

async function filesOf(tx: Tx, messageIds: string[]): Promise<Map<string, MessageFile[]>> {
	const out = new Map<string, MessageFile[]>();
	if (messageIds.length === 0) return out;
	const rows = await tx.query<{
		id: string;
		message_id: string;
		name: string;
		size: string | number;
		content_type: string;
	}>(
		`select id, message_id, name, size, content_type from public.files
		 where message_id = any($1::uuid[]) order by created_at, name`,
		[messageIds]
	);
	for (const r of rows) {
		const list = out.get(r.message_id) ?? [];
		list.push({ id: r.id, name: r.name, size: Number(r.size), contentType: r.content_type });
		out.set(r.message_id, list);
	}
	return out;
}

function toView(row: MessageRow, files: MessageFile[]): MessageView {
	return {
		id: row.id,
		pairId: row.pair_id,
		authorId: row.author_id,
		authorName: row.author_name ?? '',
		body: row.body,
		parts: row.deleted_at ? [] : messageParts(row.body, row.pair_id),
		createdAt: new Date(row.created_at).toISOString(),
		editedAt: row.edited_at ? new Date(row.edited_at).toISOString() : null,
		deletedAt: row.deleted_at ? new Date(row.deleted_at).toISOString() : null,
		files: row.deleted_at ? [] : files
	};
}

/** One message as shown, read in the given transaction. */
export async function readMessage(tx: Tx, id: string): Promise<MessageView | null> {
	const rows = await tx.query<MessageRow>(`${SELECT_MESSAGE} where m.id = $1`, [id]);
	if (!rows[0]) return null;
	return toView(rows[0], (await filesOf(tx, [id])).get(id) ?? []);
}

export interface ConversationPage {
	/** Oldest first, so the newest is at the bottom. */
	messages: MessageView[];
	/** Whether older messages exist before the first one. */
	hasOlder: boolean;
	/** How far each of the two has read. */
	reads: { userId: string; readAt: string }[];
}

/** The newest messages of the pair, or those before the message `before` (paging backwards). */
export function listMessages(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	options: { before?: string; limit?: number } = {}
): Promise<ConversationPage> {
	const limit = Math.min(Math.max(options.limit ?? PAGE_SIZE, 1), 200);
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<MessageRow>(
			`${SELECT_MESSAGE}
			 where m.pair_id = $1
				and ($2::uuid is null or (m.created_at, m.id) <
					(select b.created_at, b.id from public.messages b where b.id = $2 and b.pair_id = $1))
			 order by m.created_at desc, m.id desc
			 limit $3`,
			[pairId, options.before ?? null, limit + 1]
		);
		const page = rows.slice(0, limit).reverse();
		const files = await filesOf(
			tx,
			page.map((r) => r.id)
		);
		const reads = await tx.query<{ user_id: string; read_at: Date }>(
			'select user_id, read_at from public.message_reads where pair_id = $1',
			[pairId]
		);
		return {
			messages: page.map((r) => toView(r, files.get(r.id) ?? [])),
			hasOlder: rows.length > limit,
			reads: reads.map((r) => ({ userId: r.user_id, readAt: new Date(r.read_at).toISOString() }))
		};
	});
}

export interface UnreadCounts {
	total: number;
	byPair: Record<string, number>;
}

/**
 * Messages of the others, not deleted, posted after the person's read mark, per pair. Filtered
 * to the person's own pairs explicitly too, so the same query serves the server's fan-out.
 */
export async function unreadCountsIn(tx: Tx, userId: string): Promise<UnreadCounts> {
	const rows = await tx.query<{ pair_id: string; n: number }>(
		`select m.pair_id, count(*)::int as n
		 from public.pairs p
		 join public.messages m on m.pair_id = p.id
		 left join public.message_reads r on r.pair_id = p.id and r.user_id = $1
		 where (p.mentor_id = $1 or p.mentee_id = $1)
			and m.author_id <> $1 and m.deleted_at is null
			and (r.read_at is null or m.created_at > r.read_at)
		 group by m.pair_id`,
		[userId]
	);
	const byPair: Record<string, number> = {};
	let total = 0;
	for (const r of rows) {
		byPair[r.pair_id] = r.n;
		total += r.n;
	}
	return { total, byPair };
}

/** The person's own unread counts, under their own rights. */
export function unreadCounts(db: Database, claims: JwtClaims): Promise<UnreadCounts> {
	return db.asUser(claims, (tx) => unreadCountsIn(tx, claims.sub));
}

/** Where the header's messages link goes: the conversation with unread messages, else null. */
export function firstUnreadPair(counts: UnreadCounts): string | null {
	return Object.entries(counts.byPair).find(([, n]) => n > 0)?.[0] ?? null;
}

/** One attachment of the pair, if the person may read it (row-level security decides). */
export async function findFile(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	fileId: string
): Promise<{ name: string; contentType: string; size: number; storageKey: string } | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ name: string; content_type: string; size: string; storage_key: string }>(
			`select f.name, f.content_type, f.size::text, f.storage_key from public.files f
			 join public.messages m on m.id = f.message_id
			 where f.id = $1 and f.pair_id = $2 and m.deleted_at is null`,
			[fileId, pairId]
		)
	);
	const r = rows[0];
	return r
		? { name: r.name, contentType: r.content_type, size: Number(r.size), storageKey: r.storage_key }
		: null;
}
