/**
 * The data-rights jobs on the durable runner: building an export, carrying out a confirmed
 * erasure, the daily retention scan (which also removes expired exports) and a programme's
 * retention deletion. Each is idempotent (see the functions they call).
 */
import type { Database } from '$lib/server/db/types';
import type { FileStore } from '$lib/server/files';
import type { JobHandler, Schedule } from '$lib/server/jobs/runner';
import type { Mailer } from '$lib/server/mail/mailer';
import type { LiveDocuments } from './documents';
import { erasePerson } from './erasure';
import { EXPORT_JOB, runExport, type SheetPdfRenderer } from './export';
import { ERASE_JOB } from './requests';
import {
	deleteExpiredExports,
	purgeProgram,
	retentionScan,
	RETENTION_PURGE_JOB,
	RETENTION_SCAN_JOB
} from './retention';

export interface RightsJobsOptions {
	files: FileStore;
	mailer?: Mailer;
	live?: LiveDocuments;
	origin?: string;
	/** After an erasure: end the person's sessions and sockets on this and other instances. */
	onErased?: (userId: string) => void;
	renderSheetPdf?: SheetPdfRenderer;
	/** How often the retention scan runs (daily by default). */
	scanEveryMs?: number;
}

export function rightsJobs(options: RightsJobsOptions): {
	handlers: Record<string, JobHandler>;
	schedules: Schedule[];
} {
	const deps = (db: Database) => ({
		db,
		files: options.files,
		mailer: options.mailer,
		live: options.live,
		origin: options.origin
	});
	return {
		handlers: {
			[EXPORT_JOB]: async (job, { db }) => {
				await runExport(db, options.files, String(job.payload.exportId ?? ''), {
					renderSheetPdf: options.renderSheetPdf
				});
			},
			[ERASE_JOB]: async (job, { db }) => {
				const requestId = String(job.payload.requestId ?? '');
				const [request] = await db.asService((tx) =>
					tx.query<{ user_id: string | null; decided_by: string | null; status: string }>(
						'select user_id, decided_by, status from public.erasure_requests where id = $1',
						[requestId]
					)
				);
				if (!request || request.status !== 'confirmed' || !request.user_id) return;
				await erasePerson(deps(db), request.user_id, {
					decidedBy: request.decided_by,
					requestId
				});
				options.onErased?.(request.user_id);
			},
			[RETENTION_SCAN_JOB]: async (_job, { db, now }) => {
				await deleteExpiredExports(db, options.files);
				await retentionScan(deps(db), now);
			},
			[RETENTION_PURGE_JOB]: async (job, { db }) => {
				await purgeProgram(deps(db), String(job.payload.programId ?? ''));
			}
		},
		schedules: [{ kind: RETENTION_SCAN_JOB, everyMs: options.scanEveryMs ?? 24 * 60 * 60_000 }]
	};
}
