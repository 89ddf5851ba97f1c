import type { SupportMeetingInput } from '$lib/domain/care';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';

/**
 * Support meetings with a mentor (000, "Kwaliteitsverzekering"): the coordinator records when
 * they met, a private note and the follow-up. Row-level security lets the coordinators and the
 * supporter assigned to that mentor read them; the mentor never does.
 */

export interface SupportMeeting {
	id: string;
	mentorId: string;
	mentorName: string;
	metOn: string;
	note: string;
	followUp: string;
}

export interface SupportMeetingsView {
	meetings: SupportMeeting[];
	/** The programme's mentors, for the coordinator's form (empty for a supporter). */
	mentors: { id: string; name: string }[];
}

/** The support meetings I may read in a programme, newest first, and the mentors to pick from. */
export async function listSupportMeetings(
	db: Database,
	claims: JwtClaims,
	programId: string,
	options: { withMentors: boolean }
): Promise<SupportMeetingsView> {
	return db.asUser(claims, async (tx) => {
		const meetings = await tx.query<SupportMeeting>(
			`select s.id, s.mentor_id as "mentorId", coalesce(pr.display_name, '') as "mentorName",
				s.met_on::text as "metOn", s.note, s.follow_up as "followUp"
			 from public.support_meetings s
			 left join public.profiles pr on pr.id = s.mentor_id
			 where s.program_id = $1
			 order by s.met_on desc, s.created_at desc
			 limit 200`,
			[programId]
		);
		const mentors = options.withMentors
			? await tx.query<{ id: string; name: string }>(
					`select m.user_id as id, pr.display_name as name
					 from public.memberships m join public.profiles pr on pr.id = m.user_id
					 where m.program_id = $1 and m.role = 'mentor' and m.status = 'active'
					 order by pr.display_name`,
					[programId]
				)
			: [];
		return { meetings, mentors };
	});
}

/** Records a support meeting with one of the programme's mentors (coordinators only). */
export async function recordSupportMeeting(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: SupportMeetingInput
): Promise<string> {
	return db.asUser(claims, async (tx) => {
		const [role] = await tx.query<{ mentor: string | null; me: string | null }>(
			`select private.member_role($1, $2) as mentor, public.my_program_role($1) as me`,
			[programId, input.mentorId]
		);
		if (role?.me !== 'coordinator') throw new DomainError('forbidden', 'forbidden');
		if (role.mentor !== 'mentor') throw new DomainError('invalid', 'required');
		const [row] = await tx.query<{ id: string }>(
			`insert into public.support_meetings (program_id, mentor_id, met_on, note, follow_up, created_by)
			 values ($1, $2, $3, $4, $5, $6) returning id`,
			[programId, input.mentorId, input.metOn, input.note, input.followUp, claims.sub]
		);
		await tx.query('select public.record_audit_event($1, $2, $3, $4, $5)', [
			'support_meeting.record',
			'support_meeting',
			row.id,
			programId,
			{}
		]);
		return row.id;
	});
}

/** Deletes a support meeting (coordinators only). */
export async function deleteSupportMeeting(
	db: Database,
	claims: JwtClaims,
	programId: string,
	id: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			'delete from public.support_meetings where id = $1 and program_id = $2 returning id',
			[id, programId]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await tx.query('select public.record_audit_event($1, $2, $3, $4, $5)', [
			'support_meeting.delete',
			'support_meeting',
			id,
			programId,
			{}
		]);
	});
}
