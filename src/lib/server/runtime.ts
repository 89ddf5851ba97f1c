import { createLocalAuth } from './auth/local';
import type { AuthProvider } from './auth/types';
import { migrate } from './db/migrate';
import { createPgliteDatabase } from './db/pglite';
import type { Database } from './db/types';
import {
	authenticateSocket,
	authorizeDocument,
	deriveProgress,
	respondentEntriesOf
} from './collab-access';
import { applyAccessEvent, createAccessEvents, recheckOpenSockets } from './access-events';
import { memoryLimiters } from './auth/rate-limit';
import { createLocalFanout } from './collab/fanout';
import { createPgDocumentStore } from './collab/pg-store';
import { createCollabServer, type CollabServer } from './collab/server';
import { seedDemo } from './demo/seed';
import { parseEnv, type Config } from './env';
import { createLogger, type Logger } from './log';
import { createJobRunner, type JobRunner } from './jobs/runner';
import { createMailer, type Mailer } from './mail/mailer';
import { notifyComment } from './notifications/events';
import { notificationJobs } from './notifications/jobs';
import { renderSheetsPdf } from './pdf/sheets';
import { liveDocuments, rightsJobs } from './rights';
import { onNotified } from './notifications/notify';
import { createLocalFileStore, type FileStore } from './files';
import { createLiveHub, type LiveHub } from './live/hub';
import type { MessagingDeps } from './messages/commands';

/** Everything the server shares between requests and sockets, created once per process. */
export interface Runtime {
	config: Config;
	log: Logger;
	db: Database;
	auth: AuthProvider;
	mailer: Mailer;
	collab: CollabServer;
	/** The background jobs (reminders, digests, notification mails) of this instance. */
	jobs: JobRunner;
	files: FileStore;
	/** The per-person live streams (`/live`): `live.publishToUsers(ids, event)`. */
	live: LiveHub;
	/** What the message commands need (database, files, live delivery, limits). */
	messaging: MessagingDeps;
	/** Someone's access changed (removed, role changed): close what they may no longer use. */
	onAccessChanged(userId: string): Promise<void>;
	/** A pair's status changed: re-check every socket on its documents. */
	onPairChanged(pairId: string): Promise<void>;
	/**
	 * Someone signed out (one session, or without `sessionId` every session: sign-out everywhere,
	 * a new password): their sockets close now, on every app instance.
	 */
	onSignedOut(target: { userId: string; sessionId?: string }): Promise<void>;
	migrationVersion: string | null;
	startedAt: Date;
	close(): Promise<void>;
}

// SvelteKit may load this module twice (dev SSR, the production entry); the runtime lives on
// globalThis so HTTP routes and the WebSocket upgrade share one instance.
const KEY = Symbol.for('mentorpad.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

export function getRuntime(
	env: Record<string, string | undefined> = process.env
): Promise<Runtime> {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		holder[KEY] = createRuntime(env).catch((error: unknown) => {
			// A failed start must not be cached: the next call tries again.
			delete holder[KEY];
			throw error;
		});
	}
	return holder[KEY];
}

export async function createRuntime(env: Record<string, string | undefined>): Promise<Runtime> {
	const config = parseEnv(env);
	const log = createLogger(config.LOG_LEVEL);
	// What only some deployments use is loaded only there: the Redis client alone costs a third of
	// a second of CPU, and every start (a restart after a crash too) would pay for all of it.
	const redis = config.REDIS_URL ? await loadRedis() : null;
	const supabaseAuth = config.auth.kind === 'supabase' ? await import('./auth/supabase') : null;
	// No statement timeout on PGlite: its queries run synchronously on this thread, where the
	// timeout's timer never fires (a 200 ms limit let a 4 s query finish). There the bounded
	// programme dates and the linear monitoring queries keep every query short instead.
	const db =
		config.database.kind === 'pglite'
			? await createPgliteDatabase({
					dataDir: config.database.dataDir,
					sharedBuffers: `${config.database.sharedBuffersMb}MB`
				})
			: (await import('./db/postgres')).createPostgresDatabase({
					connectionString: config.database.url,
					max: config.DATABASE_POOL_SIZE,
					statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
					onError: (error) => log.warn('database connection lost', { error })
				});
	try {
		const migrated = await migrate(db, {
			bootstrap: config.auth.kind !== 'supabase',
			localAuth: config.auth.kind === 'local'
		});
		if (migrated.applied.length) log.info('migrations applied', { applied: migrated.applied });
		const mailer = await createMailer(db, log, {
			mail: config.mail,
			database: config.database,
			from: config.MAIL_FROM
		});
		const files =
			config.files.kind === 'supabase'
				? (await import('./files/supabase')).createSupabaseFileStore({
						url: config.files.url,
						serviceRoleKey: config.files.serviceRoleKey,
						bucket: config.files.bucket
					})
				: createLocalFileStore(config.files.dir);
		if (config.seedDemo) {
			const seeded = await seedDemo(db, { files });
			if (seeded) log.info('demo data created', { organisation: seeded.organisationId });
		}
		// From here on nothing is awaited: a failed start above leaves no Redis connection behind
		// (the next request retries the start). Sign-in limits count across instances when they
		// share a Redis.
		const limiters =
			redis && config.REDIS_URL
				? redis.createRedisLimiters({
						url: config.REDIS_URL,
						onStatus: (status, error) =>
							status === 'unavailable'
								? log.warn('redis for sign-in limits unavailable: counting per instance', { error })
								: log.info('redis for sign-in limits available again')
					})
				: memoryLimiters;
		const auth =
			supabaseAuth && config.auth.kind === 'supabase'
				? supabaseAuth.createSupabaseAuth({
						db,
						url: config.auth.url,
						anonKey: config.auth.anonKey,
						serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY,
						origin: config.origin,
						verifier: { secret: config.auth.jwtSecret, jwksUrl: config.auth.jwksUrl },
						limiters
					})
				: createLocalAuth({
						db,
						mailer,
						origin: config.origin,
						sessionDays: config.SESSION_DAYS,
						limiters
					});
		log.info('mentorpad ready', {
			database: db.mode,
			auth: auth.kind,
			mail: mailer.kind,
			migration: migrated.version
		});
		const authorize = authorizeDocument(db);
		const collabLog = log.child({ component: 'collab' });
		const fanout =
			redis && config.REDIS_URL
				? redis.createRedisFanout({ url: config.REDIS_URL, logger: collabLog })
				: createLocalFanout();
		const collab = createCollabServer({
			authenticate: authenticateSocket(auth),
			authorize,
			store: createPgDocumentStore(db),
			logger: collabLog,
			onStored: deriveProgress(db, log),
			respondentEntries: respondentEntriesOf(db),
			onCommented: (name, author, fields) => void notifyComment(db, name, author, fields),
			fanout
		});
		const live = createLiveHub({ fanout, log: log.child({ component: 'live' }) });
		const actOnSockets = applyAccessEvent(collab, authorize);
		const recheckSockets = recheckOpenSockets(collab, authorize, (ids) => auth.activeSessions(ids));
		const events = createAccessEvents(
			fanout,
			async (event) => {
				// A signed-out session's live streams close with its sockets.
				if (event.type === 'signed-out')
					live.closeWhere(
						(s) =>
							s.userId === event.userId &&
							(event.sessionId === undefined || s.sessionId === event.sessionId)
					);
				await actOnSockets(event);
			},
			collabLog,
			recheckSockets
		);
		const notificationWork = notificationJobs({
			mailer,
			origin: config.origin,
			scanEveryMs: config.REMINDER_SCAN_MINUTES * 60_000
		});
		const rightsWork = rightsJobs({
			files,
			mailer,
			origin: config.origin,
			live: liveDocuments(collab),
			// Each sheet of the export also as a PDF, printed in its structure in the person's language.
			renderSheetPdf: ({ template, doc, locale }) => {
				const lang = locale === 'en' ? 'en' : 'nl';
				return renderSheetsPdf({
					locale: lang,
					title: template.title[lang],
					sheets: [{ template, doc }]
				});
			},
			// An erased person's sessions and sockets end on every instance.
			onErased: (userId) => void events.emit({ type: 'signed-out', userId })
		});
		const jobs = createJobRunner({
			db,
			log: log.child({ component: 'jobs' }),
			handlers: { ...notificationWork.handlers, ...rightsWork.handlers },
			schedules: [...notificationWork.schedules, ...rightsWork.schedules],
			intervalMs: config.JOBS_INTERVAL_MS
		});
		jobs.start();
		// A new notification reloads the bell on the recipients' open pages.
		const stopNotified = onNotified((userIds) => {
			if (userIds.length) live.publishToUsers(userIds, { type: 'notification' });
		});
		const messaging: MessagingDeps = {
			db,
			files,
			live,
			// 20 messages per 10 s per person: a burst of pasted lines passes, a script does not.
			limiter: limiters.create('messages', 20, 10),
			limits: {
				fileMaxBytes: config.FILE_MAX_MB * 1024 * 1024,
				pairQuotaBytes: config.FILE_PAIR_QUOTA_MB * 1024 * 1024
			}
		};
		return {
			config,
			log,
			db,
			auth,
			mailer,
			collab,
			jobs,
			files,
			live,
			messaging,
			onAccessChanged: (userId) => events.emit({ type: 'access-changed', userId }),
			onSignedOut: ({ userId, sessionId }) =>
				events.emit({ type: 'signed-out', userId, sessionId }),
			onPairChanged: (pairId) => events.emit({ type: 'pair-changed', pairId }),
			migrationVersion: migrated.version,
			startedAt: new Date(),
			async close() {
				stopNotified();
				await jobs.stop();
				events.close();
				live.close();
				await collab.shutdown();
				await fanout.close();
				await limiters.close();
				await db.close();
			}
		};
	} catch (error) {
		await db.close();
		throw error;
	}
}

/** Sign-in limits and live fan-out through Redis, for app instances that share one. */
async function loadRedis() {
	const [limits, fanout] = await Promise.all([
		import('./auth/rate-limit-redis'),
		import('./collab/redis-fanout')
	]);
	return {
		createRedisLimiters: limits.createRedisLimiters,
		createRedisFanout: fanout.createRedisFanout
	};
}
