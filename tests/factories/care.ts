import type { ProgramRole } from '$lib/domain/policy/types';
import type { Database } from '$lib/server/db/types';
import type { BuiltUser } from './index';

/**
 * The care rows of a pair (through the service role): an open check-in for the mentee, an
 * answered one for the mentor, a concern raised by the mentee and a support meeting with the
 * mentor. Returns their ids.
 */
export async function buildCareRows(
	db: Database,
	staffed: { program: { id: string }; people: Record<ProgramRole, BuiltUser> },
	pairId: string
): Promise<{
	menteeCheckin: string;
	mentorCheckin: string;
	concern: string;
	supportMeeting: string;
}> {
	const { program, people } = staffed;
	return db.asService(async (tx) => {
		const [menteeCheckin] = await tx.query<{ id: string }>(
			`insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion, round, phase)
			 values ($1, $2, $3, 'mentee', 'first', 0, 'BR') returning id`,
			[program.id, pairId, people.mentee.id]
		);
		const [mentorCheckin] = await tx.query<{ id: string }>(
			`insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion, round, phase,
				satisfaction, progress, comment, answered_at)
			 values ($1, $2, $3, 'mentor', 'first', 0, 'BR', 4, 3, 'mine only', now()) returning id`,
			[program.id, pairId, people.mentor.id]
		);
		const [concern] = await tx.query<{ id: string }>(
			`insert into public.concerns (program_id, pair_id, raised_by, raiser_role, reason, urgency)
			 values ($1, $2, $3, 'mentee', 'A worry', 'soon') returning id`,
			[program.id, pairId, people.mentee.id]
		);
		const [supportMeeting] = await tx.query<{ id: string }>(
			`insert into public.support_meetings (program_id, mentor_id, met_on, note, follow_up, created_by)
			 values ($1, $2, '2026-10-01', 'private note', 'call again', $3) returning id`,
			[program.id, people.mentor.id, people.coordinator.id]
		);
		return {
			menteeCheckin: menteeCheckin.id,
			mentorCheckin: mentorCheckin.id,
			concern: concern.id,
			supportMeeting: supportMeeting.id
		};
	});
}
