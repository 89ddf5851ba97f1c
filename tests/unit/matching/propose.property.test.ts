import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateAssignment, proposeMatching, type Objective } from '$lib/domain/matching';
import { bruteForce, capacityOf, instanceArb, pairAllowed, shuffled } from './instances';

const OBJECTIVES: Objective[] = ['best_total', 'most_matched'];
const RUNS = 400;

describe.each(OBJECTIVES)('proposeMatching with %s', (objective) => {
	it('reaches the brute-force optimum, and fails only when the locked pairs cannot be made', () => {
		fc.assert(
			fc.property(instanceArb(), (input) => {
				const result = proposeMatching(input, { objective });
				const optimum = bruteForce(input, objective);
				expect(result.ok).toBe(optimum !== null);
				if (!result.ok || optimum === null) return;
				expect(Math.round(result.totalScore * 1000)).toBe(optimum.totalMilli);
				if (objective === 'most_matched') expect(result.matchedCount).toBe(optimum.matched);
			}),
			{ numRuns: RUNS }
		);
	});

	it('never breaks capacity, an exclusion, a hard preference or a locked pair', () => {
		fc.assert(
			fc.property(instanceArb(), (input) => {
				const result = proposeMatching(input, { objective });
				if (!result.ok) return;
				const pairs = result.proposals.map(({ menteeId, mentorId }) => ({ menteeId, mentorId }));
				for (const pair of pairs)
					expect(pairAllowed(input, pair.menteeId, pair.mentorId)).toBe(true);
				for (const mentor of input.mentors) {
					const assigned = pairs.filter((pair) => pair.mentorId === mentor.id).length;
					expect(assigned).toBeLessThanOrEqual(capacityOf(input, mentor));
				}
				const menteeIds = pairs.map((pair) => pair.menteeId);
				expect(new Set(menteeIds).size).toBe(menteeIds.length);
				for (const lock of input.locked ?? []) expect(pairs).toContainEqual(lock);
				if (objective === 'best_total') {
					for (const p of result.proposals) if (!p.locked) expect(p.score).toBeGreaterThan(0);
				}
				expect(evaluateAssignment(input, pairs).violations).toEqual([]);
			}),
			{ numRuns: RUNS }
		);
	});

	it('explains every proposal: the contributions add up to the score', () => {
		fc.assert(
			fc.property(instanceArb(), (input) => {
				const result = proposeMatching(input, { objective });
				if (!result.ok) return;
				let total = 0;
				for (const proposal of result.proposals) {
					const milli = proposal.contributions.map((c) => Math.round(c.points * 1000));
					expect(milli.reduce((a, b) => a + b, 0)).toBe(Math.round(proposal.score * 1000));
					const sum = proposal.contributions.reduce((a, c) => a + c.points, 0);
					expect(sum).toBeCloseTo(proposal.score, 9);
					total += Math.round(proposal.score * 1000);
				}
				expect(Math.round(result.totalScore * 1000)).toBe(total);
			}),
			{ numRuns: RUNS }
		);
	});

	it('explains every unmatched mentee with a reason the optimum allows', () => {
		fc.assert(
			fc.property(instanceArb(), (input) => {
				const result = proposeMatching(input, { objective });
				if (!result.ok) return;
				expect(result.matchedCount + result.unmatched.length).toBe(input.mentees.length);
				for (const { reason } of result.unmatched) {
					expect(reason.code).not.toBe('not_assigned');
					if (objective === 'most_matched') expect(reason.code).not.toBe('score_not_positive');
				}
			}),
			{ numRuns: RUNS }
		);
	});

	it('gives the same result for the same input, in any order', () => {
		fc.assert(
			fc.property(instanceArb(), fc.integer(), (input, seed) => {
				const first = proposeMatching(input, { objective });
				expect(proposeMatching(input, { objective })).toEqual(first);
				expect(proposeMatching(shuffled(input, seed), { objective })).toEqual(first);
			}),
			{ numRuns: RUNS }
		);
	});
});
