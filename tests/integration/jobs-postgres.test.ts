import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import { migrate } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/types';
import { enqueue } from '$lib/server/jobs/queue';
import { createJobRunner, type JobHandler } from '$lib/server/jobs/runner';
import { createLogger } from '$lib/server/log';
import { notify } from '$lib/server/notifications/notify';
import { buildUser } from '../factories';
import { createPostgresDatabaseForTest, testEngine } from '../helpers/db';

const log = createLogger('silent');

/** Several app instances on one PostgreSQL: each job runs once, also when one is killed. */
describe.skipIf(testEngine() !== 'postgres')('job runner on PostgreSQL, several instances', () => {
	let url: string;
	let a: Database;
	let b: Database;
	const children = new Set<ChildProcess>();

	beforeAll(async () => {
		url = await createPostgresDatabaseForTest();
		a = createPostgresDatabase({ connectionString: url, max: 4 });
		b = createPostgresDatabase({ connectionString: url, max: 4 });
		await migrate(a);
	});
	afterAll(async () => {
		for (const child of children) child.kill('SIGKILL');
		await a?.close();
		await b?.close();
	});

	it('two runners with their own pools run each of 200 jobs exactly once', async () => {
		const ran = new Map<string, string[]>();
		const handler =
			(worker: string): JobHandler =>
			async (job) => {
				ran.set(job.id, [...(ran.get(job.id) ?? []), worker]);
				await new Promise((resolve) => setImmediate(resolve));
			};
		await a.asService(async (tx) => {
			for (let i = 0; i < 200; i++) await enqueue(tx, { kind: 'count', key: `count-${i}` });
		});
		const runners = ['one', 'two'].map((worker, i) =>
			createJobRunner({
				db: i === 0 ? a : b,
				log,
				handlers: { count: handler(worker) },
				intervalMs: 0,
				batchSize: 5,
				workerId: worker
			})
		);
		const counts = await Promise.all(runners.map((runner) => runner.tick()));
		expect(counts[0] + counts[1]).toBe(200);
		expect(ran.size).toBe(200);
		expect([...ran.values()].every((workers) => workers.length === 1)).toBe(true);
		// Both took part (skip locked let them share the work instead of waiting).
		expect(counts[0]).toBeGreaterThan(0);
		expect(counts[1]).toBeGreaterThan(0);
		const open = await a.asService((tx) =>
			tx.query<{ n: number }>(
				"select count(*)::int as n from public.jobs where kind = 'count' and done_at is null"
			)
		);
		expect(open[0].n).toBe(0);
	});

	/** Starts the runner in a child process; resolves once it says it is ready. */
	function startChild(worker: string): Promise<ChildProcess> {
		const child = spawn(process.execPath, ['tests/helpers/job-child.mjs'], {
			env: { ...process.env, DATABASE_URL: url, WORKER_ID: worker, LEASE_MS: '1500' },
			stdio: ['ignore', 'pipe', 'inherit']
		});
		children.add(child);
		return new Promise((resolve, reject) => {
			child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
			child.stdout!.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('ready')) resolve(child);
			});
		});
	}

	const outboxCount = async () =>
		(
			await a.asService((tx) =>
				tx.query<{ n: number }>(
					"select count(*)::int as n from public.mail_outbox where kind = 'notification.pair_stalled'"
				)
			)
		)[0].n;

	it('after kill -9 mid-batch and a restart, every reminder is mailed exactly once', async () => {
		const people = [];
		for (let i = 0; i < 60; i++) people.push(await buildUser(a));
		for (const person of people) {
			await notify(a, {
				kind: 'pair_stalled',
				recipients: [person.id],
				link: '/pairs',
				params: { days: 21 },
				key: 'pair-stalled:test'
			});
		}
		const first = await startChild('first');
		// A positive signal that it is mid-batch: some mails kept, not all.
		await expect.poll(outboxCount, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(15);
		const exited = new Promise((resolve) => first.once('exit', resolve));
		first.kill('SIGKILL');
		await exited;
		children.delete(first);
		expect(await outboxCount()).toBeLessThan(60);
		// The same reminder scanned again (another instance, a retry) adds nothing.
		for (const person of people.slice(0, 10)) {
			const again = await notify(a, {
				kind: 'pair_stalled',
				recipients: [person.id],
				link: '/pairs',
				key: 'pair-stalled:test'
			});
			expect(again).toEqual([]);
		}
		await startChild('second');
		await expect
			.poll(
				async () =>
					(
						await a.asService((tx) =>
							tx.query<{ n: number }>(
								"select count(*)::int as n from public.jobs where kind = 'notification.mail' and done_at is null"
							)
						)
					)[0].n,
				{ timeout: 60_000, interval: 50 }
			)
			.toBe(0);
		const perPerson = await a.asService((tx) =>
			tx.query<{ to: string; n: number }>(
				`select to_email as to, count(*)::int as n from public.mail_outbox
				 where kind = 'notification.pair_stalled' group by to_email`
			)
		);
		expect(perPerson).toHaveLength(60);
		expect(perPerson.every((row) => row.n === 1)).toBe(true);
		const notified = await a.asService((tx) =>
			tx.query<{ n: number }>(
				"select count(*)::int as n from public.notifications where kind = 'pair_stalled' and emailed_at is not null"
			)
		);
		expect(notified[0].n).toBe(60);
	});
});
