/**
 * The needs analysis per member (repeatable per moment) and the process coach's averages per
 * theme. A member's answers are theirs alone; `group_needs_summary` gives the coach averages and
 * nothing when fewer members answered than the programme's minimum group size.
 */
import { z } from 'zod';
import { NEEDS_MOMENTS, NEEDS_THEMES, type NeedsMoment } from '$lib/domain/groups/needs';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';

const rating = z.coerce.number('required').int('required').min(1, 'required').max(4, 'required');

/** A submitted form: the moment and a rating for every theme. */
export const needsInput = z.object({
	moment: z.enum(NEEDS_MOMENTS, 'required'),
	answers: z.object(Object.fromEntries(NEEDS_THEMES.map((t) => [t.key, rating])))
});
export type NeedsInput = { moment: NeedsMoment; answers: Record<string, number> };

export interface MyNeeds {
	moment: NeedsMoment;
	answers: Record<string, number>;
	submittedAt: string;
}

export async function loadMyNeeds(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<MyNeeds[]> {
	return db.asUser(claims, (tx) =>
		tx.query<MyNeeds>(
			`select moment, answers, to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD') as "submittedAt"
			 from public.needs_analyses where group_id = $1 and user_id = $2
			 order by array_position(array['start', 'year1_end', 'year2_end'], moment)`,
			[groupId, claims.sub]
		)
	);
}

/** Saves (or replaces) the member's answers for a moment. */
export async function saveNeeds(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: NeedsInput
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const role = await tx.query<{ role: string | null }>(
			'select private.my_group_role($1) as role',
			[groupId]
		);
		if (role[0]?.role !== 'member') throw new DomainError('forbidden', 'lg_needs_members_only');
		await tx.query(
			`insert into public.needs_analyses (group_id, user_id, moment, answers) values ($1, $2, $3, $4)
			 on conflict (group_id, user_id, moment) do update
				set answers = excluded.answers, submitted_at = now()`,
			[groupId, claims.sub, input.moment, input.answers]
		);
	});
}

export interface NeedsSummaryRow {
	moment: NeedsMoment;
	theme: string;
	respondents: number;
	average: number;
}

/** The coach's averages per moment and theme (empty for anyone else or a small response). */
export async function loadNeedsSummary(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<NeedsSummaryRow[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ moment: NeedsMoment; theme: string; respondents: number; average: string }>(
			'select moment, theme, respondents, average::text as average from public.group_needs_summary($1)',
			[groupId]
		)
	);
	return rows.map((row) => ({ ...row, average: Number(row.average) }));
}
