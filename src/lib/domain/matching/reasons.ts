/**
 * Which contributions the explanation shows. A criterion without data on either side (no needs
 * asked, no availability given, no favourite picked …) scores 0 and says nothing true about the
 * pair, so it is left out of the reasons rather than claimed.
 */
import type { Contribution, ReasonCode } from './types';

const WITHOUT_DATA: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
	'experience.not_given',
	'expertise.no_needs',
	'expertise.not_given',
	'gender.no_preference',
	'accessibility.no_needs',
	'interests.none_given',
	'availability.not_given',
	'region.not_given',
	'mentee_favourite.not_chosen',
	'mentee_rating.not_rated',
	'mentor_favourite.not_chosen'
]);

/** True when the contribution rests on answers both people gave (or a choice someone made). */
export function hasData(contribution: Pick<Contribution, 'code'>): boolean {
	return !WITHOUT_DATA.has(contribution.code);
}

/** The contributions worth explaining, in `CRITERIA` order. */
export function shownReasons(contributions: readonly Contribution[]): Contribution[] {
	return contributions.filter(hasData);
}
