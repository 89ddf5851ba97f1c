import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '$lib/server/context';

const choice = z.object({
	id: z.uuid(),
	rating: z.enum(['like', 'neutral', 'dislike']).nullable(),
	rank: z.number().int().min(1).max(3).nullable(),
	place: plainText().trim().max(200, 'too_long'),
	wishes: plainText().trim().max(2000, 'too_long')
});

/** The matching-day form: per person met, a rating (mentees), a favourite rank and a place. */
export const matchingDayInput = z.object({ choices: z.array(choice).max(100) }).refine(
	(v) => {
		const ranks = v.choices.map((c) => c.rank).filter((r) => r !== null);
		return new Set(ranks).size === ranks.length;
	},
	{ message: 'duplicate_rank', path: ['choices'] }
);
export type MatchingDayInput = z.infer<typeof matchingDayInput>;

/**
 * The other side of the matching day: a mentee sees the programme's mentors, a mentor its
 * mentees (names only; read as the service after the policy allowed the caller).
 */
export async function matchingDayCandidates(
	db: Database,
	programId: string,
	role: 'mentor' | 'mentee'
): Promise<{ id: string; name: string }[]> {
	return db.asService((tx) =>
		tx.query<{ id: string; name: string }>(
			`select m.user_id as id, coalesce(p.display_name, '—') as name
			 from public.memberships m left join public.profiles p on p.id = m.user_id
			 where m.program_id = $1 and m.status = 'active' and m.role = $2 order by p.display_name`,
			[programId, role === 'mentee' ? 'mentor' : 'mentee']
		)
	);
}

export async function myMatchingDay(db: Database, claims: JwtClaims, programId: string) {
	return db.asUser(claims, (tx) =>
		tx.query<{ chosenId: string; rating: string | null; rank: number | null; place: string }>(
			`select chosen_id as "chosenId", rating, rank, place from public.match_preferences
			 where program_id = $1 and chooser_id = $2`,
			[programId, claims.sub]
		)
	);
}

/** Replaces the person's matching-day choices, and keeps the whole form as an intake response. */
export async function submitMatchingDay(
	ctx: CommandContext,
	programId: string,
	role: 'mentor' | 'mentee',
	input: MatchingDayInput,
	allowed: ReadonlySet<string>
): Promise<void> {
	const { db, claims } = ctx;
	if (input.choices.some((c) => !allowed.has(c.id))) throw new DomainError('invalid', 'required');
	const kept = input.choices.filter(
		(c) => c.rank !== null || (role === 'mentee' && c.rating !== null)
	);
	await db.asUser(claims, async (tx) => {
		await tx.query(
			'delete from public.match_preferences where program_id = $1 and chooser_id = $2',
			[programId, claims.sub]
		);
		for (const c of kept) {
			await tx.query(
				`insert into public.match_preferences (program_id, chooser_id, chosen_id, rating, rank, place)
				 values ($1, $2, $3, $4, $5, $6)`,
				[programId, claims.sub, c.id, role === 'mentee' ? c.rating : null, c.rank, c.place]
			);
		}
		await tx.query(
			`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers)
			 values ($1, $2, $3, 1, $4)`,
			[
				programId,
				claims.sub,
				role === 'mentee' ? 'match-mentee' : 'match-mentor',
				{ choices: kept }
			]
		);
		await audit(tx, 'matching_day.submit', 'program', programId, programId, {
			choices: kept.length
		});
	});
}
