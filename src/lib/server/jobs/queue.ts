import type { SqlValue, Tx } from '$lib/server/db/types';

/** A job to put in the queue. */
export interface JobInput {
	kind: string;
	payload?: Record<string, unknown>;
	/**
	 * Idempotency key: a second job with the same key is not enqueued (a reminder is sent once,
	 * a schedule slot runs once however many instances enqueue it).
	 */
	key?: string;
	/** When it may run; now when left out. */
	runAt?: Date;
	/** The programme the job is about, for the coordinator's status panel. */
	programId?: string | null;
	maxAttempts?: number;
}

/**
 * Puts a job in the queue inside the caller's (service) transaction, so a job exists exactly when
 * the change that asks for it commits. Returns false when a job with the same key exists.
 */
export async function enqueue(tx: Tx, job: JobInput): Promise<boolean> {
	const rows = await tx.query<{ id: string }>(
		`insert into public.jobs (kind, payload, key, run_at, program_id, max_attempts)
		 values ($1, $2, $3, coalesce($4::timestamptz, now()), $5, $6)
		 on conflict (key) do nothing returning id`,
		[
			job.kind,
			(job.payload ?? {}) as SqlValue,
			job.key ?? null,
			job.runAt ?? null,
			job.programId ?? null,
			job.maxAttempts ?? 5
		]
	);
	return rows.length > 0;
}

/** Several jobs in one statement (a scan that finds many reminders). */
export async function enqueueMany(tx: Tx, jobs: JobInput[]): Promise<number> {
	if (jobs.length === 0) return 0;
	const rows = await tx.query<{ id: string }>(
		`insert into public.jobs (kind, payload, key, run_at, program_id, max_attempts)
		 select j.kind, j.payload, j.key, coalesce(j.run_at, now()), j.program_id, coalesce(j.max_attempts, 5)
		 from jsonb_to_recordset($1::jsonb) as j(kind text, payload jsonb, key text, run_at timestamptz,
			program_id uuid, max_attempts integer)
		 on conflict (key) do nothing returning id`,
		[
			// As JSON text: the drivers would send an array as a PostgreSQL array.
			JSON.stringify(
				jobs.map((job) => ({
					kind: job.kind,
					payload: job.payload ?? {},
					key: job.key ?? null,
					run_at: job.runAt?.toISOString() ?? null,
					program_id: job.programId ?? null,
					max_attempts: job.maxAttempts ?? null
				}))
			)
		]
	);
	return rows.length;
}
