/**
 * Types of the matching engine. The engine is pure: it receives everything it needs in a
 * `MatchingInput` (profiles from the intake forms, the matching-day preferences, the coordinator's
 * exclusions, locked pairs and programme settings) and returns proposals with their reasons.
 */

/** Identifier of a mentee or mentor (in practice a membership id). */
export type Id = string;

/** The scoring criteria, in the order in which explanations list them. */
export const CRITERIA = [
	'experience',
	'expertise',
	'gender',
	'accessibility',
	'interests',
	'availability',
	'region',
	'menteeFavourite',
	'menteeRating',
	'mentorFavourite'
] as const;

export type Criterion = (typeof CRITERIA)[number];

/** Points a criterion gives at full fit; the coordinator adjusts them per programme. */
export type Weights = Record<Criterion, number>;

/** A gender preference; `hard` rules mentors out, `soft` only adds points when it is met. */
export interface GenderPreference {
	genders: readonly string[];
	strength: 'hard' | 'soft';
}

export interface MenteeProfile {
	id: Id;
	/**
	 * The mentee's self-evaluation per topic on the 1–5 scale (1 = needs a lot of support,
	 * 5 = confident). Low scores are the needs the mentor's expertise should cover.
	 */
	selfEvaluation?: Readonly<Record<string, number>>;
	/** Professional interests (free tags, compared case-insensitively). */
	interests?: readonly string[];
	/** The mentee's own setting, e.g. a school type, compared with a mentor's experience. */
	context?: string;
	genderPreference?: GenderPreference | null;
	/**
	 * Accessibility needs as tags (e.g. `wheelchair_access`, `sign_language`, `region:gent`);
	 * a mentor meets a need when it lists the same tag in `accessibilityOffers`.
	 */
	accessibilityNeeds?: readonly string[];
	/** Moments the mentee can meet (e.g. `weekday-evening`), compared with the mentor's. */
	availability?: readonly string[];
	/** Region or place as written on the form; compared case-insensitively after trimming. */
	region?: string | null;
}

export interface MentorProfile {
	id: Id;
	gender?: string | null;
	/** How many mentees the mentor is willing to take; capped at the programme maximum. */
	capacity?: number | null;
	/** Years of experience in the role the mentees are starting in. */
	experienceYears?: number | null;
	/** Settings the mentor has experience in, e.g. school types. */
	experienceContexts?: readonly string[];
	/** The mentor's self-assessed expertise per topic on the 1–5 scale (5 = strong). */
	expertise?: Readonly<Record<string, number>>;
	interests?: readonly string[];
	/** Accessibility needs this mentor can meet (same tags as a mentee's needs). */
	accessibilityOffers?: readonly string[];
	/** Moments the mentor can meet (same keys as a mentee's). */
	availability?: readonly string[];
	/** Region or place as written on the form. */
	region?: string | null;
}

/** One of the (at most three) favourites picked at the end of the matching day. */
export interface FavouriteChoice {
	/** The chosen mentor (for a mentee's list) or mentee (for a mentor's list). */
	id: Id;
	/** Preferred place for the meetings, as written on the form. */
	place?: string | null;
}

export type MentorRating = 'like' | 'neutral' | 'dislike';

/** What was filled in on the matching day. Only the first three favourites of a list count. */
export interface Preferences {
	/** Per mentee id: favourite mentors, most preferred first. */
	menteeFavourites?: Readonly<Record<Id, readonly FavouriteChoice[]>>;
	/** Per mentee id, per mentor id: the first impression after meeting that mentor. */
	menteeRatings?: Readonly<Record<Id, Readonly<Record<Id, MentorRating>>>>;
	/** Per mentor id: favourite mentees, most preferred first. */
	mentorFavourites?: Readonly<Record<Id, readonly FavouriteChoice[]>>;
}

export interface PairRef {
	menteeId: Id;
	mentorId: Id;
}

/** A pair the coordinator ruled out. */
export interface Exclusion extends PairRef {
	reason?: string;
}

/** Whether an accessibility need a mentor cannot meet rules the pair out or only costs points. */
export type AccessibilityRule = 'hard' | 'soft';

export interface MatchingSettings {
	/** Missing criteria take their default weight. */
	weights?: Partial<Weights>;
	/** The programme's maximum number of mentees per mentor; default 3. */
	maxMenteesPerMentor?: number;
	/** Default `hard`. */
	accessibility?: AccessibilityRule;
}

export interface MatchingInput {
	mentees: readonly MenteeProfile[];
	mentors: readonly MentorProfile[];
	preferences?: Preferences;
	exclusions?: readonly Exclusion[];
	/** Pairs that must be in the result. */
	locked?: readonly PairRef[];
	settings?: MatchingSettings;
}

/**
 * `best_total`: the largest total score (pairs scoring 0 or less are never proposed).
 * `most_matched`: as many matched mentees as possible, then the largest total score.
 */
export type Objective = 'best_total' | 'most_matched';

export interface MatchingOptions {
	/** Default `most_matched`. */
	objective?: Objective;
}

export type ReasonCode =
	| 'experience.same_context'
	| 'experience.other_context'
	| 'experience.years'
	| 'experience.not_given'
	| 'expertise.covers_needs'
	| 'expertise.no_needs'
	| 'expertise.not_given'
	| 'gender.no_preference'
	| 'gender.preference_met'
	| 'gender.preference_not_met'
	| 'gender.mentor_unknown'
	| 'accessibility.no_needs'
	| 'accessibility.all_met'
	| 'accessibility.partly_met'
	| 'accessibility.none_met'
	| 'interests.shared'
	| 'interests.none_shared'
	| 'interests.none_given'
	| 'availability.shared'
	| 'availability.none_shared'
	| 'availability.not_given'
	| 'region.same'
	| 'region.different'
	| 'region.not_given'
	| 'mentee_favourite.chosen'
	| 'mentee_favourite.not_chosen'
	| 'mentee_rating.like'
	| 'mentee_rating.neutral'
	| 'mentee_rating.dislike'
	| 'mentee_rating.not_rated'
	| 'mentor_favourite.chosen'
	| 'mentor_favourite.not_chosen';

/** Parameters for the translated sentence of a reason code. */
export type ReasonParams = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** What one criterion adds to a pair's score, with the reason the UI translates. */
export interface Contribution {
	criterion: Criterion;
	/** The weight in force; `points` is at most this (a dislike gives minus this). */
	weight: number;
	/** Points, a multiple of 0.001. */
	points: number;
	code: ReasonCode;
	params: ReasonParams;
}

/** Which wishes a pair fulfils. */
export interface Honoured {
	/** 1–3 when the mentee picked this mentor as a favourite. */
	menteeFavouriteRank: number | null;
	/** 1–3 when the mentor picked this mentee as a favourite. */
	mentorFavouriteRank: number | null;
	/** Both picked each other. */
	mutualChoice: boolean;
	menteeRating: MentorRating | null;
	/** The strength of the mentee's gender preference when this mentor meets it. */
	genderPreference: 'hard' | 'soft' | null;
	/** The mentee's accessibility needs this mentor meets. */
	accessibilityNeedsMet: readonly string[];
}

export interface MeetingPlace {
	place: string;
	/** Whose form the place comes from; the mentee's wins when both wrote one. */
	chosenBy: 'mentee' | 'mentor';
}

/** One proposed (or evaluated) pair with its explanation. */
export interface Proposal {
	menteeId: Id;
	mentorId: Id;
	/** Sum of the contributions' points. */
	score: number;
	locked: boolean;
	/** One entry per criterion, in `CRITERIA` order. */
	contributions: readonly Contribution[];
	honoured: Honoured;
	meetingPlace: MeetingPlace | null;
}

/** A constraint that rules a pair out. */
export type HardConstraint = 'excluded' | 'gender' | 'accessibility' | 'no_capacity';

export interface BlockedBy {
	constraint: HardConstraint;
	mentorIds: readonly Id[];
}

export type UnmatchedReason =
	| { code: 'no_mentors' }
	/** Every mentor is excluded for this mentee (some may also fail other constraints). */
	| { code: 'excluded'; blockedBy: readonly BlockedBy[] }
	/** Every mentor is ruled out by a hard constraint; `blockedBy` says which rules out whom. */
	| { code: 'no_compatible_mentor'; blockedBy: readonly BlockedBy[] }
	/** Compatible mentors exist, but all of them are at capacity. */
	| { code: 'compatible_mentors_full'; mentorIds: readonly Id[] }
	/**
	 * The compatible mentors with room (`mentorIds`) all score 0 or less, so `best_total` left the
	 * mentee out; `fullMentorIds` are the compatible mentors without room.
	 */
	| {
			code: 'score_not_positive';
			mentorIds: readonly Id[];
			bestScore: number;
			fullMentorIds: readonly Id[];
	  }
	/** Only in evaluations: a compatible mentor with room and a positive score is available. */
	| { code: 'not_assigned'; mentorIds: readonly Id[] };

export interface UnmatchedMentee {
	menteeId: Id;
	reason: UnmatchedReason;
}

export interface MentorLoad {
	mentorId: Id;
	/** The effective capacity: the mentor's own, never above the programme maximum. */
	capacity: number;
	assigned: number;
}

export type ViolationCode =
	| 'duplicate_mentee'
	| 'duplicate_mentor'
	| 'invalid_capacity'
	| 'invalid_setting'
	| 'invalid_weights'
	| 'unknown_mentee'
	| 'unknown_mentor'
	| 'mentee_assigned_twice'
	| 'excluded'
	| 'gender'
	| 'accessibility'
	| 'over_capacity'
	| 'locked_pair_missing';

/** A broken rule, with an English message for logs and a code + params for the UI. */
export interface Violation {
	code: ViolationCode;
	message: string;
	menteeId?: Id;
	mentorId?: Id;
	params?: ReasonParams;
}

export interface WeightIssue {
	criterion: string;
	code: 'unknown_criterion' | 'not_a_number' | 'clamped' | 'defaulted' | 'not_an_object';
	message: string;
}

export interface AssignmentSummary {
	/** Sorted by mentor id, then mentee id. */
	proposals: readonly Proposal[];
	/** Sorted by mentee id. */
	unmatched: readonly UnmatchedMentee[];
	/** Sum of the proposals' scores. */
	totalScore: number;
	matchedCount: number;
	/** Sorted by mentor id. */
	mentorLoad: readonly MentorLoad[];
	/** The weights the scores were computed with. */
	weights: Weights;
}

export type MatchingResult =
	| ({ ok: true; objective: Objective; warnings: readonly WeightIssue[] } & AssignmentSummary)
	| { ok: false; violations: readonly Violation[] };

export interface Evaluation extends AssignmentSummary {
	/** Empty when the assignment respects every hard constraint and every locked pair. */
	violations: readonly Violation[];
}
