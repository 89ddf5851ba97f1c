/** Re-scores an assignment the coordinator edited by hand and lists what it breaks. */
import { checkAssignment } from './constraints';
import { summarise } from './explain';
import { pairKey, prepareInput, resolvePair, type IndexPair } from './prepare';
import type { Evaluation, MatchingInput, PairRef, Violation } from './types';
import { defaultWeights } from './weights';

/**
 * Explains `pairs` exactly as `proposeMatching` explains its proposals, and reports every broken
 * hard constraint, unknown id and missing locked pair. Repeated identical pairs count once.
 */
export function evaluateAssignment(input: MatchingInput, pairs: readonly PairRef[]): Evaluation {
	const prepared = prepareInput(input);
	if (!prepared.ok) {
		return {
			proposals: [],
			unmatched: [],
			totalScore: 0,
			matchedCount: 0,
			mentorLoad: [],
			weights: { ...defaultWeights },
			violations: prepared.violations
		};
	}
	const data = prepared.input;
	const violations: Violation[] = [];
	const resolved = new Map<number, IndexPair>();
	for (const pair of pairs) {
		const found = resolvePair(pair, data.menteeIndex, data.mentorIndex, 'Pair');
		if ('violations' in found) violations.push(...found.violations);
		else resolved.set(pairKey(data, found.mentee, found.mentor), found);
	}
	const assigned = [...resolved.values()];
	violations.push(...checkAssignment(data, assigned));
	for (const pair of data.locked) {
		if (resolved.has(pairKey(data, pair.mentee, pair.mentor))) continue;
		const menteeId = data.mentees[pair.mentee].id;
		const mentorId = data.mentors[pair.mentor].id;
		const message = `The locked pair ${menteeId}–${mentorId} is missing.`;
		violations.push({ code: 'locked_pair_missing', message, menteeId, mentorId });
	}
	return { ...summarise(data, assigned), violations };
}
