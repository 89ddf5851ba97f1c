import { SELF_EVALUATION_THEMES } from '$lib/domain/groups/self-evaluation';
import type { Tx } from '$lib/server/db/types';

/**
 * The self-evaluation in the learning-community demo: every LGSL member filled it in at the start
 * and six of them (`lgsl1` among them) again at the end of year 1, mostly a step further; three
 * LGLB members filled it in at the start only, too few for the coach's and the coordinator's
 * averages (fewer than five). `lgsl1` wrote what goes well and where they want to grow.
 */
export async function seedCommunitySelfEvaluationDemo(tx: Tx, programId: string): Promise<void> {
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
		if (member.kind === 'LGLB' && n >= 3) continue;
		const start = Object.fromEntries(
			SELF_EVALUATION_THEMES.map((t, j) => [t.key, 1 + ((n + j) % 3)])
		);
		const first = n === 0;
		await evaluate(tx, member, 'start', start, 57, {
			goingWell: first ? 'Het team durft nieuwe dingen te proberen.' : null,
			toGrow: first ? 'Collectief leren in het team opstarten.' : null
		});
		if (member.kind !== 'LGSL' || n >= 6) continue;
		const end = Object.fromEntries(
			SELF_EVALUATION_THEMES.map((t, j) => [t.key, Math.min(4, start[t.key] + ((n + j) % 2))])
		);
		await evaluate(tx, member, 'year1_end', end, 3 + n, {
			goingWell: first ? 'De leergemeenschap op school loopt, met vaste momenten.' : null,
			toGrow: first ? 'Meer loslaten en delegeren.' : null
		});
	}
}

async function evaluate(
	tx: Tx,
	member: { group_id: string; user_id: string },
	moment: 'start' | 'year1_end',
	answers: Record<string, number>,
	daysAgo: number,
	texts: { goingWell: string | null; toGrow: string | null }
): Promise<void> {
	await tx.query(
		`insert into public.community_self_evaluations
			(group_id, user_id, moment, answers, going_well, to_grow, submitted_at)
		 values ($1, $2, $3, $4, $5, $6, now() - make_interval(days => $7))`,
		[member.group_id, member.user_id, moment, answers, texts.goingWell, texts.toGrow, daysAgo]
	);
}
