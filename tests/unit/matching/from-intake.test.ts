import { describe, expect, it } from 'vitest';
import {
	menteeFromIntake,
	mentorFromSelfAssessment,
	preferencesFromRows
} from '$lib/domain/matching/from-intake';
import { proposeMatching, shownReasons } from '$lib/domain/matching';

describe('matching input from the intake forms', () => {
	it('turns support topics into needs and a gender wish into a preference', () => {
		const mentee = menteeFromIntake('e1', {
			'support-topics': { finance: true, wellbeing: true, organisation: false },
			'interest-topics': { innovation: true },
			setting: 'secondary',
			gender: 'female',
			'mentor-gender-preference': 'same',
			'gender-preference-required': 'yes',
			'accessibility-tags': { 'step-free': true }
		});
		expect(mentee.selfEvaluation).toMatchObject({ finance: 1, wellbeing: 1, organisation: 5 });
		expect(mentee.interests).toEqual(['innovation']);
		expect(mentee.context).toBe('secondary');
		expect(mentee.genderPreference).toEqual({ genders: ['female'], strength: 'hard' });
		expect(mentee.accessibilityNeeds).toEqual(['step-free']);
		expect(
			menteeFromIntake('e2', { gender: 'male', 'mentor-gender-preference': 'other' })
				.genderPreference
		).toEqual({
			genders: ['female', 'x'],
			strength: 'soft'
		});
		expect(menteeFromIntake('e3', {}).genderPreference).toBeNull();
	});

	it('reads a mentor self-assessment', () => {
		const mentor = mentorFromSelfAssessment('m1', {
			'expertise-topics': { finance: true },
			capacity: 2,
			'experience-years': 12,
			settings: { secondary: true },
			gender: 'undisclosed',
			'accessibility-offers': { 'step-free': true }
		});
		expect(mentor).toMatchObject({
			capacity: 2,
			experienceYears: 12,
			experienceContexts: ['secondary'],
			gender: null,
			accessibilityOffers: ['step-free']
		});
		expect(mentor.expertise?.finance).toBe(5);
		expect(mentor.expertise?.wellbeing).toBe(1);
	});

	it('reads availability and region on both sides', () => {
		const mentee = menteeFromIntake('e1', {
			availability: { 'weekday-evening': true, weekend: true, 'weekday-morning': false },
			region: '  Antwerpen '
		});
		expect(mentee.availability).toEqual(['weekday-evening', 'weekend']);
		expect(mentee.region).toBe('Antwerpen');
		const mentor = mentorFromSelfAssessment('m1', {
			availability: { 'weekday-evening': true },
			region: 'antwerpen'
		});
		expect(mentor.availability).toEqual(['weekday-evening']);
		const result = proposeMatching({ mentees: [mentee], mentors: [mentor] });
		const codes = result.ok ? result.proposals[0].contributions.map((c) => c.code) : [];
		expect(codes).toContain('availability.shared');
		expect(codes).toContain('region.same');
	});

	it('claims nothing about expertise, experience, availability or region without answers', () => {
		const result = proposeMatching({
			mentees: [menteeFromIntake('e1', {})],
			mentors: [mentorFromSelfAssessment('m1', {})]
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const proposal = result.proposals[0];
		expect(proposal.score).toBe(0);
		expect(shownReasons(proposal.contributions)).toEqual([]);
		const needsOnly = proposeMatching({
			mentees: [menteeFromIntake('e1', { 'support-topics': { finance: true } })],
			mentors: [mentorFromSelfAssessment('m1', {})]
		});
		expect(needsOnly.ok && needsOnly.proposals[0].contributions[1].code).toBe(
			'expertise.not_given'
		);
	});

	it('reads matching-day choices in rank order, and the engine prefers the fitting mentor', () => {
		const preferences = preferencesFromRows([
			{
				chooserId: 'e1',
				chosenId: 'm2',
				chooserRole: 'mentee',
				rating: 'neutral',
				rank: 2,
				place: ''
			},
			{
				chooserId: 'e1',
				chosenId: 'm1',
				chooserRole: 'mentee',
				rating: 'like',
				rank: 1,
				place: 'Gent'
			},
			{ chooserId: 'm1', chosenId: 'e1', chooserRole: 'mentor', rating: null, rank: 1, place: '' }
		]);
		expect(preferences.menteeFavourites?.e1.map((f) => f.id)).toEqual(['m1', 'm2']);
		expect(preferences.menteeRatings?.e1).toEqual({ m1: 'like', m2: 'neutral' });
		const result = proposeMatching({
			mentees: [menteeFromIntake('e1', { 'support-topics': { finance: true } })],
			mentors: [
				mentorFromSelfAssessment('m1', { 'expertise-topics': { finance: true }, capacity: 1 }),
				mentorFromSelfAssessment('m2', { capacity: 1 })
			],
			preferences
		});
		expect(result.ok && result.proposals.map((p) => p.mentorId)).toEqual(['m1']);
		expect(result.ok && result.proposals[0].meetingPlace).toEqual({
			place: 'Gent',
			chosenBy: 'mentee'
		});
	});
});
