import { topicOptions } from '../templates/forms/matching-options';
import type {
	FavouriteChoice,
	GenderPreference,
	MenteeProfile,
	MentorProfile,
	MentorRating,
	Preferences
} from './types';

/** A submitted form's plain answers, keyed by field (as `readFieldContent` produces them). */
export type Answers = Readonly<Record<string, unknown>>;

const GENDERS = ['female', 'male', 'x'] as const;

function ticked(value: unknown): string[] {
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value as Record<string, unknown>)
		.filter(([, on]) => on === true)
		.map(([key]) => key);
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const count = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * The mentee's side of matching, from the intake form: topics they want support in become the
 * lowest self-evaluation score (a need a mentor's expertise should cover) and the other topics the
 * highest (no need). Without ticked topics there are no needs, so nothing is claimed about them.
 */
export function menteeFromIntake(id: string, answers: Answers): MenteeProfile {
	const support = new Set(ticked(answers['support-topics']));
	const own = text(answers.gender);
	const wish = text(answers['mentor-gender-preference']);
	let genderPreference: GenderPreference | null = null;
	const known = GENDERS.find((g) => g === own);
	if (known && (wish === 'same' || wish === 'other')) {
		genderPreference = {
			genders: wish === 'same' ? [known] : GENDERS.filter((g) => g !== known),
			strength: answers['gender-preference-required'] === 'yes' ? 'hard' : 'soft'
		};
	}
	return {
		id,
		selfEvaluation:
			support.size === 0
				? {}
				: Object.fromEntries(topicOptions.map((t) => [t.key, support.has(t.key) ? 1 : 5])),
		interests: ticked(answers['interest-topics']),
		context: text(answers.setting),
		genderPreference,
		accessibilityNeeds: ticked(answers['accessibility-tags']),
		availability: ticked(answers.availability),
		region: text(answers.region)?.trim() ?? null
	};
}

/** The mentor's side, from the self-assessment after training. */
export function mentorFromSelfAssessment(id: string, answers: Answers): MentorProfile {
	const strong = new Set(ticked(answers['expertise-topics']));
	// A mentor who ticked no strong topics said nothing about expertise: no claim either way.
	const gender = text(answers.gender);
	return {
		id,
		gender: gender && gender !== 'undisclosed' ? gender : null,
		capacity: count(answers.capacity) ?? null,
		experienceYears: count(answers['experience-years']) ?? null,
		experienceContexts: ticked(answers.settings),
		expertise:
			strong.size === 0
				? {}
				: Object.fromEntries(topicOptions.map((t) => [t.key, strong.has(t.key) ? 5 : 1])),
		interests: ticked(answers['interest-topics']),
		accessibilityOffers: ticked(answers['accessibility-offers']),
		availability: ticked(answers.availability),
		region: text(answers.region)?.trim() ?? null
	};
}

export interface PreferenceRow {
	chooserId: string;
	chosenId: string;
	/** Whether the chooser is a mentee (rating mentors) or a mentor (ranking mentees). */
	chooserRole: 'mentee' | 'mentor';
	rating: MentorRating | null;
	rank: number | null;
	place: string;
}

/** The matching-day choices as the engine reads them. */
export function preferencesFromRows(rows: readonly PreferenceRow[]): Preferences {
	const menteeFavourites: Record<string, FavouriteChoice[]> = {};
	const mentorFavourites: Record<string, FavouriteChoice[]> = {};
	const menteeRatings: Record<string, Record<string, MentorRating>> = {};
	const ranked = [...rows].sort((a, b) => (a.rank ?? 9) - (b.rank ?? 9));
	for (const row of ranked) {
		if (row.chooserRole === 'mentee' && row.rating) {
			(menteeRatings[row.chooserId] ??= {})[row.chosenId] = row.rating;
		}
		if (row.rank !== null) {
			const list = row.chooserRole === 'mentee' ? menteeFavourites : mentorFavourites;
			(list[row.chooserId] ??= []).push({ id: row.chosenId, place: row.place || null });
		}
	}
	return { menteeFavourites, mentorFavourites, menteeRatings };
}
