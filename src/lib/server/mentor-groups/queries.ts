import type { Database, JwtClaims } from '$lib/server/db/types';

export interface Person {
	id: string;
	name: string;
}

export interface MentorGroupSummary {
	id: string;
	name: string;
	programId: string;
	programName: string;
	mentor: Person;
	teachers: Person[];
}

export interface MentorGroupSheetRow {
	id: string;
	key: string;
	docName: string;
}

const SUMMARY = `
	select g.id, g.name, g.program_id as "programId", p.name as "programName",
		json_build_object('id', g.mentor_id, 'name', coalesce(mp.display_name, '—')) as mentor,
		coalesce((
			select json_agg(json_build_object('id', gm.user_id, 'name', coalesce(tp.display_name, '—'))
				order by tp.display_name)
			from public.mentor_group_members gm
			left join public.profiles tp on tp.id = gm.user_id
			where gm.group_id = g.id
		), '[]'::json) as teachers
	from public.mentor_groups g
	join public.programs p on p.id = g.program_id
	left join public.profiles mp on mp.id = g.mentor_id`;

/** The mentor groups the person is the mentor or a teacher of (RLS decides), for the home page. */
export function myMentorGroups(db: Database, claims: JwtClaims): Promise<MentorGroupSummary[]> {
	return db.asUser(claims, (tx) =>
		tx.query<MentorGroupSummary>(
			`${SUMMARY}
			 where private.my_mentor_group_role(g.id) is not null
			 order by g.name`
		)
	);
}

/** A programme's mentor groups, for its coordinator (RLS: nobody else reads them all). */
export function programMentorGroups(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<MentorGroupSummary[]> {
	return db.asUser(claims, (tx) =>
		tx.query<MentorGroupSummary>(`${SUMMARY} where g.program_id = $1 order by g.name`, [programId])
	);
}

/** One group with its sheets, as its member reads it (null when RLS shows nothing). */
export async function mentorGroupWorkspace(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<(MentorGroupSummary & { sheets: MentorGroupSheetRow[] }) | null> {
	return db.asUser(claims, async (tx) => {
		const [group] = await tx.query<MentorGroupSummary>(`${SUMMARY} where g.id = $1`, [groupId]);
		if (!group) return null;
		const sheets = await tx.query<MentorGroupSheetRow>(
			`select id, template_key as key, doc_name as "docName"
			 from public.mentor_group_sheets where group_id = $1`,
			[groupId]
		);
		return { ...group, sheets };
	});
}

/** The programme's active mentors, and mentees in no mentor group yet, for the coordinator's form. */
export function groupCandidates(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<(Person & { role: 'mentor' | 'mentee' })[]> {
	return db.asUser(claims, (tx) =>
		tx.query<Person & { role: 'mentor' | 'mentee' }>(
			`select m.user_id as id, coalesce(pr.display_name, '—') as name, m.role
			 from public.memberships m
			 left join public.profiles pr on pr.id = m.user_id
			 where m.program_id = $1 and m.status = 'active' and m.role in ('mentor', 'mentee')
				and public.is_program_coordinator($1)
				-- A teacher is in one mentor group of the programme at a time.
				and not (m.role = 'mentee' and exists (
					select 1 from public.mentor_group_members gm
					join public.mentor_groups g on g.id = gm.group_id
					where g.program_id = m.program_id and gm.user_id = m.user_id))
			 order by pr.display_name`,
			[programId]
		)
	);
}
