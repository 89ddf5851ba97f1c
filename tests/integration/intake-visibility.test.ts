import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '$lib/server/demo/seed';
import { matchingAnswersOf } from '$lib/server/coordination/intake';
import { loadMatchingContext, runMatching } from '$lib/server/coordination/matching';
import { shownReasons } from '$lib/domain/matching';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { buildStaffedProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let x: Awaited<ReturnType<typeof buildStaffedProgram>>;
let other: Awaited<ReturnType<typeof buildStaffedProgram>>;
let stranger: BuiltUser;

const FORMS = ['mentee-intake', 'teacher-needs'];

async function submit(
	user: BuiltUser,
	programId: string,
	form: string,
	answers: Record<string, unknown>
) {
	await db.asUser(user.claims, (tx) =>
		tx.query(
			'insert into public.intake_responses (program_id, user_id, form_key, form_version, answers) values ($1, $2, $3, 2, $4)',
			[programId, user.id, form, answers]
		)
	);
}

const readAs = (claims: JwtClaims | null) =>
	db.asUser(claims, (tx) =>
		tx.query<{ user_id: string; form_key: string }>(
			'select user_id, form_key from public.intake_responses where program_id = $1 order by form_key',
			[x.program.id]
		)
	);

beforeAll(async () => {
	db = await createTestDatabase();
	x = await buildStaffedProgram(db);
	other = await buildStaffedProgram(db);
	stranger = await buildUser(db);
	for (const form of FORMS)
		await submit(x.people.mentee, x.program.id, form, { region: 'Gent', gender: 'female' });
	await submit(x.people.mentor, x.program.id, 'mentor-self-assessment', { region: 'Gent' });
	await submit(other.people.mentee, other.program.id, 'mentee-intake', { region: 'Brugge' });
});
afterAll(() => db.close());

describe(`who reads intake answers (${testEngine()})`, () => {
	it('the person reads their own answers, not the other participant’s', async () => {
		const rows = await readAs(x.people.mentee.claims);
		expect(rows.map((r) => r.form_key)).toEqual(['mentee-intake', 'teacher-needs']);
		expect(rows.every((r) => r.user_id === x.people.mentee.id)).toBe(true);
		const mentor = await readAs(x.people.mentor.claims);
		expect(mentor.map((r) => r.form_key)).toEqual(['mentor-self-assessment']);
	});

	it('the coordinator reads every answer of the programme', async () => {
		const rows = await readAs(x.people.coordinator.claims);
		expect(rows).toHaveLength(3);
	});

	it('a supporter, an observer, another programme’s coordinator and a stranger read none', async () => {
		for (const claims of [
			x.people.supporter.claims,
			x.people.observer.claims,
			other.people.coordinator.claims,
			stranger.claims
		])
			expect(await readAs(claims)).toEqual([]);
	});

	it('anonymous may not even ask', async () => {
		await expect(readAs(null)).rejects.toThrow(/permission denied/);
	});

	it('nobody changes or deletes a submitted answer', async () => {
		for (const claims of [x.people.mentee.claims, x.people.coordinator.claims]) {
			await expect(
				db.asUser(claims, (tx) =>
					tx.query(
						"update public.intake_responses set answers = '{}'::jsonb where program_id = $1",
						[x.program.id]
					)
				)
			).rejects.toThrow(/permission denied/);
			await expect(
				db.asUser(claims, (tx) =>
					tx.query('delete from public.intake_responses where program_id = $1', [x.program.id])
				)
			).rejects.toThrow(/permission denied/);
		}
	});

	it('the answers page gives the coordinator only the matching forms, and audits the read', async () => {
		const answers = await matchingAnswersOf(
			db,
			x.people.coordinator.claims,
			x.program.id,
			x.people.mentee.id
		);
		expect(answers?.role).toBe('mentee');
		expect(answers?.forms.map((f) => f.formKey)).toEqual(['mentee-intake']);
		const seen = await db.asUser(x.people.mentee.claims, (tx) =>
			tx.query<{ action: string }>('select action from public.audit_events_about_me(10, 0)')
		);
		expect(seen.map((e) => e.action)).toContain('intake.view');
	});

	it('anyone else gets no answers of another person through it', async () => {
		for (const claims of [
			x.people.supporter.claims,
			x.people.mentor.claims,
			other.people.coordinator.claims
		]) {
			const answers = await matchingAnswersOf(db, claims, x.program.id, x.people.mentee.id);
			expect(answers?.forms ?? []).toEqual([]);
		}
		// Someone who is no mentor or mentee of the programme has no answers page.
		expect(
			await matchingAnswersOf(db, x.people.coordinator.claims, x.program.id, x.people.supporter.id)
		).toBeNull();
	});
});

describe(`the demo programmes' matching (${testEngine()})`, () => {
	it('scores differ, reasons are true and the mentees are spread over the mentors', async () => {
		const demo = await createTestDatabase();
		try {
			await seedDemo(demo);
			const [coordinator] = await demo.asService((tx) =>
				tx.query<{ id: string }>(
					"select id from public.profiles where email = 'coordinator@example.org'"
				)
			);
			const programs = await demo.asService((tx) =>
				tx.query<{ id: string; kind: string }>(
					"select id, kind from public.programs where kind in ('school_leader', 'teacher_induction')"
				)
			);
			const claims: JwtClaims = { sub: coordinator.id, role: 'authenticated' };
			for (const program of programs) {
				const context = await loadMatchingContext(demo, claims, program.id);
				expect(context.missingIntake, program.kind).toEqual([]);
				const result = runMatching(context);
				if (!result.ok) throw new Error('expected proposals');
				expect(result.matchedCount, program.kind).toBe(context.input.mentees.length);
				expect(new Set(result.proposals.map((p) => p.score)).size).toBeGreaterThan(1);
				const loads = result.mentorLoad.map((l) => l.assigned);
				for (const load of result.mentorLoad)
					expect(load.assigned).toBeLessThanOrEqual(load.capacity);
				expect(Math.min(...loads), program.kind).toBeGreaterThan(0);
				for (const proposal of result.proposals) {
					const codes = shownReasons(proposal.contributions).map((c) => c.code);
					expect(codes).toContain('availability.shared');
					expect(codes).toContain('region.same');
				}
			}
		} finally {
			await demo.close();
		}
	});
});
