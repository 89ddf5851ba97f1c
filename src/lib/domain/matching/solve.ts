/**
 * The exact assignment. Locked pairs are placed first; the remaining mentees and the mentors'
 * remaining capacity form a network source → mentee (capacity 1) → mentor (capacity 1, cost
 * −score in thousandths, scaled) → sink (one edge of capacity 1 per remaining slot).
 *
 * Spreading: a mentor's slots cost 0, 1, 2 … (its k-th mentee costs k), and scores are scaled by
 * a factor larger than the sum of all those slot costs. The total score therefore still decides
 * alone; only among assignments with the same total does the solver prefer the one that spreads
 * mentees over mentors (so equal scores never give one mentor three mentees and another none).
 *
 * - `most_matched`: a minimum-cost maximum flow: as many mentees as possible, then the highest
 *   total. Every compatible pair is an edge, whatever its score.
 * - `best_total`: only pairs scoring above 0 are edges (one scoring 0 or less cannot raise the
 *   total) and augmenting stops at the first path that does not lower the cost: the cheapest flow
 *   of any size, i.e. the highest total.
 */
import { checkAssignment, isCompatible } from './constraints';
import { summarise } from './explain';
import { MinCostFlow } from './min-cost-flow';
import { prepareInput, type IndexPair, type PreparedInput } from './prepare';
import { scorePair } from './score';
import type { MatchingInput, MatchingOptions, MatchingResult, Objective } from './types';

/**
 * Proposes the best assignment under the hard constraints for the chosen objective (default
 * `most_matched`). Fails with violations when the input is invalid or the locked pairs themselves
 * break a constraint.
 */
export function proposeMatching(
	input: MatchingInput,
	options: MatchingOptions = {}
): MatchingResult {
	const prepared = prepareInput(input);
	if (!prepared.ok) return prepared;
	const data = prepared.input;
	const violations = checkAssignment(data, data.locked);
	if (violations.length > 0) return { ok: false, violations };
	const objective = options.objective ?? 'most_matched';
	const pairs = [...data.locked, ...solveRest(data, objective)];
	return { ok: true, objective, warnings: data.warnings, ...summarise(data, pairs) };
}

/** The optimal pairs for the mentees that are not locked, in the capacity locks leave over. */
export function solveRest(data: PreparedInput, objective: Objective): IndexPair[] {
	const menteeCount = data.mentees.length;
	const mentorCount = data.mentors.length;
	const room = [...data.capacity];
	const placed = new Uint8Array(menteeCount);
	for (const pair of data.locked) {
		room[pair.mentor] -= 1;
		placed[pair.mentee] = 1;
	}
	const source = 0;
	const sink = 1;
	const menteeNode = (i: number) => 2 + i;
	const mentorNode = (j: number) => 2 + menteeCount + j;
	const network = new MinCostFlow(2 + menteeCount + mentorCount);
	const candidates: IndexPair[] = [];
	const edges: number[] = [];
	// Larger than the sum of every slot cost, so the score always outweighs the spreading.
	let slotCostSum = 0;
	for (const r of room) if (r > 1) slotCostSum += (r * (r - 1)) / 2;
	const scale = slotCostSum + 1;
	for (let i = 0; i < menteeCount; i++) {
		if (placed[i]) continue;
		let any = false;
		for (let j = 0; j < mentorCount; j++) {
			if (room[j] <= 0 || !isCompatible(data, i, j)) continue;
			const score = scorePair(data, i, j).scoreMilli;
			if (objective === 'best_total' && score <= 0) continue;
			candidates.push({ mentee: i, mentor: j });
			edges.push(network.addEdge(menteeNode(i), mentorNode(j), 1, -score * scale));
			any = true;
		}
		if (any) network.addEdge(source, menteeNode(i), 1, 0);
	}
	for (let j = 0; j < mentorCount; j++) {
		for (let slot = 0; slot < room[j]; slot++) network.addEdge(mentorNode(j), sink, 1, slot);
	}
	network.solve(source, sink, { negativePathsOnly: objective === 'best_total' });
	return candidates.filter((_, k) => network.flowOn(edges[k]) > 0);
}
