/**
 * A candidate pair's score with its explanation. Each criterion's points are rounded to
 * thousandths first and the score is their sum, so the contributions add up to the score exactly
 * (in thousandths) and the solver can work on whole numbers.
 */
import {
	accessibilityFit,
	accessibilityNeedsMet,
	availabilityFit,
	expertiseFit,
	experienceFit,
	genderFit,
	interestsFit,
	menteeFavouriteFit,
	menteeRatingFit,
	mentorFavouriteFit,
	regionFit,
	type CriterionOutcome
} from './criteria';
import { pairKey, type PreparedInput } from './prepare';
import {
	CRITERIA,
	type Contribution,
	type Criterion,
	type Honoured,
	type MeetingPlace
} from './types';

export interface ScoredPair {
	/** The score in thousandths of a point. */
	scoreMilli: number;
	contributions: Contribution[];
	honoured: Honoured;
	meetingPlace: MeetingPlace | null;
}

/** Scores mentee `mentee` with mentor `mentor` (positions in the prepared lists). */
export function scorePair(input: PreparedInput, mentee: number, mentor: number): ScoredPair {
	const a = input.mentees[mentee];
	const b = input.mentors[mentor];
	const key = pairKey(input, mentee, mentor);
	const menteeChoice = input.menteeFavourites.get(key) ?? null;
	const mentorChoice = input.mentorFavourites.get(key) ?? null;
	const rating = input.menteeRatings.get(key) ?? null;
	const outcomes: Record<Criterion, CriterionOutcome> = {
		experience: experienceFit(a, b),
		expertise: expertiseFit(a, b),
		gender: genderFit(a, b),
		accessibility: accessibilityFit(a, b),
		interests: interestsFit(a, b),
		availability: availabilityFit(a, b),
		region: regionFit(a, b),
		menteeFavourite: menteeFavouriteFit(menteeChoice?.rank ?? null),
		menteeRating: menteeRatingFit(rating),
		mentorFavourite: mentorFavouriteFit(mentorChoice?.rank ?? null)
	};
	let scoreMilli = 0;
	const contributions = CRITERIA.map((criterion): Contribution => {
		const { fraction, code, params } = outcomes[criterion];
		const weight = input.weights[criterion];
		// `|| 0` turns a rounded −0 into 0.
		const milli = Math.round(weight * fraction * 1000) || 0;
		scoreMilli += milli;
		return { criterion, weight, points: milli / 1000, code, params };
	});
	const gender = outcomes.gender;
	const honoured: Honoured = {
		menteeFavouriteRank: menteeChoice?.rank ?? null,
		mentorFavouriteRank: mentorChoice?.rank ?? null,
		mutualChoice: menteeChoice !== null && mentorChoice !== null,
		menteeRating: rating,
		genderPreference:
			gender.code === 'gender.preference_met' ? (a.genderPreference?.strength ?? null) : null,
		accessibilityNeedsMet: accessibilityNeedsMet(a, b)
	};
	let meetingPlace: MeetingPlace | null = null;
	if (menteeChoice?.place) meetingPlace = { place: menteeChoice.place, chosenBy: 'mentee' };
	else if (mentorChoice?.place) meetingPlace = { place: mentorChoice.place, chosenBy: 'mentor' };
	return { scoreMilli, contributions, honoured, meetingPlace };
}
