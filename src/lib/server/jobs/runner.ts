import { randomUUID } from 'node:crypto';
import type { Database } from '$lib/server/db/types';
import type { Logger } from '$lib/server/log';
import { enqueueMany, type JobInput } from './queue';

/** A job as its handler receives it. */
export interface Job {
	id: string;
	kind: string;
	payload: Record<string, unknown>;
	key: string | null;
	programId: string | null;
	/** 1 on the first run. */
	attempt: number;
	maxAttempts: number;
}

/**
 * Runs one job. Handlers open their own transactions and must be idempotent: a job whose process
 * dies before it is marked done runs again after its lease (at least once; the keys make the
 * effects once).
 */
export type JobHandler = (job: Job, context: { db: Database; now: Date }) => Promise<void>;

/** A job enqueued for every slot of `everyMs` (keyed by the slot, so instances do not duplicate it). */
export interface Schedule {
	kind: string;
	everyMs: number;
	payload?: Record<string, unknown>;
}

export interface JobRunnerOptions {
	db: Database;
	log: Logger;
	handlers: Record<string, JobHandler>;
	schedules?: Schedule[];
	/** Milliseconds between ticks when started; 0 never starts the timer. */
	intervalMs: number;
	/** Jobs claimed at once. */
	batchSize?: number;
	/** How long a claimed job is this runner's; after that another runner may take it. */
	leaseMs?: number;
	/** The first retry waits this long, each next one twice as long, up to `maxBackoffMs`. */
	backoffMs?: number;
	maxBackoffMs?: number;
	/** The most jobs one tick runs, so a tick ends. */
	maxPerTick?: number;
	/** Done jobs are deleted after this long. */
	keepDoneMs?: number;
	workerId?: string;
	/** The clock (tests move it). */
	now?: () => Date;
}

export interface JobRunner {
	readonly workerId: string;
	/** Enqueues due schedule slots, then runs due jobs until none is left; returns how many ran. */
	tick(): Promise<number>;
	start(): void;
	/** Stops the timer and waits for a running tick to finish. */
	stop(): Promise<void>;
}

interface ClaimedRow {
	id: string;
	kind: string;
	payload: Record<string, unknown>;
	key: string | null;
	programId: string | null;
	attempts: number;
	maxAttempts: number;
}

/** Delay before retry number `attempt` (1-based): exponential with a ceiling. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
	return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The idempotency key of a schedule's slot, e.g. `digest:2026-12-01T17:00:00.000Z`. */
export function slotKey(kind: string, everyMs: number, now: Date): { key: string; at: Date } {
	const at = new Date(Math.floor(now.getTime() / everyMs) * everyMs);
	return { key: `${kind}:${at.toISOString()}`, at };
}

/** Error text kept on a failed job: the message only, bounded (never a payload). */
function errorText(error: unknown): string {
	const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	return text.slice(0, 500);
}

/**
 * The durable job runner: jobs live in `public.jobs`; a runner claims due ones with
 * `for update skip locked` in a short transaction (several instances never claim the same job),
 * runs each outside any transaction and marks it done, or failed with exponential backoff.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
	const {
		db,
		log,
		handlers,
		schedules = [],
		intervalMs,
		batchSize = 10,
		leaseMs = 5 * 60_000,
		backoffMs = 30_000,
		maxBackoffMs = 60 * 60_000,
		maxPerTick = 1000,
		keepDoneMs = 30 * 24 * 60 * 60_000,
		now = () => new Date()
	} = options;
	const workerId = options.workerId ?? `runner-${randomUUID().slice(0, 8)}`;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<number> | null = null;
	let stopped = true;

	async function enqueueSlots(at: Date) {
		if (schedules.length === 0) return;
		const jobs: JobInput[] = schedules.map((schedule) => {
			const slot = slotKey(schedule.kind, schedule.everyMs, at);
			return {
				kind: schedule.kind,
				key: slot.key,
				runAt: slot.at,
				payload: { ...schedule.payload, slot: slot.at.toISOString() }
			};
		});
		await db.asService((tx) => enqueueMany(tx, jobs));
	}

	async function claim(at: Date): Promise<ClaimedRow[]> {
		return db.asService((tx) =>
			tx.query<ClaimedRow>(
				`update public.jobs j set locked_by = $1, locked_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000),
					attempts = j.attempts + 1
				 where j.id in (
					select id from public.jobs
					where done_at is null and attempts < max_attempts and run_at <= $2
						and (locked_until is null or locked_until < $2)
					order by run_at, id
					limit $4
					for update skip locked
				 )
				 returning j.id::text, j.kind, j.payload, j.key, j.program_id as "programId", j.attempts,
					j.max_attempts as "maxAttempts"`,
				[workerId, at, leaseMs, batchSize]
			)
		);
	}

	async function finish(row: ClaimedRow, error: unknown | null) {
		const at = now();
		if (error === null) {
			await db.asService((tx) =>
				tx.query(
					`update public.jobs set done_at = $3, locked_by = null, locked_until = null
					 where id = $1 and locked_by = $2`,
					[row.id, workerId, at]
				)
			);
			return;
		}
		const retryAt = new Date(at.getTime() + backoffDelay(row.attempts, backoffMs, maxBackoffMs));
		await db.asService((tx) =>
			tx.query(
				`update public.jobs set locked_by = null, locked_until = null, last_error = $3,
					failed_at = $4, run_at = $5
				 where id = $1 and locked_by = $2`,
				[row.id, workerId, errorText(error), at, retryAt]
			)
		);
		const fields = { job: row.id, kind: row.kind, attempt: row.attempts, error: errorText(error) };
		if (row.attempts >= row.maxAttempts) log.error('job failed for good', fields);
		else log.warn('job failed, will retry', { ...fields, retryAt: retryAt.toISOString() });
	}

	async function runOne(row: ClaimedRow) {
		const handler = handlers[row.kind];
		let failure: unknown | null = null;
		try {
			if (!handler) throw new Error(`no handler for job kind ${row.kind}`);
			await handler(
				{
					id: row.id,
					kind: row.kind,
					payload: row.payload,
					key: row.key,
					programId: row.programId,
					attempt: row.attempts,
					maxAttempts: row.maxAttempts
				},
				{ db, now: now() }
			);
		} catch (error) {
			failure = error;
		}
		await finish(row, failure);
	}

	async function cleanUp(at: Date) {
		await db.asService((tx) =>
			tx.query('delete from public.jobs where done_at < $1', [new Date(at.getTime() - keepDoneMs)])
		);
	}

	async function doTick(): Promise<number> {
		await enqueueSlots(now());
		let ran = 0;
		while (ran < maxPerTick) {
			const batch = await claim(now());
			if (batch.length === 0) break;
			for (const row of batch) {
				await runOne(row);
				ran += 1;
			}
		}
		await cleanUp(now());
		return ran;
	}

	function tick(): Promise<number> {
		// One tick at a time per runner: a timer tick waits for a test's tick and the other way round.
		const previous = running ?? Promise.resolve(0);
		const next = previous.catch(() => 0).then(doTick);
		running = next;
		const clear = () => {
			if (running === next) running = null;
		};
		next.then(clear, clear);
		return next;
	}

	function schedule() {
		if (stopped || intervalMs <= 0) return;
		timer = setTimeout(() => {
			timer = null;
			tick()
				.catch((error: unknown) => log.warn('job tick failed', { error: errorText(error) }))
				.finally(schedule);
		}, intervalMs);
		timer.unref?.();
	}

	return {
		workerId,
		tick,
		start() {
			if (!stopped) return;
			stopped = false;
			schedule();
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = null;
			await running?.catch(() => 0);
		}
	};
}
