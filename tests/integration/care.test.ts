import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, JwtClaims, SqlValue } from '$lib/server/db/types';
import {
	answerCheckin,
	checkinScan,
	listConcerns,
	listSupportMeetings,
	loadCheckinSummary,
	raiseConcern,
	recordSupportMeeting,
	setConcernStatus
} from '$lib/server/care';
import { createJobRunner } from '$lib/server/jobs/runner';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { notificationJobs } from '$lib/server/notifications/jobs';
import { REMINDER_SCANS } from '$lib/server/notifications/reminders';
import { insertPair } from '$lib/server/pairs/commands';
import { DomainError } from '$lib/server/errors';
import {
	buildMembership,
	buildOrganisation,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { buildCareRows } from '../factories/care';
import { createTestDatabase, testEngine } from '../helpers/db';

type Staffed = Awaited<ReturnType<typeof buildStaffedProgram>>;
const log = createLogger('silent');

let db: Database;
let x: Staffed;
let other: Staffed;
let stranger: BuiltUser;
let otherSupporter: BuiltUser;
let pair: string;
let rows: Awaited<ReturnType<typeof buildCareRows>>;

/** What a person reads of a table (a table they may not read at all: 'denied'). */
async function readAs(
	claims: JwtClaims | null,
	sql: string,
	params: SqlValue[] = []
): Promise<number | 'denied'> {
	try {
		const result = await db.asUser(claims, (tx) => tx.query(sql, params));
		return result.length;
	} catch (error) {
		if (/permission denied/.test((error as Error).message)) return 'denied';
		throw error;
	}
}

/** Whether a write as a person goes through (a refusal or zero rows touched: false). */
async function writes(claims: JwtClaims | null, sql: string, params: SqlValue[] = []) {
	try {
		const result = await db.asUser(claims, (tx) => tx.query(sql, params));
		return /returning/.test(sql) ? result.length > 0 : true;
	} catch (error) {
		if (/permission denied|row-level security|violates/.test((error as Error).message))
			return false;
		throw error;
	}
}

beforeAll(async () => {
	db = await createTestDatabase();
	x = await buildStaffedProgram(db);
	other = await buildStaffedProgram(db, (await buildOrganisation(db)).id);
	stranger = await buildUser(db);
	otherSupporter = await buildUser(db);
	await buildMembership(db, x.program.id, otherSupporter, 'supporter');
	pair = await buildPairWithContent(db, x);
	rows = await buildCareRows(db, x, pair);
	await buildCareRows(db, other, await buildPairWithContent(db, other));
});
afterAll(() => db.close());

describe(`check-ins (${testEngine()})`, () => {
	const sql = 'select * from public.checkins where id = any($1::uuid[])';
	const both = () => [[rows.menteeCheckin, rows.mentorCheckin]] as SqlValue[];

	it('a check-in is read by its respondent only, never per person by the coordinator', async () => {
		expect(await readAs(x.people.mentee.claims, sql, both())).toBe(1);
		expect(await readAs(x.people.mentor.claims, sql, both())).toBe(1);
		for (const claims of [
			x.people.coordinator.claims,
			x.people.supporter.claims,
			x.people.observer.claims,
			other.people.coordinator.claims,
			stranger.claims
		])
			expect(await readAs(claims, sql, both())).toBe(0);
		expect(await readAs(null, sql, both())).toBe('denied');
	});

	it('only the respondent answers, once; the answer time is the database’s', async () => {
		const set =
			'update public.checkins set satisfaction = 5, progress = 5 where id = $1 returning 1';
		expect(await writes(x.people.coordinator.claims, set, [rows.menteeCheckin])).toBe(false);
		expect(await writes(x.people.mentor.claims, set, [rows.menteeCheckin])).toBe(false);
		expect(
			await writes(
				x.people.mentee.claims,
				'update public.checkins set answered_at = now() where id = $1 returning 1',
				[rows.menteeCheckin]
			)
		).toBe(false);
		await answerCheckin(db, x.people.mentee.claims, rows.menteeCheckin, {
			satisfaction: 4,
			progress: 2,
			comment: 'fine'
		});
		const [row] = await db.asService((tx) =>
			tx.query<{ answered_at: Date | null; satisfaction: number }>(
				'select answered_at, satisfaction from public.checkins where id = $1',
				[rows.menteeCheckin]
			)
		);
		expect(row.answered_at).not.toBeNull();
		expect(row.satisfaction).toBe(4);
		await expect(
			answerCheckin(db, x.people.mentee.claims, rows.menteeCheckin, {
				satisfaction: 1,
				progress: 1,
				comment: ''
			})
		).rejects.toMatchObject({ key: 'checkin_answered' });
		await expect(
			answerCheckin(db, x.people.mentor.claims, rows.menteeCheckin, {
				satisfaction: 1,
				progress: 1,
				comment: ''
			})
		).rejects.toBeInstanceOf(DomainError);
		// Nobody inserts or deletes a check-in through the API: the scan makes them.
		expect(
			await writes(
				x.people.mentee.claims,
				`insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion, phase)
				 values ($1, $2, auth.uid(), 'mentee', 'end', 'BR')`,
				[x.program.id, pair]
			)
		).toBe(false);
		expect(
			await writes(
				x.people.mentee.claims,
				'delete from public.checkins where id = $1 returning 1',
				[rows.menteeCheckin]
			)
		).toBe(false);
	});

	it('the scan sends each check-in once: first, every N days, at the end', async () => {
		const staffed = await buildStaffedProgram(db);
		const pairId = await db.asService((tx) =>
			insertPair(tx, {
				programId: staffed.program.id,
				mentorId: staffed.people.mentor.id,
				menteeId: staffed.people.mentee.id
			})
		);
		const t0 = new Date('2026-10-01T10:00:00Z');
		const day = 86_400_000;
		const scan = (at: Date) => db.asService((tx) => checkinScan(tx, at));
		const count = () =>
			db.asService((tx) =>
				tx.query<{ occasion: string; round: number; n: number }>(
					`select occasion, round, count(*)::int as n from public.checkins where pair_id = $1
					 group by occasion, round order by min(sent_at)`,
					[pairId]
				)
			);
		// No held meeting: nothing.
		expect(await scan(t0)).toBe(0);
		await db.asService((tx) =>
			tx.query('update public.meetings set held_at = $2 where pair_id = $1 and number = 1', [
				pairId,
				t0
			])
		);
		expect(await scan(new Date(t0.getTime() + day))).toBe(2);
		expect(await scan(new Date(t0.getTime() + 2 * day))).toBe(0);
		// Two instances scanning at once still send it once.
		await Promise.all([
			scan(new Date(t0.getTime() + 3 * day)),
			scan(new Date(t0.getTime() + 3 * day))
		]);
		expect(await scan(new Date(t0.getTime() + 61 * day))).toBe(2);
		expect(await scan(new Date(t0.getTime() + 62 * day))).toBe(0);
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'ended', ended_at = $2 where id = $1", [
				pairId,
				new Date(t0.getTime() + 70 * day)
			])
		);
		expect(await scan(new Date(t0.getTime() + 71 * day))).toBe(2);
		expect(await scan(new Date(t0.getTime() + 72 * day))).toBe(0);
		expect(await count()).toEqual([
			{ occasion: 'first', round: 0, n: 2 },
			{ occasion: 'periodic', round: 1, n: 2 },
			{ occasion: 'end', round: 0, n: 2 }
		]);
		const notes = await db.asService((tx) =>
			tx.query<{ user_id: string; link: string }>(
				"select user_id, link from public.notifications where kind = 'checkin_due' and pair_id = $1",
				[pairId]
			)
		);
		expect(notes).toHaveLength(6);
		expect(notes.every((n) => n.link.startsWith('/checkins/'))).toBe(true);
		// A mail for each (reminders are mailed at once by default), each once.
		const mails = await db.asService((tx) =>
			tx.query<{ n: number }>(
				`select count(*)::int as n from public.jobs
				 where kind = 'notification.mail' and (payload ->> 'notificationId')::uuid in (
					select id from public.notifications where kind = 'checkin_due' and pair_id = $1)`,
				[pairId]
			)
		);
		expect(mails[0].n).toBe(6);
		expect(REMINDER_SCANS).toContain(checkinScan);
	});

	it('aggregates reach the coordinator only, suppressed below the minimum group size', async () => {
		const staffed = await buildStaffedProgram(db);
		const pairId = await buildPairWithContent(db, staffed);
		const answer = async (phase: string, satisfaction: number, progress: number) => {
			const person = await buildUser(db);
			await db.asService((tx) =>
				tx.query(
					`insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion, phase,
						satisfaction, progress, answered_at)
					 values ($1, $2, $3, 'mentee', 'first', $4, $5, $6, '2026-10-15T10:00:00Z')`,
					[staffed.program.id, pairId, person.id, phase, satisfaction, progress]
				)
			);
		};
		for (let i = 0; i < 4; i++) await answer('BR', 4, 3);
		const summary = () =>
			loadCheckinSummary(db, staffed.people.coordinator.claims, staffed.program.id, 5);
		let s = await summary();
		expect(s.periods).toEqual([
			{
				category: '2026-Q4',
				respondents: null,
				satisfaction: null,
				progress: null,
				suppressed: true
			}
		]);
		expect(s.phases.every((c) => c.suppressed && c.satisfaction === null)).toBe(true);
		await answer('BR', 2, 3);
		await answer('SD', 5, 5);
		s = await summary();
		expect(s.periods[0]).toMatchObject({ respondents: 6, suppressed: false });
		expect(s.periods[0].satisfaction).toBeCloseTo((4 * 4 + 2 + 5) / 6, 1);
		// BR (5 people) would be publishable, but SD (1) could then be recomputed from the quarter:
		// complementary suppression hides BR too.
		expect(s.phases.find((c) => c.category === 'SD')).toMatchObject({ suppressed: true });
		expect(s.phases.find((c) => c.category === 'BR')).toMatchObject({ suppressed: true });
		for (let i = 0; i < 4; i++) await answer('SD', 1, 1);
		await answer('BR', 5, 3);
		s = await summary();
		// The empty phases (P, WU, MO) are suppressed cells with nobody behind them, so the smallest
		// published cell (SD, 5 people) is hidden as well; BR (6) stays.
		expect(s.phases.find((c) => c.category === 'BR')).toMatchObject({
			respondents: 6,
			satisfaction: 3.8,
			progress: 3,
			suppressed: false
		});
		expect(s.phases.find((c) => c.category === 'SD')).toMatchObject({
			respondents: null,
			suppressed: true
		});
		// Anyone else: no row at all.
		for (const claims of [
			staffed.people.supporter.claims,
			staffed.people.mentor.claims,
			staffed.people.mentee.claims,
			x.people.coordinator.claims
		]) {
			const other = await loadCheckinSummary(db, claims, staffed.program.id, 5);
			expect(other.periods).toEqual([]);
			expect(other.phases).toEqual([]);
		}
		await expect(
			db.asUser(null, (tx) =>
				tx.query('select * from public.care_checkin_summary($1)', [staffed.program.id])
			)
		).rejects.toThrow(/permission denied/);
	});
});

describe(`concerns (${testEngine()})`, () => {
	const sql = 'select * from public.concerns where id = $1';

	it('are read by their raiser and the coordinators, nobody else', async () => {
		const id = [rows.concern];
		expect(await readAs(x.people.mentee.claims, sql, id)).toBe(1);
		expect(await readAs(x.people.coordinator.claims, sql, id)).toBe(1);
		for (const claims of [
			x.people.mentor.claims,
			x.people.supporter.claims,
			x.people.observer.claims,
			other.people.coordinator.claims,
			other.people.mentee.claims,
			stranger.claims
		])
			expect(await readAs(claims, sql, id)).toBe(0);
		expect(await readAs(null, sql, id)).toBe('denied');
	});

	it('are raised by a person of the pair as themselves, in their own role and programme', async () => {
		const insert = (role: string, program: string, by = 'auth.uid()') =>
			`insert into public.concerns (program_id, pair_id, raised_by, raiser_role, reason, urgency)
			 values ('${program}', '${pair}', ${by}, '${role}', 'Why', 'urgent') returning 1`;
		expect(await writes(x.people.mentor.claims, insert('mentor', x.program.id))).toBe(true);
		expect(await writes(x.people.mentor.claims, insert('mentee', x.program.id))).toBe(false);
		expect(await writes(x.people.mentor.claims, insert('mentor', other.program.id))).toBe(false);
		expect(
			await writes(
				x.people.mentor.claims,
				insert('mentor', x.program.id, `'${x.people.mentee.id}'`)
			)
		).toBe(false);
		for (const claims of [
			x.people.coordinator.claims,
			x.people.supporter.claims,
			x.people.observer.claims,
			other.people.mentor.claims,
			stranger.claims,
			null
		])
			expect(await writes(claims, insert('mentor', x.program.id))).toBe(false);
		// The coordinator sets the status, nothing else; nobody deletes.
		expect(
			await writes(
				x.people.coordinator.claims,
				"update public.concerns set reason = 'x' where id = $1 returning 1",
				[rows.concern]
			)
		).toBe(false);
		for (const claims of [
			x.people.mentee.claims,
			x.people.supporter.claims,
			other.people.coordinator.claims
		])
			expect(
				await writes(
					claims,
					"update public.concerns set status = 'closed' where id = $1 returning 1",
					[rows.concern]
				)
			).toBe(false);
		for (const claims of [x.people.coordinator.claims, x.people.mentee.claims])
			expect(
				await writes(claims, 'delete from public.concerns where id = $1 returning 1', [
					rows.concern
				])
			).toBe(false);
	});

	it('notify the coordinators at once, whatever their preferences, and log no reason', async () => {
		const staffed = await buildStaffedProgram(db);
		const pairId = await buildPairWithContent(db, staffed);
		await db.asService((tx) =>
			tx.query("insert into public.notification_preferences (user_id, pair) values ($1, 'off')", [
				staffed.people.coordinator.id
			])
		);
		const made = await raiseConcern(db, staffed.people.mentor.claims, staffed.program.id, {
			pairId,
			reason: 'Something at home the mentee told me',
			urgency: 'urgent'
		});
		expect(made.programId).toBe(staffed.program.id);
		// A pair of another programme, named through this programme's page: not found, nothing written.
		await expect(
			raiseConcern(db, staffed.people.mentor.claims, x.program.id, {
				pairId,
				reason: 'x',
				urgency: 'soon'
			})
		).rejects.toMatchObject({ key: 'not_found' });
		const [note] = await db.asService((tx) =>
			tx.query<{ id: string; user_id: string; params: Record<string, string> }>(
				"select id, user_id, params from public.notifications where kind = 'concern_raised' and program_id = $1",
				[staffed.program.id]
			)
		);
		expect(note.user_id).toBe(staffed.people.coordinator.id);
		expect(note.params).toEqual({ urgency: 'urgent' });
		const mailer = createOutboxMailer(db, log);
		const work = notificationJobs({ mailer, origin: 'http://mentorpad.test' });
		await createJobRunner({ db, log, handlers: work.handlers, intervalMs: 0 }).tick();
		const mails = await db.asService((tx) =>
			tx.query<{ body_text: string }>(
				'select body_text from public.mail_outbox where to_email = $1',
				[staffed.people.coordinator.email]
			)
		);
		expect(mails).toHaveLength(1);
		expect(mails[0].body_text).not.toContain('Something at home');
		const audit = await db.asService((tx) =>
			tx.query<{ action: string; details: Record<string, string> }>(
				"select action, details from public.audit_events where entity_type = 'concern' and entity_id = $1",
				[made.id]
			)
		);
		expect(audit).toEqual([
			{ action: 'concern.raise', details: { urgency: 'urgent', role: 'mentor' } }
		]);
		// The other person of the pair is not told, and does not see it.
		expect(await listConcerns(db, staffed.people.mentee.claims, staffed.program.id)).toEqual([]);
		expect(await listConcerns(db, staffed.people.mentor.claims, staffed.program.id)).toHaveLength(
			1
		);

		await setConcernStatus(
			{ db, claims: staffed.people.coordinator.claims },
			staffed.program.id,
			made.id,
			'in_progress'
		);
		const [row] = await listConcerns(db, staffed.people.coordinator.claims, staffed.program.id);
		expect(row).toMatchObject({ status: 'in_progress', raiserRole: 'mentor' });
		expect(row.statusChangedAt).not.toBeNull();
		const told = await db.asService((tx) =>
			tx.query<{ params: Record<string, string> }>(
				"select params from public.notifications where kind = 'concern_status' and user_id = $1",
				[staffed.people.mentor.id]
			)
		);
		expect(told).toEqual([{ params: { status: 'in_progress' } }]);
		await expect(
			setConcernStatus(
				{ db, claims: staffed.people.mentor.claims },
				staffed.program.id,
				made.id,
				'closed'
			)
		).rejects.toMatchObject({ key: 'not_found' });
		await expect(
			raiseConcern(db, staffed.people.coordinator.claims, staffed.program.id, {
				pairId,
				reason: 'x',
				urgency: 'soon'
			})
		).rejects.toMatchObject({ key: 'not_found' });
	});
});

describe(`support meetings (${testEngine()})`, () => {
	const sql = 'select * from public.support_meetings where id = $1';

	it('are read by the coordinators and the mentor’s own supporter, never the mentor', async () => {
		const id = [rows.supportMeeting];
		expect(await readAs(x.people.coordinator.claims, sql, id)).toBe(1);
		expect(await readAs(x.people.supporter.claims, sql, id)).toBe(1);
		for (const claims of [
			x.people.mentor.claims,
			x.people.mentee.claims,
			x.people.observer.claims,
			otherSupporter.claims,
			other.people.coordinator.claims,
			other.people.supporter.claims,
			stranger.claims
		])
			expect(await readAs(claims, sql, id)).toBe(0);
		expect(await readAs(null, sql, id)).toBe('denied');
	});

	it('are written by the coordinators only, about a mentor of their programme', async () => {
		const insert = (mentor: string) =>
			`insert into public.support_meetings (program_id, mentor_id, met_on, note, created_by)
			 values ('${x.program.id}', '${mentor}', '2026-11-01', 'n', auth.uid()) returning 1`;
		expect(await writes(x.people.coordinator.claims, insert(x.people.mentor.id))).toBe(true);
		expect(await writes(x.people.coordinator.claims, insert(x.people.mentee.id))).toBe(false);
		for (const claims of [
			x.people.supporter.claims,
			x.people.mentor.claims,
			other.people.coordinator.claims,
			null
		])
			expect(await writes(claims, insert(x.people.mentor.id))).toBe(false);
		expect(
			await writes(
				x.people.supporter.claims,
				"update public.support_meetings set note = 'x' where id = $1 returning 1",
				[rows.supportMeeting]
			)
		).toBe(false);

		const id = await recordSupportMeeting(db, x.people.coordinator.claims, x.program.id, {
			mentorId: x.people.mentor.id,
			metOn: '2026-11-02',
			note: 'Talked about pacing',
			followUp: 'Check in December'
		});
		const view = await listSupportMeetings(db, x.people.supporter.claims, x.program.id, {
			withMentors: false
		});
		expect(view.meetings.map((m) => m.id)).toContain(id);
		const mentorView = await listSupportMeetings(db, x.people.mentor.claims, x.program.id, {
			withMentors: false
		});
		expect(mentorView.meetings).toEqual([]);
		await expect(
			recordSupportMeeting(db, x.people.supporter.claims, x.program.id, {
				mentorId: x.people.mentor.id,
				metOn: '2026-11-02',
				note: '',
				followUp: ''
			})
		).rejects.toMatchObject({ key: 'forbidden' });
	});
});

describe(`care demo data (${testEngine()})`, () => {
	it('gives the demo mentee an open check-in and the coordinator charts above the minimum', async () => {
		const { seedDemo } = await import('$lib/server/demo/seed');
		const demo = await createTestDatabase();
		try {
			await seedDemo(demo);
			const [ids] = await demo.asService((tx) =>
				tx.query<{ mentee: string; coordinator: string; program: string }>(
					`select (select id from public.profiles where email = 'mentee1@example.org') as mentee,
						(select id from public.profiles where email = 'coordinator@example.org') as coordinator,
						(select id from public.programs where kind = 'youth') as program`
				)
			);
			const claims = (sub: string): JwtClaims => ({ sub, role: 'authenticated' });
			const open = await demo.asUser(claims(ids.mentee), (tx) =>
				tx.query('select id from public.checkins where answered_at is null')
			);
			expect(open).toHaveLength(1);
			const summary = await loadCheckinSummary(demo, claims(ids.coordinator), ids.program, 5);
			expect(summary.periods.some((c) => !c.suppressed)).toBe(true);
			expect(summary.phases.some((c) => !c.suppressed)).toBe(true);
		} finally {
			await demo.close();
		}
	});
});
