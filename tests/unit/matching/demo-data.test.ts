import { describe, expect, it } from 'vitest';
import {
	menteeFromIntake,
	mentorFromSelfAssessment,
	proposeMatching,
	shownReasons,
	type MatchingResult,
	type MentorProfile
} from '$lib/domain/matching';
import { MATCHING_DEMO_ANSWERS } from '$lib/server/demo/matching-demo';
import { DEMO_ACCOUNTS, DEMO_PAIRS } from '$lib/server/demo/seed';

const answers = (email: string) => MATCHING_DEMO_ANSWERS[email]?.answers ?? {};
const ofRole = (role: string) => DEMO_ACCOUNTS.filter((a) => a.role === role).map((a) => a.email);

/** The matching input of a demo programme, as the server builds it (open pairs use up room). */
function demoInput(pairs: readonly [string, string][]) {
	const paired = new Set(pairs.map(([, mentee]) => mentee));
	const mentors: MentorProfile[] = ofRole('mentor').map((email) => {
		const profile = mentorFromSelfAssessment(email, answers(email));
		const open = pairs.filter(([mentor]) => mentor === email).length;
		return { ...profile, capacity: Math.max(0, (profile.capacity ?? 3) - open) };
	});
	return {
		mentees: ofRole('mentee')
			.filter((email) => !paired.has(email))
			.map((email) => menteeFromIntake(email, answers(email))),
		mentors: mentors.filter((m) => (m.capacity ?? 0) > 0)
	};
}

function ok(result: MatchingResult) {
	if (!result.ok) throw new Error('expected proposals');
	return result;
}

describe('the demo intake data', () => {
	it('gives every demo mentor and mentee intake answers', () => {
		for (const email of [...ofRole('mentor'), ...ofRole('mentee')])
			expect(MATCHING_DEMO_ANSWERS[email], email).toBeDefined();
	});

	for (const [kind, pairs] of [
		['teacher_induction', []],
		['school_leader', DEMO_PAIRS.school_leader ?? []]
	] as const) {
		it(`gives different scores and spreads the mentees (${kind})`, () => {
			const input = demoInput(pairs);
			const result = ok(proposeMatching(input));
			expect(result.matchedCount).toBe(input.mentees.length);
			// Scores differ, between candidates of one mentee and between proposals.
			const scores = input.mentees.flatMap((mentee) =>
				input.mentors.map(
					(mentor) =>
						ok(proposeMatching({ mentees: [mentee], mentors: [{ ...mentor, capacity: 1 }] }))
							.totalScore
				)
			);
			expect(new Set(scores).size).toBeGreaterThan(3);
			expect(new Set(result.proposals.map((p) => p.score)).size).toBeGreaterThan(1);
			// No mentor over capacity, and none with two or more while another one has none.
			for (const load of result.mentorLoad)
				expect(load.assigned).toBeLessThanOrEqual(load.capacity);
			const loads = result.mentorLoad.map((l) => l.assigned);
			if (Math.max(...loads) >= 2) expect(Math.min(...loads)).toBeGreaterThan(0);
			// Every proposal shows availability and region reasons, and a true expertise reason.
			for (const proposal of result.proposals) {
				const codes = shownReasons(proposal.contributions).map((c) => c.code);
				expect(codes).toContain('expertise.covers_needs');
				expect(codes.some((c) => c.startsWith('availability.'))).toBe(true);
				expect(codes.some((c) => c.startsWith('region.'))).toBe(true);
			}
		});
	}

	it('rules no pair out, so a swap to any mentor works (coordination.e2e swaps at random)', () => {
		const input = demoInput([]);
		for (const mentee of input.mentees)
			for (const mentor of input.mentors)
				expect(
					proposeMatching({ ...input, locked: [{ menteeId: mentee.id, mentorId: mentor.id }] }).ok,
					`${mentee.id} – ${mentor.id}`
				).toBe(true);
	});

	it('pairs each demo mentee with the mentor who fits best', () => {
		const result = ok(proposeMatching(demoInput([])));
		const byMentee = Object.fromEntries(result.proposals.map((p) => [p.menteeId, p.mentorId]));
		expect(byMentee).toEqual({
			'mentee1@example.org': 'mentor1@example.org',
			'mentee2@example.org': 'mentor2@example.org',
			'mentee3@example.org': 'mentor3@example.org',
			'mentee4@example.org': 'mentor1@example.org',
			'mentee5@example.org': 'mentor2@example.org'
		});
	});
});
