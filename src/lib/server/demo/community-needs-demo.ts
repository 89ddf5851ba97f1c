import { NEEDS_THEMES } from '$lib/domain/groups/needs';
import type { Tx } from '$lib/server/db/types';

/**
 * The needs analysis in the learning-community demo, so the coordinator's change per group shows
 * both of its states: every member of the LGSL group answered at the start and seven of them at the
 * end of year 1 (enough for figures), the LGLB group answered at the start and only three at the
 * end of year 1 (too few: hidden). Ratings are fixed: most needs go down, the need around wellbeing goes up.
 */
export async function seedCommunityNeedsDemo(tx: Tx, programId: string): Promise<void> {
	const members = await tx.query<{ group_id: string; kind: string; user_id: string }>(
		`select gm.group_id, g.kind, gm.user_id from public.group_members gm
		 join public.groups g on g.id = gm.group_id
		 join public.profiles p on p.id = gm.user_id
		 where g.program_id = $1 and gm.role = 'member'
		 order by g.kind, p.email`,
		[programId]
	);
	const seen = new Map<string, number>();
	for (const member of members) {
		const n = seen.get(member.group_id) ?? 0;
		seen.set(member.group_id, n + 1);
		const start = Object.fromEntries(NEEDS_THEMES.map((t, j) => [t.key, 2 + ((n + j) % 3)]));
		await answer(tx, member.group_id, member.user_id, 'start', start, 58);
		if (n >= (member.kind === 'LGSL' ? 7 : 3)) continue;
		const end = Object.fromEntries(
			NEEDS_THEMES.map((t, j) => [
				t.key,
				// Most needs shrink, by one or two steps; wellbeing grows for some (a hard year).
				t.key === 'wellbeing' && n % 2 === 0
					? Math.min(4, start[t.key] + 1)
					: Math.max(1, start[t.key] - ((n + 2 * j) % 3) + (j % 2))
			])
		);
		await answer(tx, member.group_id, member.user_id, 'year1_end', end, 2 + n);
	}
}

async function answer(
	tx: Tx,
	groupId: string,
	userId: string,
	moment: 'start' | 'year1_end',
	answers: Record<string, number>,
	daysAgo: number
): Promise<void> {
	await tx.query(
		`insert into public.needs_analyses (group_id, user_id, moment, answers, submitted_at)
		 values ($1, $2, $3, $4, now() - make_interval(days => $5))`,
		[groupId, userId, moment, answers, daysAgo]
	);
}
