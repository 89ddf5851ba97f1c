/**
 * Turns a `MatchingInput` into the indexed form the scorer and solver use. Mentees and mentors
 * are sorted by id (code-unit order) and everything else is looked up by id, so the order of the
 * input arrays never changes the outcome. Tags are trimmed, lower-cased, de-duplicated, sorted.
 */
import { FAVOURITES_PER_FORM } from './criteria';
import type {
	AccessibilityRule,
	FavouriteChoice,
	Id,
	MatchingInput,
	MatchingSettings,
	MenteeProfile,
	MentorProfile,
	MentorRating,
	PairRef,
	Violation,
	WeightIssue,
	Weights
} from './types';
import { defaultWeights, validateWeights } from './weights';

export const DEFAULT_MAX_MENTEES_PER_MENTOR = 3;

export interface RankedChoice {
	rank: number;
	place: string | null;
}

/** A pair as positions in the sorted mentee and mentor lists. */
export interface IndexPair {
	mentee: number;
	mentor: number;
}

export interface PreparedInput {
	mentees: readonly MenteeProfile[];
	mentors: readonly MentorProfile[];
	menteeIndex: ReadonlyMap<Id, number>;
	mentorIndex: ReadonlyMap<Id, number>;
	/** Effective capacity per mentor. */
	capacity: readonly number[];
	weights: Weights;
	warnings: readonly WeightIssue[];
	accessibility: AccessibilityRule;
	/** Keys from `pairKey`. */
	excluded: ReadonlySet<number>;
	menteeFavourites: ReadonlyMap<number, RankedChoice>;
	mentorFavourites: ReadonlyMap<number, RankedChoice>;
	menteeRatings: ReadonlyMap<number, MentorRating>;
	/** Distinct locked pairs, sorted by mentee then mentor. */
	locked: readonly IndexPair[];
}

export type Prepared = { ok: true; input: PreparedInput } | { ok: false; violations: Violation[] };

export function pairKey(input: PreparedInput, mentee: number, mentor: number): number {
	return mentee * input.mentors.length + mentor;
}

export function byId<T extends { id: Id }>(a: T, b: T): number {
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function normaliseTag(tag: string): string {
	return tag.trim().toLowerCase();
}

function normaliseTags(tags: readonly string[] | undefined): string[] {
	const set = new Set((tags ?? []).map(normaliseTag).filter((tag) => tag !== ''));
	return [...set].sort();
}

function normaliseScores(scores: Readonly<Record<string, number>> | undefined) {
	const result: Record<string, number> = {};
	// Sorted, so that sums over topics never depend on the order the keys were written in.
	const entries = Object.entries(scores ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	for (const [topic, value] of entries) {
		const key = normaliseTag(topic);
		if (key !== '' && typeof value === 'number' && Number.isFinite(value)) result[key] = value;
	}
	return result;
}

function normaliseMentee(mentee: MenteeProfile): MenteeProfile {
	const preference = mentee.genderPreference;
	const context = mentee.context ? normaliseTag(mentee.context) : '';
	return {
		id: mentee.id,
		selfEvaluation: normaliseScores(mentee.selfEvaluation),
		interests: normaliseTags(mentee.interests),
		context: context === '' ? undefined : context,
		genderPreference: preference
			? { genders: normaliseTags(preference.genders), strength: preference.strength }
			: null,
		accessibilityNeeds: normaliseTags(mentee.accessibilityNeeds),
		availability: normaliseTags(mentee.availability),
		region: mentee.region?.trim() || null
	};
}

function normaliseMentor(mentor: MentorProfile, capacity: number): MentorProfile {
	const gender = mentor.gender ? normaliseTag(mentor.gender) : '';
	return {
		id: mentor.id,
		gender: gender === '' ? null : gender,
		capacity,
		experienceYears: mentor.experienceYears ?? null,
		experienceContexts: normaliseTags(mentor.experienceContexts),
		expertise: normaliseScores(mentor.expertise),
		interests: normaliseTags(mentor.interests),
		accessibilityOffers: normaliseTags(mentor.accessibilityOffers),
		availability: normaliseTags(mentor.availability),
		region: mentor.region?.trim() || null
	};
}

function duplicates(ids: readonly Id[]): Id[] {
	const seen = new Set<Id>();
	const repeated = new Set<Id>();
	for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
	return [...repeated].sort();
}

function own<T>(record: Readonly<Record<Id, T>> | undefined, id: Id): T | undefined {
	return record && Object.hasOwn(record, id) ? record[id] : undefined;
}

/** Ranks the first three entries of a favourites form; a repeated entry keeps its first rank. */
function rankChoices(
	choices: readonly FavouriteChoice[] | undefined,
	index: ReadonlyMap<Id, number>,
	key: (other: number) => number,
	into: Map<number, RankedChoice>
): void {
	(choices ?? []).slice(0, FAVOURITES_PER_FORM).forEach((choice, position) => {
		const other = index.get(choice.id);
		if (other === undefined || into.has(key(other))) return;
		const place = choice.place?.trim() || null;
		into.set(key(other), { rank: position + 1, place });
	});
}

function isRating(value: unknown): value is MentorRating {
	return value === 'like' || value === 'neutral' || value === 'dislike';
}

function checkSettings(settings: MatchingSettings, violations: Violation[]) {
	const max = settings.maxMenteesPerMentor ?? DEFAULT_MAX_MENTEES_PER_MENTOR;
	if (!Number.isInteger(max) || max < 1) {
		violations.push({
			code: 'invalid_setting',
			message: `The maximum number of mentees per mentor must be a whole number of at least 1, not ${max}.`,
			params: { setting: 'maxMenteesPerMentor' }
		});
	}
	const accessibility = settings.accessibility ?? 'hard';
	if (accessibility !== 'hard' && accessibility !== 'soft') {
		violations.push({
			code: 'invalid_setting',
			message: `The accessibility rule must be 'hard' or 'soft', not '${String(accessibility)}'.`,
			params: { setting: 'accessibility' }
		});
	}
	const checked = validateWeights({ ...defaultWeights, ...settings.weights });
	if (!checked.ok) {
		const message = checked.issues.map((issue) => issue.message).join(' ');
		violations.push({ code: 'invalid_weights', message });
	}
	return { max, accessibility, checked };
}

function checkPeople(input: MatchingInput, violations: Violation[]): void {
	for (const id of duplicates(input.mentees.map((mentee) => mentee.id))) {
		const message = `Mentee ${id} appears more than once.`;
		violations.push({ code: 'duplicate_mentee', message, menteeId: id });
	}
	for (const id of duplicates(input.mentors.map((mentor) => mentor.id))) {
		const message = `Mentor ${id} appears more than once.`;
		violations.push({ code: 'duplicate_mentor', message, mentorId: id });
	}
	for (const mentor of [...input.mentors].sort(byId)) {
		const stated = mentor.capacity;
		if (stated != null && (!Number.isInteger(stated) || stated < 0)) {
			violations.push({
				code: 'invalid_capacity',
				message: `Mentor ${mentor.id} states a capacity of ${stated}; it must be a whole number of at least 0.`,
				mentorId: mentor.id
			});
		}
	}
}

/** Validates and indexes the input; fails on duplicate ids, bad settings or unknown locked ids. */
export function prepareInput(input: MatchingInput): Prepared {
	const violations: Violation[] = [];
	const { max, accessibility, checked } = checkSettings(input.settings ?? {}, violations);
	checkPeople(input, violations);
	const mentorsSorted = [...input.mentors].sort(byId);

	const mentees = [...input.mentees].sort(byId).map(normaliseMentee);
	const capacity = mentorsSorted.map((mentor) => Math.min(mentor.capacity ?? max, max));
	const mentors = mentorsSorted.map((mentor, j) => normaliseMentor(mentor, capacity[j]));
	const menteeIndex = new Map(mentees.map((mentee, i) => [mentee.id, i]));
	const mentorIndex = new Map(mentors.map((mentor, j) => [mentor.id, j]));
	const key = (mentee: number, mentor: number) => mentee * mentors.length + mentor;

	const locked = new Map<number, IndexPair>();
	for (const pair of input.locked ?? []) {
		const found = resolvePair(pair, menteeIndex, mentorIndex, 'Locked pair');
		if ('violations' in found) violations.push(...found.violations);
		else locked.set(key(found.mentee, found.mentor), found);
	}
	if (violations.length > 0 || !checked.ok) return { ok: false, violations };

	const excluded = new Set<number>();
	for (const pair of input.exclusions ?? []) {
		const mentee = menteeIndex.get(pair.menteeId);
		const mentor = mentorIndex.get(pair.mentorId);
		if (mentee !== undefined && mentor !== undefined) excluded.add(key(mentee, mentor));
	}
	const preferences = input.preferences ?? {};
	const menteeFavourites = new Map<number, RankedChoice>();
	const menteeRatings = new Map<number, MentorRating>();
	mentees.forEach((mentee, i) => {
		const favourites = own(preferences.menteeFavourites, mentee.id);
		rankChoices(favourites, mentorIndex, (j) => key(i, j), menteeFavourites);
		const ratings = own(preferences.menteeRatings, mentee.id) ?? {};
		for (const [mentorId, rating] of Object.entries(ratings)) {
			const j = mentorIndex.get(mentorId);
			if (j !== undefined && isRating(rating)) menteeRatings.set(key(i, j), rating);
		}
	});
	const mentorFavourites = new Map<number, RankedChoice>();
	mentors.forEach((mentor, j) => {
		const favourites = own(preferences.mentorFavourites, mentor.id);
		rankChoices(favourites, menteeIndex, (i) => key(i, j), mentorFavourites);
	});

	return {
		ok: true,
		input: {
			mentees,
			mentors,
			menteeIndex,
			mentorIndex,
			capacity,
			weights: checked.weights,
			warnings: checked.issues,
			accessibility,
			excluded,
			menteeFavourites,
			mentorFavourites,
			menteeRatings,
			locked: [...locked.keys()].sort((a, b) => a - b).map((k) => locked.get(k) as IndexPair)
		}
	};
}

/** Looks up both ids of a pair; `what` names the pair in the messages. */
export function resolvePair(
	pair: PairRef,
	menteeIndex: ReadonlyMap<Id, number>,
	mentorIndex: ReadonlyMap<Id, number>,
	what: string
): IndexPair | { violations: Violation[] } {
	const mentee = menteeIndex.get(pair.menteeId);
	const mentor = mentorIndex.get(pair.mentorId);
	if (mentee !== undefined && mentor !== undefined) return { mentee, mentor };
	const violations: Violation[] = [];
	const ids = { menteeId: pair.menteeId, mentorId: pair.mentorId };
	if (mentee === undefined) {
		const message = `${what} ${pair.menteeId}–${pair.mentorId}: no mentee ${pair.menteeId}.`;
		violations.push({ code: 'unknown_mentee', message, ...ids });
	}
	if (mentor === undefined) {
		const message = `${what} ${pair.menteeId}–${pair.mentorId}: no mentor ${pair.mentorId}.`;
		violations.push({ code: 'unknown_mentor', message, ...ids });
	}
	return { violations };
}
