import { describe, expect, it } from 'vitest';
import {
	CRITERIA,
	proposeMatching,
	type MatchingInput,
	type MatchingResult,
	type MenteeProfile,
	type MentorProfile
} from '$lib/domain/matching';

const mentee = (id: string, fields: Partial<MenteeProfile> = {}): MenteeProfile => ({
	id,
	...fields
});
const mentor = (id: string, fields: Partial<MentorProfile> = {}): MentorProfile => ({
	id,
	...fields
});

function ok(result: MatchingResult) {
	if (!result.ok) throw new Error(`expected a result, got ${JSON.stringify(result.violations)}`);
	return result;
}

const pairsOf = (result: MatchingResult) =>
	ok(result).proposals.map((p) => `${p.menteeId}-${p.mentorId}`);

describe('proposeMatching explanations', () => {
	const input: MatchingInput = {
		mentees: [
			mentee('anna', {
				selfEvaluation: { Finance: 1, staff: 5 },
				interests: ['Digital', 'inclusion'],
				context: 'Primary',
				genderPreference: { genders: ['female'], strength: 'soft' },
				accessibilityNeeds: ['Wheelchair '],
				availability: ['weekday-evening', 'Weekend'],
				region: ' Antwerpen '
			})
		],
		mentors: [
			mentor('mia', {
				gender: 'Female',
				capacity: 2,
				experienceYears: 12,
				experienceContexts: ['primary'],
				expertise: { finance: 5 },
				interests: ['digital'],
				accessibilityOffers: ['wheelchair'],
				availability: ['weekend', 'weekday-morning'],
				region: 'antwerpen'
			})
		],
		preferences: {
			menteeFavourites: { anna: [{ id: 'mia', place: ' school library ' }] },
			menteeRatings: { anna: { mia: 'like' } },
			mentorFavourites: { mia: [{ id: 'anna', place: 'café' }] }
		}
	};

	it('lists every criterion with points, a reason code and parameters that add up', () => {
		const result = ok(proposeMatching(input));
		expect(result.proposals).toHaveLength(1);
		const [proposal] = result.proposals;
		expect(proposal.contributions.map((c) => c.criterion)).toEqual([...CRITERIA]);
		expect(proposal.contributions.map((c) => [c.code, c.points])).toEqual([
			['experience.same_context', 10],
			['expertise.covers_needs', 15],
			['gender.preference_met', 10],
			['accessibility.all_met', 10],
			['interests.shared', 2.5],
			['availability.shared', 5],
			['region.same', 5],
			['mentee_favourite.chosen', 15],
			['mentee_rating.like', 10],
			['mentor_favourite.chosen', 10]
		]);
		expect(proposal.contributions[4].params).toEqual({ shared: ['digital'], total: 2 });
		expect(proposal.contributions[5].params).toEqual({ shared: ['weekend'], total: 2 });
		expect(proposal.contributions[6].params).toEqual({ region: 'Antwerpen' });
		expect(proposal.score).toBe(92.5);
		expect(result.totalScore).toBe(92.5);
		expect(proposal.honoured).toEqual({
			menteeFavouriteRank: 1,
			mentorFavouriteRank: 1,
			mutualChoice: true,
			menteeRating: 'like',
			genderPreference: 'soft',
			accessibilityNeedsMet: ['wheelchair']
		});
		expect(proposal.meetingPlace).toEqual({ place: 'school library', chosenBy: 'mentee' });
		expect(proposal.locked).toBe(false);
		expect(result.mentorLoad).toEqual([{ mentorId: 'mia', capacity: 2, assigned: 1 }]);
	});

	it('uses the programme weights and reports weights it had to clamp', () => {
		const weights = {
			experience: 0,
			expertise: 0,
			gender: 0,
			accessibility: 0,
			interests: 0,
			availability: 0,
			region: 0
		};
		const result = ok(
			proposeMatching({
				...input,
				settings: { weights: { ...weights, menteeFavourite: 150, menteeRating: 2.5 } }
			})
		);
		expect(result.proposals[0].score).toBe(100 + 2.5 + 10);
		expect(result.weights.menteeFavourite).toBe(100);
		expect(result.warnings).toMatchObject([{ criterion: 'menteeFavourite', code: 'clamped' }]);
	});

	it('takes the mentor’s place when the mentee wrote none', () => {
		const result = ok(
			proposeMatching({
				...input,
				preferences: { ...input.preferences, menteeFavourites: {} }
			})
		);
		expect(result.proposals[0].meetingPlace).toEqual({ place: 'café', chosenBy: 'mentor' });
		expect(result.proposals[0].honoured.mutualChoice).toBe(false);
	});
});

describe('matching-day forms', () => {
	it('counts only the first three favourites; a repeat keeps its first rank', () => {
		const input: MatchingInput = {
			mentees: [mentee('e')],
			mentors: ['a', 'b', 'c', 'd'].map((id) => mentor(id)),
			preferences: {
				menteeFavourites: { e: [{ id: 'b' }, { id: 'nobody' }, { id: 'b' }, { id: 'd' }] }
			},
			settings: { weights: { menteeFavourite: 30 } }
		};
		const ranks = ['a', 'b', 'c', 'd'].map((mentorId) => {
			const result = ok(proposeMatching({ ...input, locked: [{ menteeId: 'e', mentorId }] }));
			return result.proposals[0].honoured.menteeFavouriteRank;
		});
		expect(ranks).toEqual([null, 1, null, null]);
	});
});

describe('objectives', () => {
	// Eva's only compatible mentor meets her gender preference (+10) but she disliked him (−10):
	// under best_total a pair scoring 0 is not worth making.
	const input: MatchingInput = {
		mentees: [
			mentee('eva', { genderPreference: { genders: ['male'], strength: 'hard' } }),
			mentee('tom')
		],
		mentors: [mentor('rik', { gender: 'male' }), mentor('sara', { gender: 'female' })],
		preferences: {
			menteeRatings: { eva: { rik: 'dislike' }, tom: { sara: 'like' } }
		}
	};

	it('best_total leaves out pairs that score 0 or less, and says why', () => {
		const result = ok(proposeMatching(input, { objective: 'best_total' }));
		expect(result.objective).toBe('best_total');
		expect(pairsOf(result)).toEqual(['tom-sara']);
		expect(result.unmatched).toEqual([
			{
				menteeId: 'eva',
				reason: {
					code: 'score_not_positive',
					mentorIds: ['rik'],
					bestScore: 0,
					fullMentorIds: []
				}
			}
		]);
	});

	it('most_matched matches as many mentees as possible, then maximises the total', () => {
		const result = ok(proposeMatching(input, { objective: 'most_matched' }));
		expect(pairsOf(result)).toEqual(['eva-rik', 'tom-sara']);
		expect(result.matchedCount).toBe(2);
		expect(result.totalScore).toBe(10);
		expect(ok(proposeMatching(input)).objective).toBe('most_matched');
	});
});

describe('capacity', () => {
	const mentees = ['a', 'b', 'c', 'd', 'e'].map((id) => mentee(id));

	it('never exceeds the mentor’s own capacity or the programme maximum', () => {
		const result = ok(
			proposeMatching({
				mentees,
				mentors: [mentor('one', { capacity: 1 }), mentor('many', { capacity: 5 })],
				settings: { maxMenteesPerMentor: 2 }
			})
		);
		expect(result.mentorLoad).toEqual([
			{ mentorId: 'many', capacity: 2, assigned: 2 },
			{ mentorId: 'one', capacity: 1, assigned: 1 }
		]);
		expect(result.unmatched.map((u) => u.reason.code)).toEqual([
			'compatible_mentors_full',
			'compatible_mentors_full'
		]);
	});

	it('spreads mentees over mentors when the scores are equal', () => {
		// Equal scores used to send the first three mentees to the first mentor and none to the next.
		const result = ok(
			proposeMatching({
				mentees: mentees.slice(0, 3),
				mentors: [mentor('m1'), mentor('m2'), mentor('m3')]
			})
		);
		expect(result.mentorLoad.map((l) => l.assigned)).toEqual([1, 1, 1]);
		const two = ok(
			proposeMatching({ mentees, mentors: [mentor('m1', { capacity: 3 }), mentor('m2')] })
		);
		expect(two.mentorLoad.map((l) => l.assigned)).toEqual([3, 2]);
	});

	it('still gives a better-fitting mentor more mentees than spreading would', () => {
		const fit = { availability: ['weekend'] };
		const result = ok(
			proposeMatching({
				mentees: mentees.slice(0, 2).map((m) => ({ ...m, ...fit })),
				mentors: [mentor('good', fit), mentor('other', { availability: ['weekday-morning'] })]
			})
		);
		expect(result.mentorLoad).toEqual([
			{ mentorId: 'good', capacity: 3, assigned: 2 },
			{ mentorId: 'other', capacity: 3, assigned: 0 }
		]);
	});

	it('defaults to three mentees per mentor', () => {
		const result = ok(proposeMatching({ mentees, mentors: [mentor('m')] }));
		expect(result.mentorLoad).toEqual([{ mentorId: 'm', capacity: 3, assigned: 3 }]);
	});
});

describe('unmatched mentees', () => {
	it('names the hard constraints that rule every mentor out', () => {
		const result = ok(
			proposeMatching({
				mentees: [
					mentee('e', {
						genderPreference: { genders: ['female'], strength: 'hard' },
						accessibilityNeeds: ['online']
					})
				],
				mentors: [
					mentor('a', { gender: 'male', accessibilityOffers: ['online'] }),
					mentor('b', { gender: 'female' }),
					mentor('c', { gender: 'female', accessibilityOffers: ['online'], capacity: 0 }),
					mentor('d', { gender: 'female', accessibilityOffers: ['online'] })
				],
				exclusions: [{ menteeId: 'e', mentorId: 'd', reason: 'same school' }]
			})
		);
		expect(result.unmatched).toEqual([
			{
				menteeId: 'e',
				reason: {
					code: 'no_compatible_mentor',
					blockedBy: [
						{ constraint: 'excluded', mentorIds: ['d'] },
						{ constraint: 'gender', mentorIds: ['a'] },
						{ constraint: 'accessibility', mentorIds: ['b'] },
						{ constraint: 'no_capacity', mentorIds: ['c'] }
					]
				}
			}
		]);
	});

	it('says so when every mentor is excluded, or when there are no mentors', () => {
		const excluded = ok(
			proposeMatching({
				mentees: [mentee('e')],
				mentors: [mentor('a'), mentor('b')],
				exclusions: [
					{ menteeId: 'e', mentorId: 'b' },
					{ menteeId: 'e', mentorId: 'a' }
				]
			})
		);
		expect(excluded.unmatched[0].reason).toEqual({
			code: 'excluded',
			blockedBy: [{ constraint: 'excluded', mentorIds: ['a', 'b'] }]
		});
		const empty = ok(proposeMatching({ mentees: [mentee('e')], mentors: [] }));
		expect(empty.unmatched).toEqual([{ menteeId: 'e', reason: { code: 'no_mentors' } }]);
	});

	it('treats unmet accessibility needs as a cost, not a barrier, when the programme says soft', () => {
		const input: MatchingInput = {
			mentees: [mentee('e', { accessibilityNeeds: ['online'] })],
			mentors: [mentor('a')],
			settings: { accessibility: 'soft' }
		};
		const result = ok(proposeMatching(input));
		expect(pairsOf(result)).toEqual(['e-a']);
		expect(result.proposals[0].contributions[3]).toMatchObject({
			code: 'accessibility.none_met',
			points: 0,
			params: { unmet: ['online'] }
		});
		const hard = ok(proposeMatching({ ...input, settings: { accessibility: 'hard' } }));
		expect(hard.unmatched[0].reason.code).toBe('no_compatible_mentor');
	});
});

describe('locked pairs', () => {
	const base: MatchingInput = {
		mentees: [
			mentee('a', { genderPreference: { genders: ['female'], strength: 'hard' } }),
			mentee('b'),
			mentee('c')
		],
		mentors: [mentor('m', { gender: 'male', capacity: 1 }), mentor('f', { gender: 'female' })],
		preferences: { menteeRatings: { b: { f: 'dislike' } } }
	};

	it('keeps a locked pair even when it scores below zero, and marks it', () => {
		const result = ok(
			proposeMatching(
				{ ...base, locked: [{ menteeId: 'b', mentorId: 'f' }] },
				{ objective: 'best_total' }
			)
		);
		const locked = result.proposals.find((p) => p.menteeId === 'b');
		expect(locked).toMatchObject({ mentorId: 'f', locked: true, score: -10 });
	});

	it('fails clearly when locked pairs break a constraint', () => {
		const fail = (input: Partial<MatchingInput>) => {
			const result = proposeMatching({ ...base, ...input });
			if (result.ok) throw new Error('expected a failure');
			return result.violations.map((v) => [v.code, v.menteeId, v.mentorId]);
		};
		expect(fail({ locked: [{ menteeId: 'a', mentorId: 'm' }] })).toEqual([['gender', 'a', 'm']]);
		expect(
			fail({
				locked: [{ menteeId: 'b', mentorId: 'f' }],
				exclusions: [{ menteeId: 'b', mentorId: 'f' }]
			})
		).toEqual([['excluded', 'b', 'f']]);
		expect(
			fail({
				locked: [
					{ menteeId: 'b', mentorId: 'm' },
					{ menteeId: 'c', mentorId: 'm' }
				]
			})
		).toEqual([['over_capacity', undefined, 'm']]);
		expect(
			fail({
				locked: [
					{ menteeId: 'b', mentorId: 'm' },
					{ menteeId: 'b', mentorId: 'f' }
				]
			})
		).toEqual([['mentee_assigned_twice', 'b', undefined]]);
		expect(fail({ locked: [{ menteeId: 'zed', mentorId: 'f' }] })).toEqual([
			['unknown_mentee', 'zed', 'f']
		]);
	});
});

describe('invalid input', () => {
	const codes = (input: MatchingInput) => {
		const result = proposeMatching(input);
		return result.ok ? [] : result.violations.map((v) => v.code);
	};

	it('rejects duplicate ids, bad capacities, settings and weights', () => {
		expect(
			codes({ mentees: [mentee('a'), mentee('a')], mentors: [mentor('m'), mentor('m')] })
		).toEqual(['duplicate_mentee', 'duplicate_mentor']);
		expect(codes({ mentees: [], mentors: [mentor('m', { capacity: 1.5 })] })).toEqual([
			'invalid_capacity'
		]);
		expect(codes({ mentees: [], mentors: [], settings: { maxMenteesPerMentor: 0 } })).toEqual([
			'invalid_setting'
		]);
		expect(codes({ mentees: [], mentors: [], settings: { weights: { gender: NaN } } })).toEqual([
			'invalid_weights'
		]);
	});
});

describe('tie-breaking', () => {
	it('prefers the mentor with the smaller id when everything else is equal', () => {
		const input = { mentees: [mentee('e')], mentors: [mentor('b'), mentor('a')] };
		expect(pairsOf(proposeMatching(input))).toEqual(['e-a']);
	});
});
