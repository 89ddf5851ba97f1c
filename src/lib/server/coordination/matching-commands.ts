/**
 * The matching page's commands: each reads the set-up and writes its change in one transaction,
 * so the route only authenticates, validates and calls one of them.
 */
import { applySetupChange, type SetupChange } from '$lib/domain/matching';
import type { ContextWith } from '$lib/server/context';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import {
	createMatchedPairs,
	introducePairs,
	readMatchingContext,
	readSetup,
	runMatching,
	writeSetup
} from './matching';
import { transferConsentedSheets } from './transfer';

/** Locks, unlocks, swaps or excludes one proposed pair (the rules: applySetupChange). */
export async function changeMatchingPairing(
	db: Database,
	claims: JwtClaims,
	programId: string,
	change: SetupChange
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const next = applySetupChange(await readSetup(tx, programId), change);
		await writeSetup(tx, programId, {
			exclusions: [...next.exclusions],
			locked: [...next.locked]
		});
	});
}

/**
 * Confirms the engine's current proposal. In one transaction: the context is read, the engine
 * re-run, and every proposed pair created with its meetings and sheets, the locks cleared and the
 * confirm audited — a refusal (locked pairs that no longer fit, nothing to confirm, an evaluator
 * as their teacher's mentor, a second mentor outside a pool) or any failure leaves none of it.
 * Only after the commit are both people introduced by e-mail and, with the mentee's consent, the
 * previous pair's worksheets copied (exit policy): neither can be rolled back, so neither runs
 * for pairs that were not made. Returns the new pairs' ids.
 */
export async function confirmMatchingRound(
	ctx: ContextWith<'mailer' | 'origin' | 'collab'>,
	programId: string
): Promise<string[]> {
	const created = await ctx.db.asUser(ctx.claims, async (tx) => {
		const result = runMatching(await readMatchingContext(tx, programId));
		if (!result.ok) throw new DomainError('conflict', 'locked_invalid');
		if (result.proposals.length === 0) throw new DomainError('invalid', 'nothing');
		return createMatchedPairs(
			tx,
			programId,
			result.proposals.map((p) => ({
				menteeId: p.menteeId,
				mentorId: p.mentorId,
				place: p.meetingPlace?.place
			}))
		);
	});
	await introducePairs(ctx.db, ctx.mailer, ctx.origin, created);
	const ids = created.map((p) => p.pairId);
	await transferConsentedSheets(ctx.db, ctx.collab, ids);
	return ids;
}
