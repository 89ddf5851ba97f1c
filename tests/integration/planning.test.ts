import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairRef } from '$lib/domain/policy';
import { loadFeed, rotateFeedSecret, feedStatus } from '$lib/server/calendar/feed';
import type { Database, JwtClaims } from '$lib/server/db/types';
import {
	assignmentsDueOn,
	createAssignment,
	listMyOpenAssignments,
	listPairAssignments,
	markAssignmentDone,
	withdrawAssignment,
	type AssignmentInput
} from '$lib/server/pairs/assignments';
import {
	getMeeting,
	getPairCallLink,
	newJitsiRoom,
	setPairCallLink,
	updateMeeting
} from '$lib/server/pairs/meetings';
import { loadPairRef } from '$lib/server/pairs/queries';
import {
	buildOrganisation,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

type Staffed = Awaited<ReturnType<typeof buildStaffedProgram>>;

let db: Database;
let x: Staffed;
let y: Staffed;
let xPair: PairRef;
let yPair: PairRef;
let stranger: BuiltUser;

const TODAY = '2026-11-30';
const texts = () => ({
	calendarName: 'My meetings',
	summary: (m: { number: number; mentorName: string; menteeName: string }) =>
		`Meeting ${m.number}: ${m.mentorName} & ${m.menteeName}`
});
const ask = (overrides: Partial<AssignmentInput> = {}): AssignmentInput => ({
	sheetKey: 'PS1',
	assigneeId: x.people.mentee.id,
	dueOn: '2026-12-15',
	meetingNumber: 3,
	note: 'Before our third meeting',
	...overrides
});
const setStatus = (pairId: string, status: string) =>
	db.asService((tx) =>
		tx.query('update public.pairs set status = $2 where id = $1', [pairId, status])
	);
const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));

beforeAll(async () => {
	db = await createTestDatabase();
	x = await buildStaffedProgram(db);
	y = await buildStaffedProgram(db, (await buildOrganisation(db)).id);
	xPair = (await loadPairRef(db, await buildPairWithContent(db, x)))!;
	yPair = (await loadPairRef(db, await buildPairWithContent(db, y)))!;
	stranger = await buildUser(db);
});
afterAll(() => db.close());

describe(`assignments (${testEngine()})`, () => {
	it('the mentor asks the mentee to prepare PS1 before meeting 3; only the pair reads it', async () => {
		const made = await createAssignment(
			{ db, claims: x.people.mentor.claims },
			xPair,
			ask(),
			TODAY
		);
		expect(made).toMatchObject({
			sheetKey: 'PS1',
			assigneeId: x.people.mentee.id,
			createdBy: x.people.mentor.id,
			dueOn: '2026-12-15',
			meetingNumber: 3,
			doneAt: null
		});
		for (const person of [x.people.mentor, x.people.mentee]) {
			const list = await listPairAssignments(db, person.claims, xPair.id);
			expect(list.map((a) => a.id)).toContain(made.id);
		}
		const outsiders: (JwtClaims | null)[] = [
			x.people.coordinator.claims,
			x.people.supporter.claims,
			x.people.observer.claims,
			y.people.mentor.claims,
			y.people.coordinator.claims,
			stranger.claims
		];
		for (const claims of outsiders) {
			expect(await listPairAssignments(db, claims as JwtClaims, xPair.id)).toEqual([]);
		}
		await expect(
			db.asUser(null, (tx) => tx.query('select * from public.assignments'))
		).rejects.toThrow(/permission denied/);
	});

	it('refuses a due date in the past, after the programme, and a meeting the pair lacks', async () => {
		const claims = x.people.mentor.claims;
		await expect(
			createAssignment({ db, claims }, xPair, ask({ dueOn: '2026-11-29' }), TODAY)
		).rejects.toThrow(/due_in_past/);
		await expect(
			createAssignment({ db, claims }, xPair, ask({ dueOn: '2027-07-01' }), TODAY)
		).rejects.toThrow(/due_outside_programme/);
		await expect(
			createAssignment({ db, claims }, xPair, ask({ meetingNumber: 150 }), TODAY)
		).rejects.toThrow(/no_such_meeting/);
		await expect(
			createAssignment({ db, claims }, xPair, ask({ assigneeId: y.people.mentee.id }), TODAY)
		).rejects.toThrow(/not_in_pair/);
		// Today itself is fine.
		await expect(
			createAssignment({ db, claims }, xPair, ask({ dueOn: TODAY }), TODAY)
		).resolves.toBeDefined();
	});

	it('refuses people outside the pair and writes as oneself only', async () => {
		for (const person of [
			x.people.coordinator,
			x.people.supporter,
			x.people.observer,
			y.people.mentor
		]) {
			await expect(
				createAssignment({ db, claims: person.claims }, xPair, ask(), TODAY)
			).rejects.toThrow();
		}
		await expect(
			db.asUser(x.people.mentee.claims, (tx) =>
				tx.query(
					"insert into public.assignments (pair_id, sheet_key, assignee_id, created_by, due_on) values ($1, 'PS1', $2, $3, '2026-12-20')",
					[xPair.id, x.people.mentee.id, x.people.mentor.id]
				)
			)
		).rejects.toThrow(/row-level security/);
		await expect(
			db.asUser(x.people.mentor.claims, (tx) =>
				tx.query(
					"insert into public.assignments (pair_id, sheet_key, assignee_id, created_by, due_on) values ($1, 'not-a-sheet', $2, auth.uid(), '2026-12-20')",
					[xPair.id, x.people.mentee.id]
				)
			)
		).rejects.toThrow(/foreign key/);
	});

	it('the assignee marks it done; the creator cannot; the home list and the reminder query follow', async () => {
		const made = await createAssignment(
			{ db, claims: x.people.mentor.claims },
			xPair,
			ask({ dueOn: '2026-12-24' }),
			TODAY
		);
		await expect(
			markAssignmentDone({ db, claims: x.people.mentor.claims }, xPair, made.id, true)
		).rejects.toThrow(/not_found/);
		await expect(
			db.asUser(x.people.mentor.claims, (tx) =>
				tx.query('update public.assignments set done_at = now() where id = $1', [made.id])
			)
		).rejects.toThrow(/permission denied/);
		await expect(
			db.asUser(x.people.mentee.claims, (tx) =>
				tx.query("update public.assignments set note = 'mine now' where id = $1", [made.id])
			)
		).rejects.toThrow(/permission denied/);

		const due = await assignmentsDueOn(db, '2026-12-24');
		expect(due.map((a) => a.id)).toEqual([made.id]);
		expect(due[0]).toMatchObject({ assigneeId: x.people.mentee.id, programId: x.program.id });
		expect(due[0].assigneeEmail).toBe(x.people.mentee.email);
		expect((await listMyOpenAssignments(db, x.people.mentee.claims)).map((a) => a.id)).toContain(
			made.id
		);
		expect(await listMyOpenAssignments(db, x.people.mentor.claims)).toEqual([]);

		await markAssignmentDone({ db, claims: x.people.mentee.claims }, xPair, made.id, true);
		expect(
			(await listMyOpenAssignments(db, x.people.mentee.claims)).map((a) => a.id)
		).not.toContain(made.id);
		expect(await assignmentsDueOn(db, '2026-12-24')).toEqual([]);
		await markAssignmentDone({ db, claims: x.people.mentee.claims }, xPair, made.id, false);
		expect((await listMyOpenAssignments(db, x.people.mentee.claims)).map((a) => a.id)).toContain(
			made.id
		);

		await expect(withdrawAssignment(db, x.people.mentee.claims, xPair, made.id)).rejects.toThrow(
			/not_found/
		);
		await withdrawAssignment(db, x.people.mentor.claims, xPair, made.id);
		expect(
			(await listPairAssignments(db, x.people.mentor.claims, xPair.id)).map((a) => a.id)
		).not.toContain(made.id);
	});

	it('nothing is written while the pair is ended (or paused)', async () => {
		const made = await createAssignment(
			{ db, claims: x.people.mentor.claims },
			xPair,
			ask({ dueOn: '2026-12-28' }),
			TODAY
		);
		for (const status of ['ended', 'paused']) {
			await setStatus(xPair.id, status);
			try {
				await expect(
					createAssignment({ db, claims: x.people.mentor.claims }, xPair, ask(), TODAY)
				).rejects.toThrow();
				await expect(
					markAssignmentDone({ db, claims: x.people.mentee.claims }, xPair, made.id, true)
				).rejects.toThrow(/not_found/);
				await expect(
					setPairCallLink(db, x.people.mentor.claims, xPair, newJitsiRoom())
				).rejects.toThrow(/row-level security/);
				// Still readable by the pair, like its meetings.
				expect(
					(await listPairAssignments(db, x.people.mentee.claims, xPair.id)).length
				).toBeGreaterThan(0);
			} finally {
				await setStatus(xPair.id, 'active');
			}
		}
		expect(await listMyOpenAssignments(db, x.people.mentee.claims)).not.toEqual([]);
	});
});

describe(`call links and meeting versions (${testEngine()})`, () => {
	it('either person sets the pair’s link; only the pair reads it; http is refused', async () => {
		const room = newJitsiRoom();
		expect(room).toMatch(/^https:\/\/meet\.jit\.si\/Mentorpad-[0-9a-f]{32}$/);
		await setPairCallLink(db, x.people.mentee.claims, xPair, room);
		expect(await getPairCallLink(db, x.people.mentor.claims, xPair.id)).toBe(room);
		await setPairCallLink(
			db,
			x.people.mentor.claims,
			xPair,
			'https://teams.microsoft.com/l/meetup-join/abc'
		);
		expect(await getPairCallLink(db, x.people.mentee.claims, xPair.id)).toBe(
			'https://teams.microsoft.com/l/meetup-join/abc'
		);
		for (const person of [
			x.people.coordinator,
			x.people.supporter,
			x.people.observer,
			y.people.mentee,
			stranger
		]) {
			expect(await getPairCallLink(db, person.claims, xPair.id)).toBeNull();
			await expect(setPairCallLink(db, person.claims, xPair, room)).rejects.toThrow();
		}
		await expect(
			setPairCallLink(db, x.people.mentor.claims, xPair, 'http://zoom.us/j/1')
		).rejects.toThrow(/check constraint/);
		await expect(
			setPairCallLink(db, x.people.mentor.claims, xPair, `https://x.org/${'a'.repeat(500)}`)
		).rejects.toThrow(/check constraint/);
	});

	it('a change of date, time, place, mode or link raises SEQUENCE; the same values do not', async () => {
		const claims = x.people.mentor.claims;
		const plan = (place: string, mode: 'online' | 'face_to_face' = 'online') =>
			updateMeeting({ db, claims }, xPair, 2, {
				plannedOn: '2026-12-10',
				time: '14:00',
				durationMinutes: 90,
				place,
				mode,
				held: false
			});
		await plan('');
		const first = (await getMeeting(db, claims, xPair.id, 2))!;
		await plan('');
		expect((await getMeeting(db, claims, xPair.id, 2))!.sequence).toBe(first.sequence);
		await plan('Room 12');
		const second = (await getMeeting(db, claims, xPair.id, 2))!;
		expect(second.sequence).toBe(first.sequence + 1);
		expect(second.id).toBe(first.id);
		// A new pair link changes what this online meeting (without its own link) points to.
		await setPairCallLink(db, claims, xPair, newJitsiRoom());
		expect((await getMeeting(db, claims, xPair.id, 2))!.sequence).toBe(second.sequence + 1);
		// Nobody writes SEQUENCE themselves.
		await expect(
			db.asUser(claims, (tx) =>
				tx.query('update public.meetings set sequence = 0 where id = $1', [first.id])
			)
		).rejects.toThrow(/permission denied/);
	});
});

describe(`calendar feeds (${testEngine()})`, () => {
	it('a feed holds only its owner’s meetings, with stable UIDs and SEQUENCE', async () => {
		const claims = x.people.mentee.claims;
		const secret = await rotateFeedSecret(db, claims);
		expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const status = await feedStatus(db, claims);
		expect(status?.createdAt).toBeInstanceOf(Date);
		// The owner reads that a feed exists, never its hash.
		await expect(
			db.asUser(claims, (tx) => tx.query('select secret_hash from public.calendar_feeds'))
		).rejects.toThrow(/permission denied/);

		await updateMeeting({ db, claims: x.people.mentor.claims }, xPair, 4, {
			plannedOn: '2027-01-12',
			time: '10:30',
			durationMinutes: 60,
			place: '',
			mode: 'online',
			callLink: 'https://zoom.us/j/123456',
			held: false
		});
		await updateMeeting({ db, claims: y.people.mentor.claims }, yPair, 4, {
			plannedOn: '2027-01-13',
			durationMinutes: 60,
			place: 'Elsewhere',
			mode: 'face_to_face',
			held: false
		});
		const ics = (await loadFeed(db, secret, 'https://mentorpad.test', texts))!;
		expect(ics).toBeTruthy();
		const calendar = parse(ics);
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('My meetings');
		const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
		const mine = await db.asService((tx) =>
			tx.query<{ id: string }>(
				'select id from public.meetings where pair_id = $1 and (starts_at is not null or planned_on is not null)',
				[xPair.id]
			)
		);
		expect(events.map((e) => e.uid).sort()).toEqual(mine.map((m) => `${m.id}@mentorpad`).sort());
		const fourth = events.find((e) => e.summary.startsWith('Meeting 4:'))!;
		expect(fourth.startDate.toJSDate().toISOString()).toBe('2027-01-12T09:30:00.000Z');
		expect(fourth.endDate.toJSDate().toISOString()).toBe('2027-01-12T10:30:00.000Z');
		expect(fourth.location).toBe('https://zoom.us/j/123456');
		expect(fourth.component.getFirstPropertyValue('url')).toBe('https://zoom.us/j/123456');
		expect(fourth.description).toContain(`https://mentorpad.test/pairs/${xPair.id}`);
		const before = fourth.sequence;

		// The mentor moves it: the same UID comes back with a higher SEQUENCE.
		await updateMeeting({ db, claims: x.people.mentor.claims }, xPair, 4, {
			plannedOn: '2027-01-14',
			time: '10:30',
			durationMinutes: 60,
			place: '',
			mode: 'online',
			callLink: 'https://zoom.us/j/123456',
			held: false
		});
		const again = parse((await loadFeed(db, secret, 'https://mentorpad.test', texts))!)
			.getAllSubcomponents('vevent')
			.map((e) => new ICAL.Event(e))
			.find((e) => e.uid === fourth.uid)!;
		expect(again.sequence).toBe(before + 1);
		expect(again.startDate.toJSDate().toISOString()).toBe('2027-01-14T09:30:00.000Z');

		// The other programme's mentee sees none of it.
		const other = await rotateFeedSecret(db, y.people.mentee.claims);
		const theirs = parse((await loadFeed(db, other, 'https://mentorpad.test', texts))!)
			.getAllSubcomponents('vevent')
			.map((e) => new ICAL.Event(e));
		expect(theirs.some((e) => e.uid === fourth.uid)).toBe(false);
		expect(theirs.some((e) => e.summary.startsWith('Meeting 4:'))).toBe(true);
	});

	it('a new secret makes the old URL unknown; unknown and malformed secrets are null', async () => {
		const claims = x.people.mentor.claims;
		const old = await rotateFeedSecret(db, claims);
		expect(await loadFeed(db, old, 'https://mentorpad.test', texts)).not.toBeNull();
		const fresh = await rotateFeedSecret(db, claims);
		expect(fresh).not.toBe(old);
		expect(await loadFeed(db, old, 'https://mentorpad.test', texts)).toBeNull();
		expect(await loadFeed(db, fresh, 'https://mentorpad.test', texts)).not.toBeNull();
		expect(await loadFeed(db, 'a'.repeat(43), 'https://mentorpad.test', texts)).toBeNull();
		expect(await loadFeed(db, "x' or 1=1 --", 'https://mentorpad.test', texts)).toBeNull();
		expect((await feedStatus(db, claims))?.lastUsedAt).toBeInstanceOf(Date);
	});

	it('anyone may have a feed of their own; nobody reads another person’s', async () => {
		await rotateFeedSecret(db, x.people.coordinator.claims);
		await rotateFeedSecret(db, stranger.claims);
		const rows = await db.asUser(x.people.coordinator.claims, (tx) =>
			tx.query<{ user_id: string }>('select user_id from public.calendar_feeds')
		);
		expect(rows.map((r) => r.user_id)).toEqual([x.people.coordinator.id]);
		const coordinatorFeed = await rotateFeedSecret(db, x.people.coordinator.claims);
		const ics = (await loadFeed(db, coordinatorFeed, 'https://mentorpad.test', texts))!;
		expect(parse(ics).getAllSubcomponents('vevent')).toEqual([]);
	});
});
