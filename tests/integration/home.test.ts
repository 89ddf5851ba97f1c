import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { loadHome } from '$lib/server/home';
import {
	buildMembership,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;
let newcomer: BuiltUser;

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	pairId = await buildPairWithContent(db, staffed);
	newcomer = await buildUser(db);
	await buildMembership(db, staffed.program.id, newcomer, 'mentee');
});
afterAll(() => db.close());

describe(`the home page's sections (${testEngine()})`, () => {
	it('lists what the mentee is asked to prepare, overdue once the due date has passed', async () => {
		const before = await loadHome(
			db,
			staffed.people.mentee.claims,
			new Date('2026-11-20T12:00:00Z')
		);
		expect(before.toPrepare).toHaveLength(1);
		expect(before.toPrepare[0]).toMatchObject({
			pairId,
			sheetKey: 'PS1',
			dueOn: '2026-12-01',
			meetingNumber: 3,
			overdue: false
		});
		expect(before.toPrepare[0].title.nl).toMatch(/^PS1/);
		expect(before.toPrepare[0].askedBy).toMatch(/^Person /);
		const after = await loadHome(
			db,
			staffed.people.mentee.claims,
			new Date('2026-12-02T12:00:00Z')
		);
		expect(after.toPrepare[0].overdue).toBe(true);
		// The mentor asked; it is not theirs to prepare.
		expect((await loadHome(db, staffed.people.mentor.claims)).toPrepare).toEqual([]);
	});

	it("gives a mentee their pair with the partner's name and the current phase's sheets", async () => {
		const home = await loadHome(db, staffed.people.mentee.claims);
		expect(home.pairs).toHaveLength(1);
		const [pair] = home.pairs;
		expect(pair.id).toBe(pairId);
		expect(pair.partnerName).toMatch(/^Person /);
		expect(pair.phase).toBe('BR');
		const agreement = pair.phaseSheets.find((s) => s.key === '01-agreement');
		expect(agreement).toMatchObject({ filled: 1, total: 5 });
		expect(pair.phaseSheets.every((s) => s.key && s.title.nl)).toBe(true);
		expect(home.waiting).toEqual([]);
		expect(home.coordinating).toEqual([]);
	});

	it('tells a mentee without a pair which intake forms are still to fill', async () => {
		const home = await loadHome(db, newcomer.claims);
		expect(home.pairs).toEqual([]);
		expect(home.waiting).toHaveLength(1);
		expect(home.waiting[0]).toMatchObject({ programId: staffed.program.id, role: 'mentee' });
		expect(home.waiting[0].intakeMissing).toContain('mentee-intake');
		// The paired mentee submitted it: it is not asked again of them.
		await db.asService((tx) =>
			tx.query(
				"insert into public.intake_responses (program_id, user_id, form_key, form_version, answers) values ($1, $2, 'mentee-intake', 1, '{}')",
				[staffed.program.id, newcomer.id]
			)
		);
		const after = await loadHome(db, newcomer.claims);
		expect(after.waiting[0].intakeMissing).not.toContain('mentee-intake');
	});

	it('shows the coordinator what needs attention per programme', async () => {
		const home = await loadHome(db, staffed.people.coordinator.claims);
		expect(home.pairs).toEqual([]);
		expect(home.coordinating).toHaveLength(1);
		const [program] = home.coordinating;
		expect(program.programId).toBe(staffed.program.id);
		expect(program.pairs).toBe(1);
		// The factory's pair has an open exit request, so it is "exit_requested", not an active
		// pair waiting for its first meeting.
		expect(program.firstMeetingUnplanned).toEqual([]);
		expect(program.openExits).toBe(1);
		expect(program.newLogbook).toBe(2);
		// The paired mentee filled an intake form and the newcomer did so above: only the mentor is left.
		expect(program.noIntake).toBe(1);
	});

	it('does not count old logbook parts as new', async () => {
		const later = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
		const home = await loadHome(db, staffed.people.coordinator.claims, later);
		expect(home.coordinating[0].newLogbook).toBe(0);
	});

	it("shows a supporter their mentors' logbook parts and exit requests", async () => {
		const home = await loadHome(db, staffed.people.supporter.claims);
		expect(home.supporting).toHaveLength(1);
		expect(home.supporting[0].newLogbook).toBe(1);
		expect(home.supporting[0].openExits).toBe(1);
		expect(home.coordinating).toEqual([]);
	});

	it('drops the first-meeting reminder once meeting 1 has a time', async () => {
		await db.asService((tx) =>
			tx.query(
				"update public.meetings set starts_at = now() + interval '3 days' where pair_id = $1 and number = 1",
				[pairId]
			)
		);
		const home = await loadHome(db, staffed.people.coordinator.claims);
		expect(home.coordinating[0].firstMeetingUnplanned).toEqual([]);
	});

	it("shows a pair's unread messages, next meeting with its call link and the logbook due", async () => {
		const { mentor, mentee } = staffed.people;
		const now = new Date('2026-11-20T12:00:00Z');
		await db.asService(async (tx) => {
			await tx.query('delete from public.meetings where pair_id = $1 and number in (1, 2)', [
				pairId
			]);
			// Meeting 1 was held two days ago (the logbook is due); meeting 2 is online, next week.
			await tx.query(
				`insert into public.meetings (pair_id, number, planned_on, starts_at, mode, held_at)
				 values ($1, 1, '2026-11-18', '2026-11-18T13:30:00Z', 'face_to_face', '2026-11-18T15:00:00Z'),
					($1, 2, '2026-11-27', '2026-11-27T13:30:00Z', 'online', null)`,
				[pairId]
			);
			await tx.query(
				`insert into public.pair_call_links (pair_id, url, updated_by) values ($1, $2, $3)
				 on conflict (pair_id) do update set url = excluded.url`,
				[pairId, 'https://meet.jit.si/Mentorpad-home-test', mentor.id]
			);
			await tx.query('delete from public.log_submissions where pair_id = $1', [pairId]);
			await tx.query(
				"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'Hallo'), ($1, $2, 'Tot dan')",
				[pairId, mentor.id]
			);
		});
		const [pair] = (await loadHome(db, mentee.claims, now)).pairs;
		expect(pair.unread).toBe(2);
		expect(pair.next).toMatchObject({
			number: 2,
			plannedOn: '2026-11-27',
			mode: 'online',
			callLink: 'https://meet.jit.si/Mentorpad-home-test'
		});
		expect(pair.logbookDue).toEqual([1]);
		// The mentor wrote the messages: nothing unread for them. Their logbook is due too.
		const [mentorPair] = (await loadHome(db, mentor.claims, now)).pairs;
		expect(mentorPair.unread).toBe(0);
		expect(mentorPair.logbookDue).toEqual([1]);
		// Once the mentee submits part 2 for meeting 1, it is no longer due for them only.
		await db.asService((tx) =>
			tx.query(
				`insert into public.log_submissions (pair_id, author_id, author_role, meeting_id, met_on, difficulties)
				 select $1, $2, 'mentee', id, planned_on, 'iets' from public.meetings where pair_id = $1 and number = 1`,
				[pairId, mentee.id]
			)
		);
		expect((await loadHome(db, mentee.claims, now)).pairs[0].logbookDue).toEqual([]);
		expect((await loadHome(db, mentor.claims, now)).pairs[0].logbookDue).toEqual([1]);
		// A month later the logbook is no longer asked for, and a face-to-face meeting has no link.
		await db.asService((tx) =>
			tx.query(
				"update public.meetings set mode = 'face_to_face' where pair_id = $1 and number = 2",
				[pairId]
			)
		);
		const later = (await loadHome(db, mentor.claims, new Date('2026-12-25T12:00:00Z'))).pairs[0];
		expect(later.logbookDue).toEqual([]);
		const soon = (await loadHome(db, mentor.claims, now)).pairs[0];
		expect(soon.next?.callLink).toBeNull();
	});

	it('marks a person in no programme', async () => {
		const stranger = await buildUser(db);
		const home = await loadHome(db, stranger.claims);
		expect(home.noPrograms).toBe(true);
	});
});
