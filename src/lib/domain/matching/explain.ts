/** Builds the explained summary of an assignment: proposals, unmatched mentees and why, loads. */
import { isCompatible, pairConstraintsBroken } from './constraints';
import { pairKey, type IndexPair, type PreparedInput } from './prepare';
import { scorePair } from './score';
import type {
	AssignmentSummary,
	BlockedBy,
	HardConstraint,
	Proposal,
	UnmatchedReason
} from './types';

const CONSTRAINT_ORDER: readonly HardConstraint[] = [
	'excluded',
	'gender',
	'accessibility',
	'no_capacity'
];

/** Explains `pairs`, which may break constraints (evaluations report those separately). */
export function summarise(input: PreparedInput, pairs: readonly IndexPair[]): AssignmentSummary {
	const lockedKeys = new Set(input.locked.map((pair) => pairKey(input, pair.mentee, pair.mentor)));
	const sorted = [...pairs].sort((a, b) => a.mentor - b.mentor || a.mentee - b.mentee);
	const load = new Array<number>(input.mentors.length).fill(0);
	const matched = new Set<number>();
	let totalMilli = 0;
	const proposals = sorted.map(({ mentee, mentor }): Proposal => {
		const scored = scorePair(input, mentee, mentor);
		load[mentor] += 1;
		matched.add(mentee);
		totalMilli += scored.scoreMilli;
		return {
			menteeId: input.mentees[mentee].id,
			mentorId: input.mentors[mentor].id,
			score: scored.scoreMilli / 1000,
			locked: lockedKeys.has(pairKey(input, mentee, mentor)),
			contributions: scored.contributions,
			honoured: scored.honoured,
			meetingPlace: scored.meetingPlace
		};
	});
	const unmatched = input.mentees.flatMap((mentee, i) =>
		matched.has(i) ? [] : [{ menteeId: mentee.id, reason: unmatchedReason(input, i, load) }]
	);
	const mentorLoad = input.mentors.map((mentor, j) => ({
		mentorId: mentor.id,
		capacity: input.capacity[j],
		assigned: load[j]
	}));
	return {
		proposals,
		unmatched,
		totalScore: totalMilli / 1000,
		matchedCount: matched.size,
		mentorLoad,
		weights: { ...input.weights }
	};
}

/**
 * Why mentee `mentee` has no mentor, given how many mentees each mentor already has. Checked in
 * order: no mentors at all; every mentor ruled out by hard constraints; every compatible mentor
 * full; every compatible mentor with room scoring 0 or less; else a usable mentor was left free.
 */
export function unmatchedReason(
	input: PreparedInput,
	mentee: number,
	load: readonly number[]
): UnmatchedReason {
	if (input.mentors.length === 0) return { code: 'no_mentors' };
	const compatible: number[] = [];
	const blocked = new Map<HardConstraint, string[]>();
	let allExcluded = true;
	input.mentors.forEach((mentor, j) => {
		if (isCompatible(input, mentee, j)) {
			compatible.push(j);
			allExcluded = false;
			return;
		}
		const broken = pairConstraintsBroken(input, mentee, j);
		if (!broken.includes('excluded')) allExcluded = false;
		if (input.capacity[j] <= 0) broken.push('no_capacity');
		for (const constraint of broken) {
			const mentorIds = blocked.get(constraint) ?? [];
			mentorIds.push(mentor.id);
			blocked.set(constraint, mentorIds);
		}
	});
	if (compatible.length === 0) {
		const blockedBy: BlockedBy[] = CONSTRAINT_ORDER.flatMap((constraint) => {
			const mentorIds = blocked.get(constraint);
			return mentorIds ? [{ constraint, mentorIds }] : [];
		});
		return { code: allExcluded ? 'excluded' : 'no_compatible_mentor', blockedBy };
	}
	const ids = (mentors: readonly number[]) => mentors.map((j) => input.mentors[j].id);
	const free = compatible.filter((j) => load[j] < input.capacity[j]);
	if (free.length === 0) return { code: 'compatible_mentors_full', mentorIds: ids(compatible) };
	const scores = free.map((j) => scorePair(input, mentee, j).scoreMilli);
	const positive = free.filter((_, k) => scores[k] > 0);
	if (positive.length > 0) return { code: 'not_assigned', mentorIds: ids(positive) };
	return {
		code: 'score_not_positive',
		mentorIds: ids(free),
		bestScore: Math.max(...scores) / 1000,
		fullMentorIds: ids(compatible.filter((j) => load[j] >= input.capacity[j]))
	};
}
