import type { Database } from '$lib/server/db/types';

export interface JobStatus {
	/** Jobs about this programme that failed (an attempt) in the last 7 days. */
	failed: number;
	/** The latest failure's message, with addresses and ids taken out. */
	lastError: string | null;
	/** When the reminder scan last finished (all programmes share it). */
	lastScanAt: string | null;
}

/** Takes e-mail addresses and ids out of an error message before a coordinator sees it. */
export function redactError(text: string): string {
	return text
		.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '…@…')
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '…')
		.slice(0, 200);
}

/**
 * The coordinator's status panel. The jobs table is the server's alone, so this reads it as the
 * service: the caller must have checked that the person coordinates the programme.
 */
export async function jobStatus(
	db: Database,
	programId: string,
	scanKind: string,
	now: Date = new Date()
): Promise<JobStatus> {
	const rows = await db.asService((tx) =>
		tx.query<{ failed: number; lastError: string | null; lastScanAt: Date | null }>(
			`select
				(select count(*)::int from public.jobs
				 where program_id = $1 and failed_at > $3::timestamptz - interval '7 days') as failed,
				(select last_error from public.jobs
				 where program_id = $1 and failed_at > $3::timestamptz - interval '7 days'
				 order by failed_at desc limit 1) as "lastError",
				(select max(done_at) from public.jobs where kind = $2) as "lastScanAt"`,
			[programId, scanKind, now]
		)
	);
	const row = rows[0];
	return {
		failed: row.failed,
		lastError: row.lastError ? redactError(row.lastError) : null,
		lastScanAt: row.lastScanAt ? new Date(row.lastScanAt).toISOString() : null
	};
}
