import type { MentorGroupRef, MentorGroupRole } from '$lib/domain/policy';
import { audit } from '$lib/server/audit';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { isEmptyLog, type LogPart2Input } from '$lib/server/pairs/logbook';
import type { CommandContext } from '$lib/server/context';

/**
 * Logbook part 2 (monitoring) of a mentor group's member: a `log_submissions` row of the group,
 * as the pair's goes, so it reaches the programme's coordinators in the inbox. As the person:
 * RLS checks they are the group's mentor or teacher in the role they write.
 */
export async function submitGroupLogPart2(
	ctx: CommandContext,
	group: MentorGroupRef,
	role: MentorGroupRole,
	input: Omit<LogPart2Input, 'meetingNumber'>
): Promise<string> {
	const { db, claims } = ctx;
	if (isEmptyLog(input)) throw new DomainError('invalid', 'log_empty');
	const authorRole = role === 'mentor' ? 'mentor' : 'mentee';
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into public.log_submissions
				(mentor_group_id, author_id, author_role, met_on, sheet_used, difficulties, strengthening, other, difficulty_flag)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
			[
				group.id,
				claims.sub,
				authorRole,
				input.metOn,
				input.sheetUsed.join(','),
				input.difficulties,
				input.strengthening,
				input.other,
				input.difficultyFlag
			]
		);
		await audit(tx, 'logbook.submit', 'log_submission', rows[0].id, group.programId, {
			role: authorRole,
			flagged: input.difficultyFlag,
			mentorGroup: true
		});
		return rows[0].id;
	});
}

/** The person's own part-2 submissions in the group, newest first (RLS: the author's own). */
export function myGroupLogSubmissions(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<{ id: string; metOn: string; difficultyFlag: boolean }[]> {
	return db.asUser(claims, (tx) =>
		tx.query<{ id: string; metOn: string; difficultyFlag: boolean }>(
			`select id, met_on::text as "metOn", difficulty_flag as "difficultyFlag"
			 from public.log_submissions
			 where mentor_group_id = $1 and author_id = $2
			 order by met_on desc, created_at desc`,
			[groupId, claims.sub]
		)
	);
}
