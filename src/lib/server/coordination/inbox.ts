import type { Database, JwtClaims } from '$lib/server/db/types';

export interface InboxEntry {
	id: string;
	pairId: string;
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
			`select l.id, l.pair_id as "pairId", p.pseudonym, coalesce(author.display_name, '—') as "authorName",
				l.author_role as "authorRole", l.met_on::text as "metOn", m.number as "meetingNumber",
				l.sheet_used as "sheetUsed", l.difficulties, l.strengthening, l.other,
				l.difficulty_flag as "difficultyFlag", l.created_at as "createdAt"
			 from public.log_submissions l
			 join public.pairs p on p.id = l.pair_id
			 left join public.profiles author on author.id = l.author_id
			 left join public.meetings m on m.id = l.meeting_id
			 where p.program_id = $1
				and ($2::text is null or l.author_role = $2)
				and (not $3::boolean or l.difficulty_flag)
				and ($4::uuid is null or l.pair_id = $4)
			 order by l.difficulty_flag desc, l.met_on desc, l.created_at desc`,
			[programId, filter.role ?? null, filter.flaggedOnly ?? false, filter.pairId ?? null]
		)
	);
}
