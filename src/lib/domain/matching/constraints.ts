/**
 * Hard constraints: exclusions, a hard gender preference, accessibility needs when the programme
 * treats them as hard, and mentor capacity.
 */
import { pairKey, type IndexPair, type PreparedInput } from './prepare';
import type { HardConstraint, MenteeProfile, MentorProfile, Violation } from './types';

/** False only when the mentee's gender preference is hard and this mentor does not meet it. */
export function genderAllows(mentee: MenteeProfile, mentor: MentorProfile): boolean {
	const preference = mentee.genderPreference;
	if (!preference || preference.strength !== 'hard' || preference.genders.length === 0) return true;
	return !!mentor.gender && preference.genders.includes(mentor.gender);
}

/** True when the mentor meets every accessibility need of the mentee. */
export function meetsAllAccessibilityNeeds(mentee: MenteeProfile, mentor: MentorProfile): boolean {
	const offers = mentor.accessibilityOffers ?? [];
	return (mentee.accessibilityNeeds ?? []).every((need) => offers.includes(need));
}

/** The constraints that rule out a pair, capacity aside; empty when the pair is allowed. */
export function pairConstraintsBroken(
	input: PreparedInput,
	mentee: number,
	mentor: number
): HardConstraint[] {
	const broken: HardConstraint[] = [];
	const a = input.mentees[mentee];
	const b = input.mentors[mentor];
	if (input.excluded.has(pairKey(input, mentee, mentor))) broken.push('excluded');
	if (!genderAllows(a, b)) broken.push('gender');
	if (input.accessibility === 'hard' && !meetsAllAccessibilityNeeds(a, b)) {
		broken.push('accessibility');
	}
	return broken;
}

/** Whether the pair may be made at all (a mentor without capacity never may). */
export function isCompatible(input: PreparedInput, mentee: number, mentor: number): boolean {
	if (input.capacity[mentor] <= 0) return false;
	if (input.excluded.has(pairKey(input, mentee, mentor))) return false;
	const a = input.mentees[mentee];
	const b = input.mentors[mentor];
	if (!genderAllows(a, b)) return false;
	return input.accessibility !== 'hard' || meetsAllAccessibilityNeeds(a, b);
}

/** Every hard constraint an assignment breaks, in a fixed order. */
export function checkAssignment(input: PreparedInput, pairs: readonly IndexPair[]): Violation[] {
	const violations: Violation[] = [];
	const mentorsOf = new Map<number, number[]>();
	const load = new Array<number>(input.mentors.length).fill(0);
	const sorted = [...pairs].sort((a, b) => a.mentee - b.mentee || a.mentor - b.mentor);
	for (const { mentee, mentor } of sorted) {
		const list = mentorsOf.get(mentee) ?? [];
		list.push(mentor);
		mentorsOf.set(mentee, list);
		load[mentor] += 1;
		const menteeId = input.mentees[mentee].id;
		const mentorId = input.mentors[mentor].id;
		const ids = { menteeId, mentorId };
		for (const constraint of pairConstraintsBroken(input, mentee, mentor)) {
			if (constraint === 'excluded') {
				const message = `${menteeId} and ${mentorId} must not be paired (excluded).`;
				violations.push({ code: 'excluded', message, ...ids });
			} else if (constraint === 'gender') {
				const message = `${mentorId} does not meet ${menteeId}'s hard gender preference.`;
				violations.push({ code: 'gender', message, ...ids });
			} else if (constraint === 'accessibility') {
				const message = `${mentorId} cannot meet all of ${menteeId}'s accessibility needs.`;
				violations.push({ code: 'accessibility', message, ...ids });
			}
		}
	}
	for (const [mentee, mentors] of mentorsOf) {
		if (mentors.length < 2) continue;
		const menteeId = input.mentees[mentee].id;
		const mentorIds = mentors.map((mentor) => input.mentors[mentor].id);
		const message = `${menteeId} is paired with more than one mentor: ${mentorIds.join(', ')}.`;
		violations.push({ code: 'mentee_assigned_twice', message, menteeId, params: { mentorIds } });
	}
	load.forEach((assigned, mentor) => {
		const capacity = input.capacity[mentor];
		if (assigned <= capacity) return;
		const mentorId = input.mentors[mentor].id;
		const message = `${mentorId} has ${assigned} mentees but room for ${capacity}.`;
		violations.push({ code: 'over_capacity', message, mentorId, params: { capacity, assigned } });
	});
	return violations;
}
