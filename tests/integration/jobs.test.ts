import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { enqueue } from '$lib/server/jobs/queue';
import { backoffDelay, createJobRunner, type JobHandler } from '$lib/server/jobs/runner';
import { createLogger } from '$lib/server/log';
import { buildUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

const log = createLogger('silent');

/** The durable job runner on the engine of this run: enqueue, run, retry, keys, leases. */
describe(`job runner (${testEngine()})`, () => {
	let db: Database;
	let clock: Date;
	const now = () => clock;
	const runs: string[] = [];
	let failuresLeft = 0;
	const handlers: Record<string, JobHandler> = {
		record: async (job) => {
			runs.push(String(job.payload.name));
		},
		flaky: async (job) => {
			runs.push(`flaky#${job.attempt}`);
			if (failuresLeft > 0) {
				failuresLeft -= 1;
				throw new Error('temporary trouble');
			}
		}
	};
	const runner = (workerId = 'test-runner') =>
		createJobRunner({
			db,
			log,
			handlers,
			intervalMs: 0,
			backoffMs: 1000,
			maxBackoffMs: 60_000,
			leaseMs: 10_000,
			workerId,
			now
		});
	const job = async (id: string) =>
		(
			await db.asService((tx) =>
				tx.query<{
					attempts: number;
					done: boolean;
					lastError: string | null;
					runAt: Date;
				}>(
					`select attempts, done_at is not null as done, last_error as "lastError", run_at as "runAt"
					 from public.jobs where key = $1`,
					[id]
				)
			)
		)[0];

	beforeAll(async () => {
		db = await createTestDatabase();
		clock = new Date();
	});
	afterAll(async () => {
		await db?.close();
	});

	it('runs an enqueued job once and marks it done', async () => {
		runs.length = 0;
		await db.asService((tx) =>
			enqueue(tx, { runAt: clock, kind: 'record', key: 'a', payload: { name: 'a' } })
		);
		expect(await runner().tick()).toBe(1);
		expect(runs).toEqual(['a']);
		expect((await job('a')).done).toBe(true);
		expect(await runner().tick()).toBe(0);
		expect(runs).toEqual(['a']);
	});

	it('does not enqueue a second job with the same key', async () => {
		const first = await db.asService((tx) =>
			enqueue(tx, { runAt: clock, kind: 'record', key: 'same', payload: { name: 's' } })
		);
		const second = await db.asService((tx) =>
			enqueue(tx, { runAt: clock, kind: 'record', key: 'same', payload: { name: 's' } })
		);
		expect([first, second]).toEqual([true, false]);
		runs.length = 0;
		await runner().tick();
		expect(runs).toEqual(['s']);
	});

	it('retries a failed job with exponential backoff and keeps its error', async () => {
		runs.length = 0;
		failuresLeft = 2;
		await db.asService((tx) => enqueue(tx, { runAt: clock, kind: 'flaky', key: 'flaky' }));
		await runner().tick();
		let state = await job('flaky');
		expect(state).toMatchObject({
			attempts: 1,
			done: false,
			lastError: 'Error: temporary trouble'
		});
		expect(new Date(state.runAt).getTime()).toBe(clock.getTime() + backoffDelay(1, 1000, 60_000));
		// Not before its time.
		expect(await runner().tick()).toBe(0);
		clock = new Date(clock.getTime() + 1000);
		await runner().tick();
		state = await job('flaky');
		expect(state.attempts).toBe(2);
		expect(new Date(state.runAt).getTime()).toBe(clock.getTime() + 2000);
		clock = new Date(clock.getTime() + 2000);
		await runner().tick();
		expect((await job('flaky')).done).toBe(true);
		expect(runs).toEqual(['flaky#1', 'flaky#2', 'flaky#3']);
	});

	it('gives a job up after its attempts', async () => {
		failuresLeft = 100;
		await db.asService((tx) =>
			enqueue(tx, { runAt: clock, kind: 'flaky', key: 'doomed', maxAttempts: 2 })
		);
		await runner().tick();
		clock = new Date(clock.getTime() + 60_000);
		await runner().tick();
		clock = new Date(clock.getTime() + 60_000);
		expect(await runner().tick()).toBe(0);
		expect(await job('doomed')).toMatchObject({ attempts: 2, done: false });
		failuresLeft = 0;
	});

	it('takes over a job whose runner died, after its lease', async () => {
		runs.length = 0;
		await db.asService((tx) =>
			enqueue(tx, { runAt: clock, kind: 'record', key: 'orphan', payload: { name: 'o' } })
		);
		// A runner claimed it and died: the lock stays until locked_until.
		await db.asService((tx) =>
			tx.query(
				`update public.jobs set locked_by = 'dead', locked_until = $1, attempts = 1 where key = 'orphan'`,
				[new Date(clock.getTime() + 10_000)]
			)
		);
		expect(await runner().tick()).toBe(0);
		clock = new Date(clock.getTime() + 10_001);
		expect(await runner().tick()).toBe(1);
		expect(runs).toEqual(['o']);
		expect(await job('orphan')).toMatchObject({ attempts: 2, done: true });
	});

	it('enqueues a schedule slot once however many runners tick', async () => {
		const ticks: string[] = [];
		const scheduled = (workerId: string) =>
			createJobRunner({
				db,
				log,
				handlers: { every: async (j) => void ticks.push(String(j.payload.slot)) },
				schedules: [{ kind: 'every', everyMs: 60_000 }],
				intervalMs: 0,
				workerId,
				now
			});
		const [a, b] = [scheduled('a'), scheduled('b')];
		await a.tick();
		await b.tick();
		await a.tick();
		expect(ticks).toHaveLength(1);
		clock = new Date(clock.getTime() + 60_000);
		await b.tick();
		await a.tick();
		expect(ticks).toHaveLength(2);
	});

	it('starts, runs on its interval and stops cleanly', async () => {
		runs.length = 0;
		const live = createJobRunner({ db, log, handlers, intervalMs: 20, now });
		live.start();
		await db.asService((tx) =>
			enqueue(tx, { runAt: clock, kind: 'record', key: 'live', payload: { name: 'live' } })
		);
		await expect.poll(() => runs, { timeout: 10_000 }).toEqual(['live']);
		await live.stop();
	});

	it('keeps the jobs table closed to the API roles', async () => {
		const user = await buildUser(db);
		for (const claims of [user.claims, null]) {
			await expect(
				db.asUser(claims, (tx) => tx.query('select count(*) from public.jobs'))
			).rejects.toThrow(/permission denied/);
			await expect(
				db.asUser(claims, (tx) => tx.query(`insert into public.jobs (kind) values ('record')`))
			).rejects.toThrow(/permission denied/);
		}
	});
});
