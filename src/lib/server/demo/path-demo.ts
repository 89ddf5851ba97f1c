import { PATH_PHASES, type PathPhase } from '$lib/domain/phases';
import type { Tx } from '$lib/server/db/types';

/**
 * The demo pairs' path history, consistent with the phase and status the demo gave them: one
 * step per phase from BR up to the current one, spread evenly between the pair's start and today
 * (or its end), and a last status change for a pair that is not active. Written as the service
 * (the history is the database's record; nobody else writes it).
 */
export async function seedPathDemo(tx: Tx, organisationId: string): Promise<void> {
	const pairs = await tx.query<{
		id: string;
		phase: PathPhase;
		status: string;
		created_at: Date;
		ended_at: Date | null;
	}>(
		`select p.id, p.phase, p.status, p.created_at, p.ended_at from public.pairs p
		 join public.programs g on g.id = p.program_id where g.organisation_id = $1`,
		[organisationId]
	);
	const now = Date.now();
	for (const pair of pairs) {
		await tx.query('delete from public.pair_path_history where pair_id = $1', [pair.id]);
		const start = new Date(pair.created_at).getTime();
		const until = Math.max(start, Math.min(now, pair.ended_at?.getTime() ?? now));
		const steps = PATH_PHASES.slice(0, PATH_PHASES.indexOf(pair.phase) + 1);
		// The last share of the time is the current phase; a pair that stopped did so near the end.
		const span = (until - start) * 0.9;
		const at = (index: number) => new Date(start + (span * index) / steps.length);
		for (const [index, phase] of steps.entries()) {
			await tx.query(
				`insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_at)
				 values ($1, 'phase', $2, $3, $4)`,
				[pair.id, index === 0 ? null : steps[index - 1], phase, at(index)]
			);
		}
		await tx.query(
			`insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_at)
			 values ($1, 'status', null, 'active', $2)`,
			[pair.id, at(0)]
		);
		if (pair.status !== 'active')
			await tx.query(
				`insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_at)
				 values ($1, 'status', 'active', $2, $3)`,
				[pair.id, pair.status, new Date(start + (until - start) * 0.95)]
			);
	}
}
