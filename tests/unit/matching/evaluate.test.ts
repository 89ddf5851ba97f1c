import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	evaluateAssignment,
	proposeMatching,
	type MatchingInput,
	type PairRef
} from '$lib/domain/matching';
import { instanceArb } from './instances';

const input: MatchingInput = {
	mentees: [
		{ id: 'a', genderPreference: { genders: ['female'], strength: 'hard' } },
		{ id: 'b', accessibilityNeeds: ['online'], interests: ['digital'] },
		{ id: 'c', interests: ['digital'] }
	],
	mentors: [
		{ id: 'f', gender: 'female', capacity: 1, accessibilityOffers: ['online'] },
		{ id: 'm', gender: 'male', interests: ['digital'] }
	],
	exclusions: [{ menteeId: 'c', mentorId: 'f' }],
	locked: [{ menteeId: 'a', mentorId: 'f' }],
	preferences: { menteeRatings: { b: { f: 'like' } } }
};

const codes = (pairs: PairRef[]) =>
	evaluateAssignment(input, pairs).violations.map((v) => [v.code, v.menteeId, v.mentorId]);

describe('evaluateAssignment', () => {
	it('re-scores a hand-made assignment exactly as proposeMatching explains it', () => {
		const proposed = proposeMatching(input);
		if (!proposed.ok) throw new Error('expected a result');
		const pairs = proposed.proposals.map(({ menteeId, mentorId }) => ({ menteeId, mentorId }));
		const evaluation = evaluateAssignment(input, [...pairs].reverse());
		expect(evaluation.violations).toEqual([]);
		const { ok: _ok, objective: _objective, warnings: _warnings, ...summary } = proposed;
		expect({ ...evaluation, violations: undefined }).toEqual({ ...summary, violations: undefined });
	});

	it('reports every broken constraint of an edited assignment', () => {
		expect(
			codes([
				{ menteeId: 'a', mentorId: 'm' },
				{ menteeId: 'b', mentorId: 'm' },
				{ menteeId: 'c', mentorId: 'f' }
			])
		).toEqual([
			['gender', 'a', 'm'],
			['accessibility', 'b', 'm'],
			['excluded', 'c', 'f'],
			['locked_pair_missing', 'a', 'f']
		]);
		expect(
			codes([
				{ menteeId: 'a', mentorId: 'f' },
				{ menteeId: 'b', mentorId: 'f' },
				{ menteeId: 'b', mentorId: 'm' },
				{ menteeId: 'x', mentorId: 'y' }
			])
		).toEqual([
			['unknown_mentee', 'x', 'y'],
			['unknown_mentor', 'x', 'y'],
			['accessibility', 'b', 'm'],
			['mentee_assigned_twice', 'b', undefined],
			['over_capacity', undefined, 'f']
		]);
	});

	it('still explains pairs that break a rule, and says who was left without a mentor', () => {
		const evaluation = evaluateAssignment(input, [
			{ menteeId: 'a', mentorId: 'f' },
			{ menteeId: 'b', mentorId: 'm' },
			{ menteeId: 'b', mentorId: 'm' }
		]);
		expect(evaluation.proposals.map((p) => [p.menteeId, p.mentorId, p.locked, p.score])).toEqual([
			['a', 'f', true, 10],
			['b', 'm', false, 5]
		]);
		expect(evaluation.proposals[1].contributions[3]).toMatchObject({
			code: 'accessibility.none_met'
		});
		expect(evaluation.unmatched).toEqual([
			{ menteeId: 'c', reason: { code: 'not_assigned', mentorIds: ['m'] } }
		]);
		expect(evaluation.matchedCount).toBe(2);
		expect(evaluation.totalScore).toBe(15);
	});

	it('returns the input’s own violations when the input is invalid', () => {
		const evaluation = evaluateAssignment(
			{ ...input, mentees: [...input.mentees, { id: 'a' }] },
			[]
		);
		expect(evaluation.violations.map((v) => v.code)).toEqual(['duplicate_mentee']);
		expect(evaluation.proposals).toEqual([]);
	});

	it('adds up, on random assignments', () => {
		fc.assert(
			fc.property(
				instanceArb().chain((instance) =>
					fc.tuple(
						fc.constant(instance),
						fc.array(
							fc.record({
								menteeId: fc.constantFrom('e0', 'e1', 'e2', 'zz'),
								mentorId: fc.constantFrom('r0', 'r1', 'r2')
							}),
							{ maxLength: 6 }
						)
					)
				),
				([instance, pairs]) => {
					const evaluation = evaluateAssignment(instance, pairs);
					let total = 0;
					for (const proposal of evaluation.proposals) {
						const milli = proposal.contributions.map((c) => Math.round(c.points * 1000));
						expect(milli.reduce((a, b) => a + b, 0)).toBe(Math.round(proposal.score * 1000));
						total += Math.round(proposal.score * 1000);
					}
					expect(Math.round(evaluation.totalScore * 1000)).toBe(total);
				}
			),
			{ numRuns: 300 }
		);
	});
});
