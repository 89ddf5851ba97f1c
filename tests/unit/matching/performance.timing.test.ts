import { describe, expect, it } from 'vitest';
import { evaluateAssignment, proposeMatching, type Objective } from '$lib/domain/matching';
import { realisticInstance } from './instances';

const OBJECTIVES: Objective[] = ['best_total', 'most_matched'];

describe('proposeMatching on a large programme', () => {
	const input = realisticInstance(300, 150, 7);

	it.each(OBJECTIVES)('solves 300 mentees × 150 mentors in under 2 s (%s)', (objective) => {
		const started = performance.now();
		const result = proposeMatching(input, { objective });
		const elapsed = performance.now() - started;
		console.info(`300 × 150, ${objective}: ${elapsed.toFixed(0)} ms`);
		expect(elapsed).toBeLessThan(2000);
		if (!result.ok) throw new Error('expected a result');
		expect(result.matchedCount).toBeGreaterThan(250);
		const pairs = result.proposals.map(({ menteeId, mentorId }) => ({ menteeId, mentorId }));
		expect(evaluateAssignment(input, pairs).violations).toEqual([]);
	});
});
