import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createLocalFileStore } from '$lib/server/files';
import { createJobRunner } from '$lib/server/jobs/runner';
import { enqueue } from '$lib/server/jobs/queue';
import { createLogger } from '$lib/server/log';
import type { Mailer, MailMessage } from '$lib/server/mail/mailer';
import {
	decideErasure,
	erasePerson,
	purgeProgram,
	requestErasure,
	rightsJobs,
	RETENTION_PURGE_JOB,
	RightsError
} from '$lib/server/rights';
import {
	buildMembership,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase } from '../helpers/db';

const log = createLogger('silent');
let db: Database;
let dir: string;
const sent: MailMessage[] = [];
const mailer: Mailer = {
	kind: 'outbox',
	async send(message) {
		if (message.key && sent.some((m) => m.key === message.key)) return;
		sent.push(message);
	}
};

beforeAll(async () => {
	db = await createTestDatabase();
	dir = await mkdtemp(join(tmpdir(), 'rights-retention-'));
});
afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const runnerAt = (clock: { now: Date }) => {
	const work = rightsJobs({ files: createLocalFileStore(dir), mailer, origin: 'https://x.test' });
	return createJobRunner({
		db,
		log,
		handlers: work.handlers,
		schedules: work.schedules,
		intervalMs: 0,
		now: () => clock.now
	});
};

const count = async (sql: string, params: string[] = []) =>
	(
		await db.asService((tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)
		)
	)[0].n;

describe('retention', () => {
	let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
	let elsewhere: BuiltUser;

	beforeAll(async () => {
		staffed = await buildStaffedProgram(db);
		await buildPairWithContent(db, staffed);
		// The observer is also in a programme that goes on: their account stays.
		const running = await buildStaffedProgram(db);
		elsewhere = staffed.people.observer;
		await buildMembership(db, running.program.id, elsewhere, 'observer');
		// Ended 2026-01-31; kept 12 months: due 2027-01-31.
		await db.asService((tx) =>
			tx.query(
				"update public.programs set starts_on = '2025-09-01', ends_on = '2026-01-31', retention_months = 12 where id = $1",
				[staffed.program.id]
			)
		);
	});

	it('warns 30 days before, deletes once after, and not again after a restart', async () => {
		const clock = { now: new Date('2026-12-15T08:00:00Z') };
		// 47 days before: nothing yet.
		await runnerAt(clock).tick();
		expect(sent).toHaveLength(0);

		// 30 days before: the coordinator is warned (once, however often the scan runs).
		clock.now = new Date('2027-01-01T08:00:00Z');
		await runnerAt(clock).tick();
		clock.now = new Date('2027-01-02T08:00:00Z');
		await runnerAt(clock).tick();
		expect(sent.map((m) => m.to)).toEqual([staffed.people.coordinator.email]);
		expect(sent[0].text).toContain('2027-01-31');
		expect(await count('public.pairs where program_id = $1', [staffed.program.id])).toBe(1);

		// The due date: the deletion runs.
		clock.now = new Date('2027-02-01T08:00:00Z');
		await runnerAt(clock).tick();
		expect(await count('public.pairs where program_id = $1', [staffed.program.id])).toBe(0);
		expect(
			await count("public.memberships where program_id = $1 and role <> 'coordinator'", [
				staffed.program.id
			])
		).toBe(0);
		for (const role of ['mentor', 'mentee', 'supporter'] as const) {
			expect(await count('auth.users where id = $1', [staffed.people[role].id]), role).toBe(0);
		}
		expect(await count('auth.users where id = $1', [elsewhere.id])).toBe(1);
		expect(await count('auth.users where id = $1', [staffed.people.coordinator.id])).toBe(1);
		expect(await count('public.retention_runs where purged_at is not null')).toBe(1);

		// A restart (a new runner), a later scan, the job enqueued again: nothing runs twice.
		clock.now = new Date('2027-02-02T08:00:00Z');
		await runnerAt(clock).tick();
		const again = await db.asService((tx) =>
			enqueue(tx, {
				kind: RETENTION_PURGE_JOB,
				key: `${RETENTION_PURGE_JOB}:${staffed.program.id}`,
				payload: { programId: staffed.program.id }
			})
		);
		expect(again).toBe(false);
		expect(await purgeProgram({ db }, staffed.program.id)).toBe(false);
		expect(
			await count("public.audit_events where action = 'retention.purge' and program_id = $1", [
				staffed.program.id
			])
		).toBe(1);
		expect(await count(`public.jobs where kind = '${RETENTION_PURGE_JOB}'`)).toBe(1);
		expect(sent).toHaveLength(1);
	});

	it('never deletes sooner than 30 days after a late warning', async () => {
		const late = await buildStaffedProgram(db);
		await db.asService((tx) =>
			tx.query(
				"update public.programs set starts_on = '2024-01-01', ends_on = '2024-06-30', retention_months = 1 where id = $1",
				[late.program.id]
			)
		);
		const clock = { now: new Date('2027-03-01T08:00:00Z') };
		await runnerAt(clock).tick();
		expect(sent.some((m) => m.to === late.people.coordinator.email)).toBe(true);
		clock.now = new Date('2027-03-20T08:00:00Z');
		await runnerAt(clock).tick();
		expect(await count('public.memberships where program_id = $1', [late.program.id])).toBe(5);
		clock.now = new Date('2027-04-01T08:00:00Z');
		await runnerAt(clock).tick();
		expect(await count('public.memberships where program_id = $1', [late.program.id])).toBe(1);
	});
});

describe('erasure requests', () => {
	it('is automatic without a pair, decided by the coordinator with one', async () => {
		// A clock just ahead of the database's, so the jobs just enqueued are due.
		const later = () => ({ now: new Date(Date.now() + 60_000) });
		// Alone: nothing shared, so the erasure runs without a decision.
		const loner = await buildUser(db);
		const program = await buildStaffedProgram(db);
		await buildMembership(db, program.program.id, loner, 'mentee');
		expect((await requestErasure(db, loner.claims, '')).automatic).toBe(true);
		await runnerAt(later()).tick();
		expect(await count('auth.users where id = $1', [loner.id])).toBe(0);

		// In a pair: the coordinator decides; refusing needs nothing else, confirming erases.
		const staffed = await buildStaffedProgram(db);
		await buildPairWithContent(db, staffed);
		const mentee = staffed.people.mentee;
		const first = await requestErasure(db, mentee.claims, 'Ik stop', { mailer });
		expect(first.automatic).toBe(false);
		expect(sent.at(-1)?.to).toBe(staffed.people.coordinator.email);
		await expect(requestErasure(db, mentee.claims, '')).rejects.toBeInstanceOf(RightsError);
		await expect(
			decideErasure(
				{ db, claims: staffed.people.mentor.claims },
				staffed.program.id,
				first.id,
				'confirmed',
				''
			)
		).rejects.toBeInstanceOf(RightsError);
		await decideErasure(
			{ db, claims: staffed.people.coordinator.claims },
			staffed.program.id,
			first.id,
			'refused',
			'Er loopt een melding'
		);
		await runnerAt(later()).tick();
		expect(await count('auth.users where id = $1', [mentee.id])).toBe(1);

		const second = await requestErasure(db, mentee.claims, 'Toch stoppen');
		await decideErasure(
			{ db, claims: staffed.people.coordinator.claims },
			staffed.program.id,
			second.id,
			'confirmed',
			''
		);
		await runnerAt(later()).tick();
		expect(await count('auth.users where id = $1', [mentee.id])).toBe(0);
		const trail = await db.asUser(staffed.people.coordinator.claims, (tx) =>
			tx.query<{ action: string }>(
				'select action from public.audit_events where program_id = $1 order by id',
				[staffed.program.id]
			)
		);
		expect(trail.map((e) => e.action)).toEqual([
			'erasure.request',
			'erasure.refuse',
			'erasure.request',
			'erasure.confirm',
			'person.erase'
		]);
		// A second erasure of the same person is nothing to do.
		expect(await erasePerson({ db }, mentee.id)).toBeNull();
	});
});
