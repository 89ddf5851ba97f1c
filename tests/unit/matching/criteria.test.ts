import { describe, expect, it } from 'vitest';
import {
	accessibilityFit,
	expertiseFit,
	experienceFit,
	genderFit,
	interestsFit,
	menteeFavouriteFit,
	menteeRatingFit,
	mentorFavouriteFit,
	availabilityFit,
	regionFit
} from '$lib/domain/matching/criteria';
import type { MenteeProfile, MentorProfile } from '$lib/domain/matching';

const mentee = (fields: Partial<MenteeProfile> = {}): MenteeProfile => ({ id: 'e', ...fields });
const mentor = (fields: Partial<MentorProfile> = {}): MentorProfile => ({ id: 'r', ...fields });

describe('experienceFit', () => {
	it('counts years up to ten when the mentee names no setting', () => {
		expect(experienceFit(mentee(), mentor({ experienceYears: 4 }))).toEqual({
			fraction: 0.4,
			code: 'experience.years',
			params: { years: 4 }
		});
		expect(experienceFit(mentee(), mentor({ experienceYears: 25 })).fraction).toBe(1);
		expect(experienceFit(mentee(), mentor())).toEqual({
			fraction: 0,
			code: 'experience.not_given',
			params: {}
		});
		expect(experienceFit(mentee(), mentor({ experienceYears: -3 })).fraction).toBe(0);
		expect(experienceFit(mentee(), mentor({ experienceYears: NaN })).fraction).toBe(0);
	});

	it('gives half for the years and half for experience in the mentee’s setting', () => {
		const a = mentee({ context: 'primary' });
		expect(
			experienceFit(a, mentor({ experienceYears: 10, experienceContexts: ['primary'] }))
		).toEqual({
			fraction: 1,
			code: 'experience.same_context',
			params: { years: 10, context: 'primary' }
		});
		expect(
			experienceFit(a, mentor({ experienceYears: 5, experienceContexts: ['secondary'] }))
		).toEqual({
			fraction: 0.25,
			code: 'experience.other_context',
			params: { years: 5, context: 'primary' }
		});
	});
});

describe('expertiseFit', () => {
	it('weighs the mentor’s level by how much the mentee needs each topic', () => {
		// Needs: finance 1 (score 1), staff 0.5 (score 3); planning 5 is no need.
		const a = mentee({ selfEvaluation: { finance: 1, staff: 3, planning: 5 } });
		const b = mentor({ expertise: { finance: 5, staff: 1, planning: 5 } });
		// (1 × 1 + 0.5 × 0) / 1.5
		expect(expertiseFit(a, b)).toEqual({
			fraction: 2 / 3,
			code: 'expertise.covers_needs',
			params: { coverage: 67, topics: ['finance'] }
		});
	});

	it('gives nothing when the mentor lacks the topics or the mentee has no needs', () => {
		const needs = mentee({ selfEvaluation: { finance: 2 } });
		// A mentor who assessed nothing: no claim (it used to say "covers the needs" at 0 %).
		expect(expertiseFit(needs, mentor()).fraction).toBe(0);
		expect(expertiseFit(needs, mentor()).code).toBe('expertise.not_given');
		const other = mentor({ expertise: { wellbeing: 5 } });
		expect(expertiseFit(needs, other)).toMatchObject({
			fraction: 0,
			code: 'expertise.covers_needs'
		});
		const confident = mentee({ selfEvaluation: { finance: 5 } });
		expect(expertiseFit(confident, mentor({ expertise: { finance: 5 } }))).toEqual({
			fraction: 0,
			code: 'expertise.no_needs',
			params: {}
		});
		expect(expertiseFit(mentee(), other).code).toBe('expertise.no_needs');
	});

	it('clamps scores to the 1–5 scale', () => {
		const a = mentee({ selfEvaluation: { finance: -4 } });
		expect(expertiseFit(a, mentor({ expertise: { finance: 9 } })).fraction).toBe(1);
	});
});

describe('genderFit', () => {
	it('rewards a met preference, hard or soft', () => {
		const soft = mentee({ genderPreference: { genders: ['female'], strength: 'soft' } });
		expect(genderFit(soft, mentor({ gender: 'female' }))).toEqual({
			fraction: 1,
			code: 'gender.preference_met',
			params: { strength: 'soft', gender: 'female' }
		});
		const hard = mentee({ genderPreference: { genders: ['female', 'x'], strength: 'hard' } });
		expect(genderFit(hard, mentor({ gender: 'x' })).fraction).toBe(1);
	});

	it('gives nothing without a preference, for an unknown gender or a preference not met', () => {
		expect(genderFit(mentee(), mentor({ gender: 'male' })).code).toBe('gender.no_preference');
		const emptyPreference = mentee({ genderPreference: { genders: [], strength: 'hard' } });
		expect(genderFit(emptyPreference, mentor()).code).toBe('gender.no_preference');
		const soft = mentee({ genderPreference: { genders: ['female'], strength: 'soft' } });
		expect(genderFit(soft, mentor())).toEqual({
			fraction: 0,
			code: 'gender.mentor_unknown',
			params: { strength: 'soft' }
		});
		expect(genderFit(soft, mentor({ gender: 'male' }))).toEqual({
			fraction: 0,
			code: 'gender.preference_not_met',
			params: { strength: 'soft', gender: 'male' }
		});
	});
});

describe('accessibilityFit', () => {
	const a = mentee({ accessibilityNeeds: ['online', 'wheelchair'] });

	it('scores the share of needs met', () => {
		expect(
			accessibilityFit(a, mentor({ accessibilityOffers: ['online', 'wheelchair', 'x'] }))
		).toEqual({
			fraction: 1,
			code: 'accessibility.all_met',
			params: { met: ['online', 'wheelchair'] }
		});
		expect(accessibilityFit(a, mentor({ accessibilityOffers: ['wheelchair'] }))).toEqual({
			fraction: 0.5,
			code: 'accessibility.partly_met',
			params: { met: ['wheelchair'], unmet: ['online'] }
		});
		expect(accessibilityFit(a, mentor())).toEqual({
			fraction: 0,
			code: 'accessibility.none_met',
			params: { unmet: ['online', 'wheelchair'] }
		});
	});

	it('gives nothing when the mentee has no needs', () => {
		expect(accessibilityFit(mentee(), mentor({ accessibilityOffers: ['online'] }))).toEqual({
			fraction: 0,
			code: 'accessibility.no_needs',
			params: {}
		});
	});
});

describe('interestsFit', () => {
	it('scores the share of the mentee’s interests the mentor shares', () => {
		const a = mentee({ interests: ['digital', 'inclusion', 'science'] });
		expect(interestsFit(a, mentor({ interests: ['science', 'digital', 'sport'] }))).toEqual({
			fraction: 2 / 3,
			code: 'interests.shared',
			params: { shared: ['digital', 'science'], total: 3 }
		});
		expect(interestsFit(a, mentor({ interests: ['sport'] }))).toEqual({
			fraction: 0,
			code: 'interests.none_shared',
			params: { total: 3 }
		});
		expect(interestsFit(mentee(), mentor({ interests: ['sport'] })).code).toBe(
			'interests.none_given'
		);
	});
});

describe('availabilityFit', () => {
	it('gives the share of the mentee’s moments the mentor has too', () => {
		const a = mentee({ availability: ['weekday-evening', 'weekend'] });
		expect(availabilityFit(a, mentor({ availability: ['weekend', 'weekday-morning'] }))).toEqual({
			fraction: 0.5,
			code: 'availability.shared',
			params: { shared: ['weekend'], total: 2 }
		});
		expect(availabilityFit(a, mentor({ availability: ['weekday-morning'] }))).toEqual({
			fraction: 0,
			code: 'availability.none_shared',
			params: { total: 2 }
		});
	});

	it('says nothing when either side gave no availability', () => {
		expect(availabilityFit(mentee(), mentor({ availability: ['weekend'] })).code).toBe(
			'availability.not_given'
		);
		expect(availabilityFit(mentee({ availability: ['weekend'] }), mentor()).code).toBe(
			'availability.not_given'
		);
	});
});

describe('regionFit', () => {
	it('compares regions case-insensitively and names the mentee’s region', () => {
		expect(regionFit(mentee({ region: 'Antwerpen ' }), mentor({ region: ' antwerpen' }))).toEqual({
			fraction: 1,
			code: 'region.same',
			params: { region: 'Antwerpen' }
		});
		expect(regionFit(mentee({ region: 'Gent' }), mentor({ region: 'Brugge' }))).toEqual({
			fraction: 0,
			code: 'region.different',
			params: { region: 'Gent', mentorRegion: 'Brugge' }
		});
	});

	it('says nothing when a region is missing', () => {
		expect(regionFit(mentee({ region: 'Gent' }), mentor({ region: '  ' })).code).toBe(
			'region.not_given'
		);
		expect(regionFit(mentee(), mentor({ region: 'Gent' })).code).toBe('region.not_given');
	});
});

describe('matching-day preferences', () => {
	it('ranks favourites 1, 2, 3 as full, two thirds and one third', () => {
		expect(menteeFavouriteFit(1)).toEqual({
			fraction: 1,
			code: 'mentee_favourite.chosen',
			params: { rank: 1 }
		});
		expect(menteeFavouriteFit(2).fraction).toBeCloseTo(2 / 3, 12);
		expect(menteeFavouriteFit(3).fraction).toBeCloseTo(1 / 3, 12);
		expect(menteeFavouriteFit(null).code).toBe('mentee_favourite.not_chosen');
		expect(mentorFavouriteFit(2)).toEqual({
			fraction: 2 / 3,
			code: 'mentor_favourite.chosen',
			params: { rank: 2 }
		});
		expect(mentorFavouriteFit(null)).toEqual({
			fraction: 0,
			code: 'mentor_favourite.not_chosen',
			params: {}
		});
	});

	it('turns like / neutral / dislike into +1 / 0 / −1', () => {
		expect(menteeRatingFit('like').fraction).toBe(1);
		expect(menteeRatingFit('neutral')).toEqual({
			fraction: 0,
			code: 'mentee_rating.neutral',
			params: {}
		});
		expect(menteeRatingFit('dislike')).toEqual({
			fraction: -1,
			code: 'mentee_rating.dislike',
			params: {}
		});
		expect(menteeRatingFit(null).code).toBe('mentee_rating.not_rated');
	});
});
