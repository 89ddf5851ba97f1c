import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import {
	confirmMatching,
	loadMatchingContext,
	runMatching,
	saveMatchingSetup
} from '$lib/server/coordination/matching';
import { buildMembership, buildStaffedProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let mentees: BuiltUser[];
let mentors: BuiltUser[];

async function intake(user: BuiltUser, form: string, answers: Record<string, unknown>) {
	await db.asUser(user.claims, (tx) =>
		tx.query(
			'insert into public.intake_responses (program_id, user_id, form_key, form_version, answers) values ($1, $2, $3, 2, $4)',
			[staffed.program.id, user.id, form, answers]
		)
	);
}

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	mentees = [staffed.people.mentee, await buildUser(db), await buildUser(db)];
	mentors = [staffed.people.mentor, await buildUser(db)];
	for (const mentee of mentees.slice(1))
		await buildMembership(db, staffed.program.id, mentee, 'mentee');
	await buildMembership(db, staffed.program.id, mentors[1], 'mentor');
	await intake(mentees[0], 'mentee-intake', { 'support-topics': { finance: true } });
	await intake(mentees[1], 'mentee-intake', { 'support-topics': { wellbeing: true } });
	await intake(mentors[0], 'mentor-self-assessment', {
		'expertise-topics': { finance: true },
		capacity: 2
	});
	await intake(mentors[1], 'mentor-self-assessment', {
		'expertise-topics': { wellbeing: true },
		capacity: 1
	});
});
afterAll(() => db.close());

describe(`matching a programme (${testEngine()})`, () => {
	it('proposes pairs from the intake answers, with reasons, within capacity', async () => {
		const context = await loadMatchingContext(
			db,
			staffed.people.coordinator.claims,
			staffed.program.id
		);
		expect(context.missingIntake).toEqual([mentees[2].id]);
		const result = runMatching(context);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const byMentee = Object.fromEntries(result.proposals.map((p) => [p.menteeId, p.mentorId]));
		expect(byMentee[mentees[0].id]).toBe(mentors[0].id);
		expect(byMentee[mentees[1].id]).toBe(mentors[1].id);
		expect(result.matchedCount).toBe(3);
		for (const p of result.proposals) {
			const sum = p.contributions.reduce((s, c) => s + c.points, 0);
			expect(Math.abs(sum - p.score)).toBeLessThan(0.001);
		}
	});

	it('a swap is kept as a locked pair and the rest is re-solved', async () => {
		await saveMatchingSetup(db, staffed.people.coordinator.claims, staffed.program.id, {
			locked: [{ menteeId: mentees[1].id, mentorId: mentors[0].id }]
		});
		const result = runMatching(
			await loadMatchingContext(db, staffed.people.coordinator.claims, staffed.program.id)
		);
		expect(result.ok && result.proposals.find((p) => p.menteeId === mentees[1].id)).toMatchObject({
			mentorId: mentors[0].id,
			locked: true
		});
	});

	it('confirming creates the pairs and introduces both people by e-mail', async () => {
		const mailer = createOutboxMailer(db, createLogger('silent'));
		const context = await loadMatchingContext(
			db,
			staffed.people.coordinator.claims,
			staffed.program.id
		);
		const result = runMatching(context);
		if (!result.ok) throw new Error('expected proposals');
		const created = await confirmMatching(
			{
				db,
				claims: staffed.people.coordinator.claims,
				mailer,
				origin: 'http://mentorpad.test'
			},
			staffed.program.id,
			result.proposals
		);
		expect(created).toHaveLength(result.proposals.length);
		const mails = await db.asService((tx) =>
			tx.query<{ to_email: string; body_text: string }>(
				"select to_email, body_text from public.mail_outbox where kind = 'introduction'"
			)
		);
		expect(mails).toHaveLength(created.length * 2);
		const toMentor = mails.find((m) => m.to_email === mentors[0].email)!;
		expect(toMentor.body_text).toContain('eerste bijeenkomst');
		expect(
			mails.some((m) => m.to_email === mentees[0].email && m.body_text.includes(mentors[0].email))
		).toBe(true);
		// Everyone is matched now: nobody left to propose.
		const after = runMatching(
			await loadMatchingContext(db, staffed.people.coordinator.claims, staffed.program.id)
		);
		expect(after.ok && after.proposals).toEqual([]);
	});

	it('only a coordinator can read the matching context', async () => {
		await expect(
			loadMatchingContext(db, staffed.people.mentor.claims, staffed.program.id).then(
				(c) => c.input.mentees.length
			)
		).resolves.toBe(0);
	});
});
