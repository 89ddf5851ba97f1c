import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';
import { sheetUsedOptions } from '$lib/domain/templates/sheets/a-mentor-log';
import type { PairRef } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '$lib/server/context';

const SHEET_KEYS = sheetUsedOptions.map((o) => o.key) as [string, ...string[]];

/** Whether a part 2 says nothing: all three written parts are empty (after trimming). */
export const isEmptyLog = (input: { difficulties: string; strengthening: string; other: string }) =>
	[input.difficulties, input.strengthening, input.other].every((text) => text.trim() === '');

/**
 * Logbook part 2 (monitoring) as the form sends it. An empty one is refused (`log_empty`): it
 * would reach the coordinator and supporter as a report that says nothing.
 */
export const logPart2Input = z
	.object({
		metOn: isoDate(),
		meetingNumber: z.coerce.number().int().min(1).max(200).optional(),
		sheetUsed: z.array(z.enum(SHEET_KEYS)).max(SHEET_KEYS.length),
		difficulties: plainText().trim().max(8000, 'too_long'),
		strengthening: plainText().trim().max(8000, 'too_long'),
		other: plainText().trim().max(8000, 'too_long'),
		difficultyFlag: z.boolean()
	})
	.refine((input) => !isEmptyLog(input), { message: 'log_empty', path: ['form'] });
export type LogPart2Input = z.infer<typeof logPart2Input>;

export interface LogSubmission {
	id: string;
	metOn: string;
	sheetUsed: string;
	difficulties: string;
	strengthening: string;
	other: string;
	difficultyFlag: boolean;
	meetingNumber: number | null;
	createdAt: Date;
}

/** Submits part 2 after a meeting: one row, readable by the author, coordinators and (mentor) supporter. */
export async function submitLogbookPart2(
	ctx: CommandContext,
	pair: PairRef,
	role: 'mentor' | 'mentee',
	input: LogPart2Input
): Promise<string> {
	const { db, claims } = ctx;
	if (isEmptyLog(input)) throw new DomainError('invalid', 'log_empty');
	return db.asUser(claims, async (tx) => {
		const meeting = input.meetingNumber
			? await tx.query<{ id: string }>(
					'select id from public.meetings where pair_id = $1 and number = $2',
					[pair.id, input.meetingNumber]
				)
			: [];
		const rows = await tx.query<{ id: string }>(
			`insert into public.log_submissions
				(pair_id, author_id, author_role, meeting_id, met_on, sheet_used, difficulties, strengthening, other, difficulty_flag)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
			[
				pair.id,
				claims.sub,
				role,
				meeting[0]?.id ?? null,
				input.metOn,
				input.sheetUsed.join(','),
				input.difficulties,
				input.strengthening,
				input.other,
				input.difficultyFlag
			]
		);
		await audit(tx, 'logbook.submit', 'log_submission', rows[0].id, pair.programId, {
			role,
			flagged: input.difficultyFlag
		});
		return rows[0].id;
	});
}

/** The author's own submissions for this pair. */
export async function myLogbookParts(
	db: Database,
	claims: JwtClaims,
	pairId: string
): Promise<LogSubmission[]> {
	return db.asUser(claims, (tx) =>
		tx.query<LogSubmission>(
			`select l.id, l.met_on::text as "metOn", l.sheet_used as "sheetUsed", l.difficulties, l.strengthening,
				l.other, l.difficulty_flag as "difficultyFlag", m.number as "meetingNumber", l.created_at as "createdAt"
			 from public.log_submissions l left join public.meetings m on m.id = l.meeting_id
			 where l.pair_id = $1 and l.author_id = $2 order by l.met_on desc, l.created_at desc`,
			[pairId, claims.sub]
		)
	);
}
