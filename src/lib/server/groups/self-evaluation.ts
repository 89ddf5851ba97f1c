/**
 * The self-evaluation of a learning community's member, beside the needs analysis: per moment a
 * rating per theme of where the member stands (1 beginning … 4 strong) and two optional short
 * texts. The rows are the member's alone (RLS); the process coach and the coordinator get
 * averages per theme from `group_self_evaluation_summary` / `community_self_evaluation_summary`,
 * nothing below the programme's minimum group size and never the texts.
 */
import { z } from 'zod';
import { NEEDS_MOMENTS, type NeedsMoment } from '$lib/domain/groups/needs';
import {
	SELF_EVALUATION_TEXT_MAX,
	SELF_EVALUATION_THEMES,
	type SelfEvaluation
} from '$lib/domain/groups/self-evaluation';
import type { GroupKind } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';

const rating = z.coerce.number('required').int('required').min(1, 'required').max(4, 'required');
const text = z
	.string()
	.trim()
	.max(SELF_EVALUATION_TEXT_MAX, 'too_long')
	.transform((value) => value || null)
	.nullable()
	.optional()
	.transform((value) => value ?? null);

/** A submitted form: the moment, a rating for every theme and the two optional texts. */
export const selfEvaluationInput = z.object({
	moment: z.enum(NEEDS_MOMENTS, 'required'),
	answers: z.object(Object.fromEntries(SELF_EVALUATION_THEMES.map((t) => [t.key, rating]))),
	goingWell: text,
	toGrow: text
});
export type SelfEvaluationInput = {
	moment: NeedsMoment;
	answers: Record<string, number>;
	goingWell: string | null;
	toGrow: string | null;
};

/** The person's own self-evaluations in one group, in the order of the moments. */
export async function loadMySelfEvaluations(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<SelfEvaluation[]> {
	return db.asUser(claims, (tx) =>
		tx.query<SelfEvaluation>(
			`select moment, answers, going_well as "goingWell", to_grow as "toGrow",
				to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD') as "submittedAt"
			 from public.community_self_evaluations where group_id = $1 and user_id = $2
			 order by array_position(array['start', 'year1_end', 'year2_end'], moment)`,
			[groupId, claims.sub]
		)
	);
}

/** Saves (or replaces) the member's self-evaluation of a moment. */
export async function saveSelfEvaluation(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: SelfEvaluationInput
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const role = await tx.query<{ role: string | null }>(
			'select private.my_group_role($1) as role',
			[groupId]
		);
		if (role[0]?.role !== 'member') throw new DomainError('forbidden', 'lgself_members_only');
		await tx.query(
			`insert into public.community_self_evaluations
				(group_id, user_id, moment, answers, going_well, to_grow) values ($1, $2, $3, $4, $5, $6)
			 on conflict (group_id, user_id, moment) do update
				set answers = excluded.answers, going_well = excluded.going_well,
					to_grow = excluded.to_grow, submitted_at = now()`,
			[groupId, claims.sub, input.moment, input.answers, input.goingWell, input.toGrow]
		);
	});
}

export interface SelfEvaluationSummaryRow {
	moment: NeedsMoment;
	theme: string;
	respondents: number;
	average: number;
}

/** The group's averages per moment and theme (the coach's and coordinator's; empty otherwise). */
export async function loadSelfEvaluationSummary(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<SelfEvaluationSummaryRow[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ moment: NeedsMoment; theme: string; respondents: number; average: string }>(
			`select moment, theme, respondents, average::text as average
			 from public.group_self_evaluation_summary($1)`,
			[groupId]
		)
	);
	return rows.map((row) => ({ ...row, average: Number(row.average) }));
}

/** The programme's minimum group size, for the texts that name it. */
export async function groupMinimum(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<number> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ min: number }>(
			`select pr.min_group_size as min from public.groups g
			 join public.programs pr on pr.id = g.program_id where g.id = $1`,
			[groupId]
		)
	);
	return rows[0]?.min ?? 5;
}

export interface GroupSelfEvaluationSummary {
	groupId: string;
	/** The group's pseudonym (G-01 …): the coordinator's view never carries a group's name. */
	pseudonym: string;
	kind: GroupKind;
	rows: SelfEvaluationSummaryRow[];
}

/** The coordinator's averages for every group of the programme, by pseudonym. */
export async function loadProgramSelfEvaluationSummary(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<GroupSelfEvaluationSummary[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{
			group_id: string;
			pseudonym: string;
			kind: GroupKind;
			moment: NeedsMoment | null;
			theme: string | null;
			respondents: number | null;
			average: string | null;
		}>(
			`select group_id, pseudonym, kind, moment, theme, respondents, average::text as average
			 from public.community_self_evaluation_summary($1)`,
			[programId]
		)
	);
	const groups = new Map<string, GroupSelfEvaluationSummary>();
	for (const row of rows) {
		let group = groups.get(row.group_id);
		if (!group) {
			group = { groupId: row.group_id, pseudonym: row.pseudonym, kind: row.kind, rows: [] };
			groups.set(row.group_id, group);
		}
		if (row.moment && row.theme && row.respondents !== null && row.average !== null) {
			group.rows.push({
				moment: row.moment,
				theme: row.theme,
				respondents: row.respondents,
				average: Number(row.average)
			});
		}
	}
	return [...groups.values()];
}
