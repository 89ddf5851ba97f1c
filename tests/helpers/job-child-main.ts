import { createPostgresDatabase } from '$lib/server/db/postgres';
import { createJobRunner } from '$lib/server/jobs/runner';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer, type Mailer } from '$lib/server/mail/mailer';
import { notificationJobs } from '$lib/server/notifications/jobs';

/**
 * Runs the notification jobs against DATABASE_URL. Each mail is followed by a pause before the
 * job is marked done, so a kill lands between "mail kept" and "job done" often.
 */
export async function startChild(): Promise<void> {
	const db = createPostgresDatabase({ connectionString: process.env.DATABASE_URL!, max: 2 });
	const log = createLogger('silent');
	const outbox = createOutboxMailer(db, log);
	const mailer: Mailer = {
		kind: 'outbox',
		async send(message) {
			await outbox.send(message);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	};
	const work = notificationJobs({ mailer, origin: 'http://mentorpad.test' });
	const runner = createJobRunner({
		db,
		log,
		handlers: work.handlers,
		intervalMs: 5,
		batchSize: 10,
		leaseMs: Number(process.env.LEASE_MS ?? 2000),
		workerId: process.env.WORKER_ID
	});
	runner.start();
	process.stdout.write('ready\n');
}
