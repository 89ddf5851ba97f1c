/**
 * One scoring function per criterion. Each returns a fraction of the criterion's weight
 * (0–1; the mentee's rating runs from −1 to 1) with a reason code and its parameters. Tags are
 * compared exactly: `prepareInput` has already trimmed, lower-cased and sorted them.
 */
import type { MenteeProfile, MentorProfile, MentorRating, ReasonCode, ReasonParams } from './types';

export interface CriterionOutcome {
	fraction: number;
	code: ReasonCode;
	params: ReasonParams;
}

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
/** Experience counts fully from this many years on. */
export const FULL_EXPERIENCE_YEARS = 10;
/** Only this many favourites per form count. */
export const FAVOURITES_PER_FORM = 3;

function outcome(fraction: number, code: ReasonCode, params: ReasonParams = {}): CriterionOutcome {
	return { fraction, code, params };
}

/** Years in the role (full at 10 years) and, when the mentee names one, experience in its setting. */
export function experienceFit(mentee: MenteeProfile, mentor: MentorProfile): CriterionOutcome {
	const raw = mentor.experienceYears ?? 0;
	const years = Number.isFinite(raw) ? Math.max(0, raw) : 0;
	const yearsPart = Math.min(years, FULL_EXPERIENCE_YEARS) / FULL_EXPERIENCE_YEARS;
	const context = mentee.context;
	const noYears = mentor.experienceYears == null || !Number.isFinite(mentor.experienceYears);
	if (!context && noYears) return outcome(0, 'experience.not_given');
	if (!context) return outcome(yearsPart, 'experience.years', { years });
	const same = (mentor.experienceContexts ?? []).includes(context);
	const code = same ? 'experience.same_context' : 'experience.other_context';
	return outcome((yearsPart + (same ? 1 : 0)) / 2, code, { years, context });
}

/** Position of a score on the 1–5 scale as 0–1; `null` for anything that is not a number. */
function onScale(value: number | undefined): number | null {
	if (value === undefined || !Number.isFinite(value)) return null;
	const clamped = Math.min(SCALE_MAX, Math.max(SCALE_MIN, value));
	return (clamped - SCALE_MIN) / (SCALE_MAX - SCALE_MIN);
}

/**
 * How well the mentor's expertise covers the mentee's needs: every topic the mentee rates below
 * 5 is a need (the lower, the bigger), and the fraction is the need-weighted average of the
 * mentor's level in those topics. `topics` lists the clear matches: a big need, a strong mentor.
 */
export function expertiseFit(mentee: MenteeProfile, mentor: MentorProfile): CriterionOutcome {
	const evaluation = mentee.selfEvaluation ?? {};
	const expertise = mentor.expertise ?? {};
	if (Object.keys(expertise).length === 0) return outcome(0, 'expertise.not_given');
	let needTotal = 0;
	let covered = 0;
	const topics: string[] = [];
	for (const topic of Object.keys(evaluation)) {
		const confidence = onScale(evaluation[topic]);
		if (confidence === null || confidence === 1) continue;
		const need = 1 - confidence;
		const strength = Object.hasOwn(expertise, topic) ? (onScale(expertise[topic]) ?? 0) : 0;
		needTotal += need;
		covered += need * strength;
		if (need >= 0.5 && strength >= 0.5) topics.push(topic);
	}
	if (needTotal === 0) return outcome(0, 'expertise.no_needs');
	const fraction = covered / needTotal;
	topics.sort();
	return outcome(fraction, 'expertise.covers_needs', {
		coverage: Math.round(fraction * 100),
		topics
	});
}

/** Full points when the mentor meets the mentee's gender preference (hard or soft). */
export function genderFit(mentee: MenteeProfile, mentor: MentorProfile): CriterionOutcome {
	const preference = mentee.genderPreference;
	if (!preference || preference.genders.length === 0) return outcome(0, 'gender.no_preference');
	const strength = preference.strength;
	if (!mentor.gender) return outcome(0, 'gender.mentor_unknown', { strength });
	const gender = mentor.gender;
	if (preference.genders.includes(gender)) {
		return outcome(1, 'gender.preference_met', { strength, gender });
	}
	return outcome(0, 'gender.preference_not_met', { strength, gender });
}

/** The mentee's accessibility needs this mentor meets, in the mentee's order. */
export function accessibilityNeedsMet(mentee: MenteeProfile, mentor: MentorProfile): string[] {
	const offers = mentor.accessibilityOffers ?? [];
	return (mentee.accessibilityNeeds ?? []).filter((need) => offers.includes(need));
}

/** The share of the mentee's accessibility needs the mentor meets. */
export function accessibilityFit(mentee: MenteeProfile, mentor: MentorProfile): CriterionOutcome {
	const needs = mentee.accessibilityNeeds ?? [];
	if (needs.length === 0) return outcome(0, 'accessibility.no_needs');
	const met = accessibilityNeedsMet(mentee, mentor);
	const unmet = needs.filter((need) => !met.includes(need));
	if (unmet.length === 0) return outcome(1, 'accessibility.all_met', { met });
	if (met.length === 0) return outcome(0, 'accessibility.none_met', { unmet });
	return outcome(met.length / needs.length, 'accessibility.partly_met', { met, unmet });
}

/** The share of the mentee's professional interests the mentor shares. */
export function interestsFit(mentee: MenteeProfile, mentor: MentorProfile): CriterionOutcome {
	const interests = mentee.interests ?? [];
	if (interests.length === 0) return outcome(0, 'interests.none_given');
	const theirs = mentor.interests ?? [];
	const shared = interests.filter((interest) => theirs.includes(interest));
	const total = interests.length;
	if (shared.length === 0) return outcome(0, 'interests.none_shared', { total });
	return outcome(shared.length / total, 'interests.shared', { shared, total });
}

/**
 * The share of the mentee's moments (e.g. `weekday-evening`) the mentor can meet too. Nothing to
 * compare when either of them left availability empty.
 */
export function availabilityFit(mentee: MenteeProfile, mentor: MentorProfile): CriterionOutcome {
	const moments = mentee.availability ?? [];
	const theirs = mentor.availability ?? [];
	if (moments.length === 0 || theirs.length === 0) return outcome(0, 'availability.not_given');
	const shared = moments.filter((moment) => theirs.includes(moment));
	const total = moments.length;
	if (shared.length === 0) return outcome(0, 'availability.none_shared', { total });
	return outcome(shared.length / total, 'availability.shared', { shared, total });
}

/** Compares free-text regions: trimmed, lower-cased, inner spaces collapsed. */
export function regionKey(region: string | null | undefined): string {
	return (region ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Full points when mentee and mentor wrote the same region; nothing to compare when one is empty. */
export function regionFit(mentee: MenteeProfile, mentor: MentorProfile): CriterionOutcome {
	const own = regionKey(mentee.region);
	const theirs = regionKey(mentor.region);
	if (own === '' || theirs === '') return outcome(0, 'region.not_given');
	const region = (mentee.region ?? '').trim();
	if (own === theirs) return outcome(1, 'region.same', { region });
	return outcome(0, 'region.different', { region, mentorRegion: (mentor.region ?? '').trim() });
}

/** Rank 1 of 3 gives full points, rank 2 two thirds, rank 3 one third. */
function rankFraction(rank: number): number {
	return (FAVOURITES_PER_FORM + 1 - rank) / FAVOURITES_PER_FORM;
}

/** The mentee's favourites at the end of the matching day; `rank` is 1–3 or null. */
export function menteeFavouriteFit(rank: number | null): CriterionOutcome {
	if (rank === null) return outcome(0, 'mentee_favourite.not_chosen');
	return outcome(rankFraction(rank), 'mentee_favourite.chosen', { rank });
}

/** The mentee's first impression: like adds the weight, dislike subtracts it. */
export function menteeRatingFit(rating: MentorRating | null): CriterionOutcome {
	switch (rating) {
		case 'like':
			return outcome(1, 'mentee_rating.like');
		case 'neutral':
			return outcome(0, 'mentee_rating.neutral');
		case 'dislike':
			return outcome(-1, 'mentee_rating.dislike');
		default:
			return outcome(0, 'mentee_rating.not_rated');
	}
}

/** The mentor's three preferred mentees; `rank` is 1–3 or null. */
export function mentorFavouriteFit(rank: number | null): CriterionOutcome {
	if (rank === null) return outcome(0, 'mentor_favourite.not_chosen');
	return outcome(rankFraction(rank), 'mentor_favourite.chosen', { rank });
}
