/**
 * Two app instances (two collaboration servers on two HTTP ports) sharing one database and one
 * real Redis, with real y-websocket providers connected to either.
 *
 * Both servers run in this process and share one `Database` object: on PGlite that is the only
 * way to share a database, and on PostgreSQL it is one pool. What is under test is the fan-out
 * between the servers, which goes only through Redis.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	ACCESS_EVENTS_CHANNEL,
	applyAccessEvent,
	createAccessEvents,
	encodeAccessEvent,
	recheckOpenSockets
} from '$lib/server/access-events';
import type { Authorize } from '$lib/server/collab/types';
import { CloseCode } from '$lib/shared/collab';
import { loadDocument } from '$lib/server/collab/persistence';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import { createRedisFanout, type RedisFanout } from '$lib/server/collab/redis-fanout';
import type { Database } from '$lib/server/db/types';
import {
	defaultAuthorize,
	quietLogger,
	retryableAssertion,
	sheetName,
	startCollabHarness,
	testUsers,
	type Harness,
	type HarnessOptions,
	type LogEntry,
	type TestClient
} from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';
import { startRedis, type RedisServer } from '../helpers/redis-server';

interface Instance {
	harness: Harness;
	fanout: RedisFanout;
	logs: LogEntry[];
	/** What the runtime does on close: shut the collaboration server down, then the fan-out. */
	stop(): Promise<void>;
	/** Stops, then frees the harness and its clients. */
	dispose(): Promise<void>;
}

const DEGRADED = 'redis fan-out unavailable';
const RECOVERED = 'redis fan-out recovered';
const CONVERGE = { timeout: 10_000, interval: 25 };

let db: Database;
let redis: RedisServer;
let running: Instance[] = [];

async function startInstance(options: HarnessOptions = {}): Promise<Instance> {
	const logger = quietLogger();
	const fanout = createRedisFanout({ url: redis.url, logger, reconnectMaxMs: 100 });
	const harness = await startCollabHarness({
		store: createPgDocumentStore(db),
		persistence: { batchMs: 20 },
		...options,
		fanout,
		logger
	});
	let stopped: Promise<void> | null = null;
	const instance: Instance = {
		harness,
		fanout,
		logs: logger.entries,
		stop: () =>
			(stopped ??= (async () => {
				await harness.server.shutdown();
				await fanout.close();
			})()),
		async dispose() {
			await instance.stop();
			await harness.teardown();
		}
	};
	running.push(instance);
	await retryableAssertion(() => expect(fanout.status).toBe('live'), CONVERGE);
	return instance;
}

function text(client: TestClient): string {
	return client.doc.getText('notes').toString();
}

/** The other people this client sees, by name, with the field they are in. */
function presence(client: TestClient): Record<string, unknown> {
	const seen: Record<string, unknown> = {};
	for (const [clientId, state] of client.provider.awareness.getStates()) {
		if (clientId === client.doc.clientID) continue;
		const user = state.user as { name?: string } | undefined;
		if (user?.name) seen[user.name] = state.field;
	}
	return seen;
}

function count(instance: Instance, message: string): number {
	return instance.logs.filter((entry) => entry.message.startsWith(message)).length;
}

beforeAll(async () => {
	redis = await startRedis();
	db = await createTestDatabase();
});

afterEach(async () => {
	const instances = running;
	running = [];
	for (const instance of instances.reverse()) await instance.dispose();
});

afterAll(async () => {
	await redis?.dispose();
	await db?.close();
});

describe(`fan-out between two app instances through Redis (${testEngine()})`, () => {
	it('people on different instances co-edit, converge and see each other', async () => {
		const [a, b] = [await startInstance(), await startInstance()];
		const room = sheetName();
		const mentor = a.harness.connect(room, 'mentor');
		const mentee = b.harness.connect(room, 'mentee');
		await Promise.all([mentor.synced(), mentee.synced()]);

		mentor.doc.getText('notes').insert(0, 'from A');
		mentee.doc.getMap('values').set('date', '2026-11-24');
		mentor.provider.awareness.setLocalStateField('field', 'goals');
		mentee.provider.awareness.setLocalStateField('field', 'notes');
		await retryableAssertion(() => {
			expect(text(mentee)).toBe('from A');
			expect(mentor.doc.getMap('values').get('date')).toBe('2026-11-24');
			expect(presence(mentor)).toEqual({ [testUsers.mentee.name]: 'notes' });
			expect(presence(mentee)).toEqual({ [testUsers.mentor.name]: 'goals' });
		}, CONVERGE);

		// Concurrent edits on both sides merge to the same text everywhere.
		mentor.doc.getText('notes').insert(0, '[A] ');
		mentee.doc.getText('notes').insert(text(mentee).length, ' [B]');
		await retryableAssertion(() => {
			expect(text(mentor)).toBe('[A] from A [B]');
			expect(text(mentee)).toBe(text(mentor));
		}, CONVERGE);
		for (const instance of [a, b]) {
			expect(
				await instance.harness.server.readDocument(room, (d) => d.getText('notes').toString())
			).toBe('[A] from A [B]');
		}

		// Relayed changes are not relayed back: once everyone has converged, traffic stops.
		// An echo loop would never fall quiet; waited for as a positive signal (no fixed wait first).
		const sent = () => [a, b].map((instance) => instance.harness.server.stats().messagesOut);
		await retryableAssertion(async () => {
			const before = sent();
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(sent()).toEqual(before);
		}, CONVERGE);

		// Leaving removes the presence on the other instance too.
		mentee.provider.disconnect();
		await retryableAssertion(() => expect(presence(mentor)).toEqual({}), CONVERGE);
	});

	it('a document opened later on another instance gets edits not stored yet', async () => {
		// A keeps its edits in memory (nothing is written within the test's time).
		const a = await startInstance({ persistence: { batchMs: 60_000 } });
		const b = await startInstance();
		const room = sheetName();
		const writer = a.harness.connect(room, 'mentor');
		await writer.synced();
		writer.doc.getText('notes').insert(0, 'only in memory on A');
		await retryableAssertion(async () => {
			expect(await a.harness.server.readDocument(room, (d) => d.getText('notes').toString())).toBe(
				'only in memory on A'
			);
		}, CONVERGE);
		expect((await createPgDocumentStore(db).load(room)).updates).toHaveLength(0);

		const reader = b.harness.connect(room, 'mentee');
		await reader.synced();
		await retryableAssertion(() => expect(text(reader)).toBe('only in memory on A'), CONVERGE);
	});

	it('when an instance stops, its clients move to the other one and nothing is lost', async () => {
		const [a, b] = [await startInstance(), await startInstance()];
		const room = sheetName();
		const onA = a.harness.connect(room, 'mentor');
		const onB = b.harness.connect(room, 'mentee');
		await Promise.all([onA.synced(), onB.synced()]);
		onA.doc.getText('notes').insert(0, 'before');
		await retryableAssertion(() => expect(text(onB)).toBe('before'), CONVERGE);

		// As a load balancer would: the next connection of A's client reaches B.
		onA.provider.serverUrl = b.harness.url;
		const stopping = a.stop();
		// Typed while the instance goes away: the provider re-sends it after reconnecting.
		onA.doc.getText('notes').insert(6, ' during');
		await stopping;
		onA.doc.getText('notes').insert(text(onA).length, ' after');
		onB.doc.getText('notes').insert(0, '> ');

		await retryableAssertion(() => {
			expect(onA.provider.wsconnected).toBe(true);
			expect(text(onA)).toBe('> before during after');
			expect(text(onB)).toBe(text(onA));
		}, CONVERGE);
		await b.harness.server.flushAll();
		const stored = await loadDocument(createPgDocumentStore(db), room);
		expect(stored.doc.getText('notes').toString()).toBe('> before during after');
		stored.doc.destroy();
	});

	it('without Redis each instance serves its own clients; when it returns, all converge', async () => {
		const [a, b] = [await startInstance(), await startInstance()];
		const room = sheetName();
		const a1 = a.harness.connect(room, 'mentor');
		const a2 = a.harness.connect(room, 'mentor');
		const b1 = b.harness.connect(room, 'mentee');
		await Promise.all([a1.synced(), a2.synced(), b1.synced()]);
		a1.doc.getText('notes').insert(0, 'shared');
		await retryableAssertion(() => expect(text(b1)).toBe('shared'), CONVERGE);

		await redis.stop();
		await retryableAssertion(() => {
			expect(a.fanout.degraded).toBe(true);
			expect(b.fanout.degraded).toBe(true);
		}, CONVERGE);

		a1.doc.getText('notes').insert(0, 'A: ');
		b1.doc.getMap('values').set('offline', 'B');
		const attempts = [a, b].map((instance) => instance.fanout.failedAttempts);
		await retryableAssertion(async () => {
			expect(text(a2)).toBe('A: shared');
			expect(
				await b.harness.server.readDocument(room, (d) => d.getMap('values').get('offline'))
			).toBe('B');
			// The clients retried the connection a few times: one log line each, no flood.
			expect(a.fanout.failedAttempts).toBeGreaterThanOrEqual(attempts[0] + 3);
			expect(b.fanout.failedAttempts).toBeGreaterThanOrEqual(attempts[1] + 3);
		}, CONVERGE);
		expect(text(b1)).toBe('shared');
		expect(a1.doc.getMap('values').get('offline')).toBeUndefined();
		for (const instance of [a, b]) {
			expect(count(instance, DEGRADED)).toBe(1);
			expect(count(instance, RECOVERED)).toBe(0);
		}

		await redis.start();
		await retryableAssertion(() => {
			for (const client of [a1, a2, b1]) {
				expect(text(client)).toBe('A: shared');
				expect(client.doc.getMap('values').get('offline')).toBe('B');
			}
		}, CONVERGE);
		for (const instance of [a, b]) {
			expect(instance.fanout.status).toBe('live');
			expect(count(instance, DEGRADED)).toBe(1);
			expect(count(instance, RECOVERED)).toBe(1);
		}

		// Live again: new edits flow at once.
		b1.doc.getText('notes').insert(text(b1).length, '!');
		await retryableAssertion(() => expect(text(a2)).toBe('A: shared!'), CONVERGE);
		// And presence is exchanged again (each side re-published its own on resync).
		b1.provider.awareness.setLocalStateField('field', 'after-outage');
		await retryableAssertion(
			() => expect(presence(a1)[testUsers.mentee.name]).toBe('after-outage'),
			CONVERGE
		);
	});

	it('a sign-out or a change of access on one instance closes the sockets on the other', async () => {
		let mentorMayWrite = true;
		const authorize: Authorize = async (user, docName) =>
			user.userId === testUsers.mentor.userId && !mentorMayWrite
				? { deny: CloseCode.AccessRevoked }
				: defaultAuthorize(user, docName);
		const [a, b] = [await startInstance({ authorize }), await startInstance({ authorize })];
		const [onA, onB] = [a, b].map((instance) =>
			createAccessEvents(
				instance.fanout,
				applyAccessEvent(instance.harness.server, authorize),
				quietLogger(instance.logs)
			)
		);
		try {
			const room = sheetName();
			const menteeOnB = b.harness.connect(room, 'mentee');
			const mentorOnB = await b.harness.raw(room, 'mentor');
			await menteeOnB.synced();

			// The mentee signs out everywhere on A (or sets a new password there).
			const menteeClosed = menteeOnB.closed();
			await onA.emit({ type: 'signed-out', userId: testUsers.mentee.userId });
			expect((await menteeClosed).code).toBe(CloseCode.Unauthenticated);

			// The coordinator removes the mentor on A: B re-checks and closes the mentor's socket.
			mentorMayWrite = false;
			await onA.emit({ type: 'access-changed', userId: testUsers.mentor.userId });
			expect((await mentorOnB.closed).code).toBe(CloseCode.AccessRevoked);

			// Anything else on the channel (here from a process that is no instance) is dropped and
			// logged, never acted on.
			a.fanout.publish(ACCESS_EVENTS_CHANNEL, 'event', Uint8Array.from([1, 2, 3]), 'stranger');
			a.fanout.publish(
				ACCESS_EVENTS_CHANNEL,
				'event',
				encodeAccessEvent({ type: 'pair-changed', pairId: 'x'.repeat(101) }),
				'stranger'
			);
			await retryableAssertion(() => expect(count(b, 'dropped an access event')).toBe(2), CONVERGE);
		} finally {
			onA.close();
			onB.close();
		}
	});

	it('events missed while Redis was down are made up for: every socket is re-checked when it returns', async () => {
		// Sessions by token, as the real authenticate would read them from the cookie.
		const signedIn = new Set(['session-mentee']);
		const authenticate: HarnessOptions['authenticate'] = async (req) => {
			const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
			if (token !== 'mentee' && token !== 'mentor') return null;
			return { ...testUsers[token], sessionId: `session-${token}` };
		};
		const activeSessions = async (ids: string[]) => new Set(ids.filter((id) => signedIn.has(id)));
		const [a, b] = [await startInstance({ authenticate }), await startInstance({ authenticate })];
		const events = [a, b].map((instance) =>
			createAccessEvents(
				instance.fanout,
				applyAccessEvent(instance.harness.server, defaultAuthorize),
				quietLogger(instance.logs),
				recheckOpenSockets(instance.harness.server, defaultAuthorize, activeSessions)
			)
		);
		try {
			const room = sheetName();
			const menteeOnB = b.harness.connect(room, 'mentee');
			await menteeOnB.synced();
			// Listened for from now on: the close may come before `redis.start()` returns.
			let closed = false;
			const closing = menteeOnB.closed();
			void closing.then(() => (closed = true));

			await redis.stop();
			await retryableAssertion(() => expect(b.fanout.degraded).toBe(true), CONVERGE);
			// The mentee signs out on A while B cannot hear it.
			signedIn.delete('session-mentee');
			const attempts = b.fanout.failedAttempts;
			await events[0].emit({ type: 'signed-out', userId: testUsers.mentee.userId });
			// B kept trying to reach the broker after the event was sent: it could not have heard it.
			await retryableAssertion(
				() => expect(b.fanout.failedAttempts).toBeGreaterThanOrEqual(attempts + 2),
				CONVERGE
			);
			expect(closed).toBe(false);

			await redis.start();
			expect((await closing).code).toBe(CloseCode.Unauthenticated);
		} finally {
			for (const instanceEvents of events) instanceEvents.close();
		}
	});
});
