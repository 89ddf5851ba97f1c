/**
 * Instance builders for the matching tests: a fast-check arbitrary for small random instances, an
 * independent brute-force optimum, and a seeded generator of realistic large instances.
 */
import fc from 'fast-check';
import { byId, prepareInput } from '$lib/domain/matching/prepare';
import { scorePair } from '$lib/domain/matching/score';
import type {
	FavouriteChoice,
	MatchingInput,
	MenteeProfile,
	MentorProfile,
	MentorRating,
	Objective,
	PairRef
} from '$lib/domain/matching';

const TOPICS = ['planning', 'finance', 'staff', 'pupils'];
const INTERESTS = ['digital', 'inclusion', 'language', 'science'];
const CONTEXTS = ['primary', 'secondary'];
const GENDERS = ['female', 'male', 'x'];
const NEEDS = ['wheelchair', 'online'];
const RATINGS: MentorRating[] = ['like', 'neutral', 'dislike'];

const scores = fc.dictionary(fc.constantFrom(...TOPICS), fc.integer({ min: 1, max: 5 }), {
	maxKeys: 4
});

const menteeArb = (id: string): fc.Arbitrary<MenteeProfile> =>
	fc.record({
		id: fc.constant(id),
		selfEvaluation: scores,
		interests: fc.subarray(INTERESTS),
		context: fc.option(fc.constantFrom(...CONTEXTS), { nil: undefined }),
		genderPreference: fc.option(
			fc.record({
				genders: fc.subarray(GENDERS, { minLength: 1 }),
				strength: fc.constantFrom('hard' as const, 'soft' as const)
			}),
			{ nil: null, freq: 2 }
		),
		accessibilityNeeds: fc.oneof(
			{ weight: 3, arbitrary: fc.constant([]) },
			{ weight: 1, arbitrary: fc.subarray(NEEDS) }
		)
	});

const mentorArb = (id: string): fc.Arbitrary<MentorProfile> =>
	fc.record({
		id: fc.constant(id),
		gender: fc.option(fc.constantFrom(...GENDERS), { nil: null, freq: 5 }),
		capacity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 4 }),
		experienceYears: fc.integer({ min: 0, max: 20 }),
		experienceContexts: fc.subarray(CONTEXTS),
		expertise: scores,
		interests: fc.subarray(INTERESTS),
		accessibilityOffers: fc.subarray(NEEDS)
	});

const choicesArb = (ids: string[]): fc.Arbitrary<FavouriteChoice[]> =>
	fc
		.shuffledSubarray(ids, { maxLength: Math.min(3, ids.length) })
		.chain((chosen) =>
			fc.tuple(
				...chosen.map((id) =>
					fc.record({ id: fc.constant(id), place: fc.constantFrom(undefined, 'school', 'café') })
				)
			)
		);

function pairsOf(mentees: string[], mentors: string[]): PairRef[] {
	return mentees.flatMap((menteeId) => mentors.map((mentorId) => ({ menteeId, mentorId })));
}

/** Random instances of up to `maxMentees` mentees and `maxMentors` mentors. */
export function instanceArb(maxMentees = 6, maxMentors = 4): fc.Arbitrary<MatchingInput> {
	// Without noBias fast-check mostly draws tiny sizes; the interesting cases are crowded.
	const size = (max: number) =>
		fc.oneof(
			{ weight: 1, arbitrary: fc.constant(0) },
			{ weight: 9, arbitrary: fc.noBias(fc.integer({ min: 1, max })) }
		);
	const sizes = fc.tuple(size(maxMentees), size(maxMentors));
	return sizes.chain(([menteeCount, mentorCount]): fc.Arbitrary<MatchingInput> => {
		const menteeIds = Array.from({ length: menteeCount }, (_, i) => `e${i}`);
		const mentorIds = Array.from({ length: mentorCount }, (_, j) => `r${j}`);
		const pairs = pairsOf(menteeIds, mentorIds);
		const perMentee = <T>(arb: fc.Arbitrary<T>) =>
			fc
				.tuple(...menteeIds.map(() => arb))
				.map((values) => Object.fromEntries(menteeIds.map((id, i) => [id, values[i]])));
		return fc.record({
			mentees: fc.tuple(...menteeIds.map(menteeArb)),
			mentors: fc.tuple(...mentorIds.map(mentorArb)),
			preferences: fc.record({
				menteeFavourites: perMentee(choicesArb(mentorIds)),
				menteeRatings: perMentee(
					fc.dictionary(fc.constantFrom('', ...mentorIds), fc.constantFrom(...RATINGS))
				),
				mentorFavourites: fc
					.tuple(...mentorIds.map(() => choicesArb(menteeIds)))
					.map((values) => Object.fromEntries(mentorIds.map((id, j) => [id, values[j]])))
			}),
			exclusions: fc.subarray(pairs, { maxLength: Math.min(pairs.length, 4) }),
			locked: fc.oneof(
				{ weight: 3, arbitrary: fc.constant([]) },
				{ weight: 2, arbitrary: fc.subarray(pairs, { maxLength: Math.min(pairs.length, 2) }) }
			),
			settings: fc.record({
				maxMenteesPerMentor: fc.integer({ min: 1, max: 3 }),
				accessibility: fc.constantFrom('hard' as const, 'soft' as const),
				weights: fc.record(
					{
						experience: fc.integer({ min: 0, max: 40 }),
						expertise: fc.double({ min: 0, max: 40, noNaN: true }),
						menteeFavourite: fc.integer({ min: 0, max: 40 }),
						menteeRating: fc.integer({ min: 0, max: 60 })
					},
					{ requiredKeys: [] }
				)
			})
		});
	});
}

/** Whether a pair is allowed, checked on the raw input (independently of the engine). */
export function pairAllowed(input: MatchingInput, menteeId: string, mentorId: string): boolean {
	const mentee = input.mentees.find((m) => m.id === menteeId);
	const mentor = input.mentors.find((m) => m.id === mentorId);
	if (!mentee || !mentor) return false;
	const excluded = (input.exclusions ?? []).some(
		(x) => x.menteeId === menteeId && x.mentorId === mentorId
	);
	const preference = mentee.genderPreference;
	const genderOk =
		!preference ||
		preference.strength === 'soft' ||
		preference.genders.length === 0 ||
		(!!mentor.gender && preference.genders.includes(mentor.gender));
	const accessibilityOk =
		input.settings?.accessibility === 'soft' ||
		(mentee.accessibilityNeeds ?? []).every((need) =>
			(mentor.accessibilityOffers ?? []).includes(need)
		);
	return !excluded && genderOk && accessibilityOk;
}

export function capacityOf(input: MatchingInput, mentor: MentorProfile): number {
	const max = input.settings?.maxMenteesPerMentor ?? 3;
	return Math.min(mentor.capacity ?? max, max);
}

export interface Optimum {
	matched: number;
	/** Total score in thousandths. */
	totalMilli: number;
}

/**
 * The optimum over every feasible assignment, or null when the locked pairs cannot all be made.
 * Enumerates each mentee's options (no mentor, or any allowed mentor with room).
 */
export function bruteForce(input: MatchingInput, objective: Objective): Optimum | null {
	const prepared = prepareInput(input);
	if (!prepared.ok) return null;
	const data = prepared.input;
	const mentees = data.mentees.map((m) => m.id);
	const mentors = data.mentors.map((m) => m.id);
	const room = [...input.mentors].sort(byId).map((mentor) => capacityOf(input, mentor));
	const lockedTo = new Map<string, Set<string>>();
	for (const pair of input.locked ?? []) {
		lockedTo.set(pair.menteeId, (lockedTo.get(pair.menteeId) ?? new Set()).add(pair.mentorId));
	}
	const options = mentees.map((menteeId, i) => {
		const locked = lockedTo.get(menteeId);
		if (locked && locked.size > 1) return [];
		const allowed = mentors.flatMap((mentorId, j) =>
			pairAllowed(input, menteeId, mentorId) && (!locked || locked.has(mentorId))
				? [{ mentor: j, milli: scorePair(data, i, j).scoreMilli }]
				: []
		);
		return locked ? allowed : [{ mentor: -1, milli: 0 }, ...allowed];
	});
	let best: Optimum | null = null;
	const better = (a: Optimum, b: Optimum | null): boolean =>
		b === null ||
		(objective === 'most_matched'
			? a.matched > b.matched || (a.matched === b.matched && a.totalMilli > b.totalMilli)
			: a.totalMilli > b.totalMilli);
	const visit = (i: number, matched: number, totalMilli: number) => {
		if (i === mentees.length) {
			const candidate = { matched, totalMilli };
			if (better(candidate, best)) best = candidate;
			return;
		}
		for (const option of options[i]) {
			if (option.mentor < 0) {
				visit(i + 1, matched, totalMilli);
			} else if (room[option.mentor] > 0) {
				room[option.mentor] -= 1;
				visit(i + 1, matched + 1, totalMilli + option.milli);
				room[option.mentor] += 1;
			}
		}
	};
	visit(0, 0, 0);
	return best;
}

/** A small deterministic PRNG (mulberry32), so the large instances are the same every run. */
export function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A matching day of realistic size: every mentee meets ~12 mentors, everyone names favourites. */
export function realisticInstance(
	menteeCount: number,
	mentorCount: number,
	seed = 1
): MatchingInput {
	const next = random(seed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
	const some = <T>(items: readonly T[], count: number) => shuffle(items, next).slice(0, count);
	const topics = Array.from({ length: 12 }, (_, k) => `topic-${k}`);
	const interests = Array.from({ length: 15 }, (_, k) => `interest-${k}`);
	const contexts = ['primary', 'secondary', 'special', 'adult'];
	const mentors: MentorProfile[] = Array.from({ length: mentorCount }, (_, j) => ({
		id: `mentor-${String(j).padStart(4, '0')}`,
		gender: pick(['female', 'male', 'female', 'male', 'x']),
		capacity: 1 + Math.floor(next() * 3),
		experienceYears: Math.floor(next() * 25),
		experienceContexts: some(contexts, 1 + Math.floor(next() * 2)),
		expertise: Object.fromEntries(some(topics, 5).map((t) => [t, 1 + Math.floor(next() * 5)])),
		interests: some(interests, 3),
		accessibilityOffers: next() < 0.3 ? ['wheelchair'] : next() < 0.5 ? ['online'] : []
	}));
	const mentorIds = mentors.map((m) => m.id);
	const mentees: MenteeProfile[] = Array.from({ length: menteeCount }, (_, i) => ({
		id: `mentee-${String(i).padStart(4, '0')}`,
		selfEvaluation: Object.fromEntries(topics.map((t) => [t, 1 + Math.floor(next() * 5)])),
		interests: some(interests, 3),
		context: pick(contexts),
		genderPreference:
			next() < 0.15
				? { genders: [pick(['female', 'male'])], strength: pick(['hard', 'soft'] as const) }
				: null,
		accessibilityNeeds: next() < 0.05 ? ['wheelchair'] : []
	}));
	const menteeFavourites: Record<string, FavouriteChoice[]> = {};
	const menteeRatings: Record<string, Record<string, MentorRating>> = {};
	for (const mentee of mentees) {
		const met = some(mentorIds, 12);
		menteeRatings[mentee.id] = Object.fromEntries(met.map((id) => [id, pick(RATINGS)]));
		menteeFavourites[mentee.id] = met
			.slice(0, 3)
			.map((id) => ({ id, place: pick(['school', 'online']) }));
	}
	const mentorFavourites: Record<string, FavouriteChoice[]> = Object.fromEntries(
		mentorIds.map((id) => [id, some(mentees, 3).map((m) => ({ id: m.id }))])
	);
	return {
		mentees,
		mentors,
		preferences: { menteeFavourites, menteeRatings, mentorFavourites },
		exclusions: Array.from({ length: 20 }, () => ({
			menteeId: pick(mentees).id,
			mentorId: pick(mentorIds)
		})),
		settings: { maxMenteesPerMentor: 3 }
	};
}

/** A Fisher–Yates shuffled copy. */
export function shuffle<T>(items: readonly T[], next: () => number): T[] {
	const copy = [...items];
	for (let k = copy.length - 1; k > 0; k--) {
		const other = Math.floor(next() * (k + 1));
		[copy[k], copy[other]] = [copy[other], copy[k]];
	}
	return copy;
}

/** The same input with every list whose order carries no meaning shuffled. */
export function shuffled(input: MatchingInput, seed: number): MatchingInput {
	const next = random(seed);
	return {
		...input,
		mentees: shuffle(input.mentees, next),
		mentors: shuffle(input.mentors, next),
		exclusions: shuffle(input.exclusions ?? [], next),
		locked: shuffle(input.locked ?? [], next)
	};
}
