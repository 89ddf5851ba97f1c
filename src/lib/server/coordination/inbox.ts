import { z } from 'zod';
import { hasControlCharacters } from '$lib/domain/input';
import { PAGE_SIZE } from '$lib/domain/programs/schemas';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import type { ExitRequestView } from './exits';

export interface InboxEntry {
	id: string;
	/** null for a mentor group's logbook (group mentoring); its group's name is the pseudonym. */
	pairId: string | null;
	pseudonym: string;
	authorName: string;
	authorRole: 'mentor' | 'mentee';
	metOn: string;
	meetingNumber: number | null;
	sheetUsed: string;
	difficulties: string;
	strengthening: string;
	other: string;
	difficultyFlag: boolean;
	createdAt: Date;
}

export interface InboxFilter {
	role?: 'mentor' | 'mentee';
	flaggedOnly?: boolean;
	pairId?: string;
}

/**
 * Logbook part-2 submissions of a programme. RLS decides the rows: a coordinator reads all of
 * them, a supporter the mentor submissions of the pairs they support.
 */
export async function listInbox(
	db: Database,
	claims: JwtClaims,
	programId: string,
	filter: InboxFilter = {}
): Promise<InboxEntry[]> {
	return db.asUser(claims, (tx) =>
		tx.query<InboxEntry>(
			`select l.id, l.pair_id as "pairId", coalesce(p.pseudonym, g.name) as pseudonym,
				coalesce(author.display_name, '—') as "authorName",
				l.author_role as "authorRole", l.met_on::text as "metOn", m.number as "meetingNumber",
				l.sheet_used as "sheetUsed", l.difficulties, l.strengthening, l.other,
				l.difficulty_flag as "difficultyFlag", l.created_at as "createdAt"
			 from public.log_submissions l
			 left join public.pairs p on p.id = l.pair_id
			 left join public.mentor_groups g on g.id = l.mentor_group_id
			 left join public.profiles author on author.id = l.author_id
			 left join public.meetings m on m.id = l.meeting_id
			 where coalesce(p.program_id, g.program_id) = $1
				and ($2::text is null or l.author_role = $2)
				and (not $3::boolean or l.difficulty_flag)
				and ($4::uuid is null or l.pair_id = $4)
			 order by l.difficulty_flag desc, l.met_on desc, l.created_at desc`,
			[programId, filter.role ?? null, filter.flaggedOnly ?? false, filter.pairId ?? null]
		)
	);
}

const optional = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values).optional().catch(undefined);
const day = z.iso.date().optional().catch(undefined);

/**
 * The inbox's URL search parameters (`?q=&kind=&status=&role=&from=&to=&page=`): anything
 * unknown or malformed means "all", never an error page.
 */
export const inboxQuery = z.object({
	q: z
		.string()
		.trim()
		.max(200)
		.catch('')
		.transform((v) => (hasControlCharacters(v) ? '' : v)),
	kind: optional(['logbook', 'exit']),
	status: optional(['open', 'handled', 'flagged']),
	role: optional(['mentor', 'mentee']),
	from: day,
	to: day,
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});
export type InboxQuery = z.infer<typeof inboxQuery>;

/** One row of the coordinator's inbox: a logbook submission or an exit request. */
export type InboxItem = ({ kind: 'logbook' } & InboxEntry) | ({ kind: 'exit' } & ExitRequestView);

export interface InboxPage {
	items: InboxItem[];
	/** How many match the filters (all pages). */
	total: number;
	page: number;
	pages: number;
}

/** `%` and `_` typed in a search box are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the inbox: exit requests that wait for a decision first, then everything newest
 * first (a logbook by its meeting date, an exit request by the day it was made). Filters by a
 * person's name or the pair's pseudonym, kind, status (open or handled exit requests, logbooks
 * with a difficulty), the author's role and a date range. RLS decides the rows, as in
 * `listInbox` and `listExitRequests`. A page past the end returns the last page.
 */
export async function searchInbox(
	db: Database,
	claims: JwtClaims,
	programId: string,
	query: InboxQuery
): Promise<InboxPage> {
	return db.asUser(claims, async (tx) => {
		const filters = [
			programId,
			query.q ? likePattern(query.q) : null,
			query.kind ?? null,
			query.status ?? null,
			query.role ?? null,
			query.from ?? null,
			query.to ?? null
		];
		const items = `
			with items as (
				select 'logbook' as kind, l.id, l.pair_id, l.mentor_group_id, l.author_role as role,
					l.met_on as day, l.created_at, 1 as grp, l.difficulty_flag as flagged,
					null::text as status, coalesce(author.display_name, '') as author
				from public.log_submissions l
				left join public.profiles author on author.id = l.author_id
				union all
				select 'exit', e.id, e.pair_id, null::uuid, e.requester_role,
					(e.created_at at time zone 'Europe/Brussels')::date,
					e.created_at, case when e.status = 'open' then 0 else 1 end, false, e.status, ''
				from public.exit_requests e
			)
			select i.kind, i.id, i.grp, i.day, i.created_at
			from items i
			-- A logbook of a mentor group (group mentoring) has a group instead of a pair.
			left join public.pairs p on p.id = i.pair_id
			left join public.mentor_groups g on g.id = i.mentor_group_id
			left join public.profiles mentor on mentor.id = p.mentor_id
			left join public.profiles mentee on mentee.id = p.mentee_id
			where coalesce(p.program_id, g.program_id) = $1
				and ($2::text is null or p.pseudonym ilike $2 or g.name ilike $2 or i.author ilike $2
					or mentor.display_name ilike $2 or mentee.display_name ilike $2)
				and ($3::text is null or i.kind = $3)
				and ($4::text is null
					or ($4 = 'flagged' and i.flagged)
					or (i.kind = 'exit' and i.status = $4))
				and ($5::text is null or i.role = $5)
				and ($6::date is null or i.day >= $6::date)
				and ($7::date is null or i.day <= $7::date)`;
		const [{ total }] = await tx.query<{ total: number }>(
			`select count(*)::int as total from (${items}) matched`,
			filters
		);
		const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
		const page = Math.min(query.page, pages);
		const rows = await tx.query<{ kind: 'logbook' | 'exit'; id: string }>(
			`${items}
			order by i.grp, i.day desc, i.created_at desc, i.id
			limit $8 offset $9`,
			[...filters, PAGE_SIZE, (page - 1) * PAGE_SIZE]
		);
		const ids = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.id);
		const logbooks = ids('logbook').length ? await logbookRows(tx, ids('logbook')) : [];
		const exits = ids('exit').length ? await exitRows(tx, ids('exit')) : [];
		const byId = new Map<string, InboxItem>([
			...logbooks.map((l) => [l.id, { kind: 'logbook' as const, ...l }] as const),
			...exits.map((e) => [e.id, { kind: 'exit' as const, ...e }] as const)
		]);
		return {
			items: rows.flatMap((r) => byId.get(r.id) ?? []),
			total,
			page,
			pages
		};
	});
}

function logbookRows(tx: Tx, ids: string[]): Promise<InboxEntry[]> {
	return tx.query<InboxEntry>(
		`select l.id, l.pair_id as "pairId", coalesce(p.pseudonym, g.name) as pseudonym,
			coalesce(author.display_name, '—') as "authorName",
			l.author_role as "authorRole", l.met_on::text as "metOn", m.number as "meetingNumber",
			l.sheet_used as "sheetUsed", l.difficulties, l.strengthening, l.other,
			l.difficulty_flag as "difficultyFlag", l.created_at as "createdAt"
		 from public.log_submissions l
		 left join public.pairs p on p.id = l.pair_id
		 left join public.mentor_groups g on g.id = l.mentor_group_id
		 left join public.profiles author on author.id = l.author_id
		 left join public.meetings m on m.id = l.meeting_id
		 where l.id = any($1::uuid[])`,
		[ids]
	);
}

function exitRows(tx: Tx, ids: string[]): Promise<ExitRequestView[]> {
	return tx.query<ExitRequestView>(
		`select e.id, e.pair_id as "pairId", p.pseudonym, p.status as "pairStatus",
			coalesce(mentor.display_name, '—') as "mentorName", coalesce(mentee.display_name, '—') as "menteeName",
			e.requester_role as "requesterRole", e.reason, e.status, e.outcome,
			e.mentee_consents_transfer as "menteeConsentsTransfer", e.created_at as "createdAt"
		 from public.exit_requests e
		 join public.pairs p on p.id = e.pair_id
		 left join public.profiles mentor on mentor.id = p.mentor_id
		 left join public.profiles mentee on mentee.id = p.mentee_id
		 where e.id = any($1::uuid[])`,
		[ids]
	);
}
