import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '$lib/shared/collab';
import {
	FANOUT_KINDS,
	createLocalFanout,
	decodeFanoutMessage,
	encodeFanoutMessage,
	type Fanout,
	type FanoutKind,
	type FanoutListener,
	type FanoutMessage
} from '$lib/server/collab/fanout';
import { resolveLimits } from '$lib/server/collab/limits';
import { MemoryStore } from '$lib/server/collab/memory-store';
import { CollabMetrics } from '$lib/server/collab/metrics';
import { DEFAULT_PERSISTENCE } from '$lib/server/collab/persistence';
import { StoreWriter } from '$lib/server/collab/store-writer';
import { decodeClientMessage } from '$lib/server/collab/protocol';
import { SharedDocument, type DocumentConnection } from '$lib/server/collab/shared-document';
import type { CollabUser } from '$lib/server/collab/types';
import { quietLogger, testUsers, type LogEntry } from '../../helpers/collab-harness';

describe('the single-instance fan-out', () => {
	test('relays nothing, is never degraded, and closes', async () => {
		const fanout = createLocalFanout('instance-1');
		const heard: FanoutMessage[] = [];
		let lives = 0;
		const unsubscribe = fanout.subscribe('pair/x/sheet/y', {
			message: (message) => heard.push(message),
			live: () => (lives += 1)
		});
		fanout.publish('pair/x/sheet/y', 'update', new Uint8Array([1, 2]), fanout.instanceId);
		unsubscribe();
		expect(heard).toEqual([]);
		expect(lives).toBe(0);
		expect(fanout).toMatchObject({ instanceId: 'instance-1', status: 'local', degraded: false });
		await fanout.close();
		expect(fanout.status).toBe('closed');
	});

	test('gets a random instance id by default', () => {
		expect(createLocalFanout().instanceId).not.toBe(createLocalFanout().instanceId);
	});
});

describe('the fan-out envelope', () => {
	const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

	test.each(FANOUT_KINDS)('round-trips a binary %s payload with its origin', (kind) => {
		const message = { kind, payload: everyByte, origin: 'a1b2-instance' };
		expect(decodeFanoutMessage(encodeFanoutMessage(message), 1024)).toEqual(message);
	});

	test('round-trips an empty payload', () => {
		const message = { kind: 'sync' as const, payload: new Uint8Array(), origin: 'x' };
		expect(decodeFanoutMessage(encodeFanoutMessage(message), 0)).toEqual(message);
	});

	test('refuses what is not a well-formed envelope of this version', () => {
		const good = encodeFanoutMessage({ kind: 'update', payload: everyByte, origin: 'me' });
		const otherVersion = Uint8Array.from(good);
		otherVersion[0] = 2;
		const unknownKind = encodeFanoutMessage({ kind: 'update', payload: everyByte, origin: 'me' });
		unknownKind[4] = 9; // version, origin length, 'm', 'e', kind
		const cases: Record<string, Uint8Array> = {
			empty: new Uint8Array(),
			'another format version': otherVersion,
			'an unknown kind': unknownKind,
			truncated: good.subarray(0, good.length - 1),
			'trailing bytes': Uint8Array.from([...good, 0]),
			'an empty origin': encodeFanoutMessage({ kind: 'update', payload: everyByte, origin: '' }),
			'an origin too long': encodeFanoutMessage({
				kind: 'update',
				payload: everyByte,
				origin: 'x'.repeat(129)
			})
		};
		for (const [name, bytes] of Object.entries(cases)) {
			expect(decodeFanoutMessage(bytes, 1024), name).toBeNull();
		}
		expect(decodeFanoutMessage(good, 255), 'payload over the bound').toBeNull();
	});

	test('never throws on arbitrary bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
				const message = decodeFanoutMessage(bytes, 1024);
				if (message) expect(FANOUT_KINDS).toContain(message.kind);
			})
		);
	});
});

/** An in-memory broker: synchronous delivery to every other subscribed instance. */
function createBus() {
	const subscribers = new Map<string, Set<{ instanceId: string; listener: FanoutListener }>>();
	const published: { origin: string; kind: FanoutKind }[] = [];
	const state = { down: false };
	return {
		published,
		/** While down, messages are lost, as with a broker outage. */
		state,
		fanout(instanceId: string): Fanout {
			return {
				instanceId,
				status: 'live',
				degraded: false,
				publish(docName, kind, payload, origin) {
					if (state.down) return;
					published.push({ origin, kind });
					const envelope = encodeFanoutMessage({ kind, payload, origin });
					for (const subscriber of subscribers.get(docName) ?? []) {
						if (subscriber.instanceId === origin) continue;
						const message = decodeFanoutMessage(envelope, Infinity);
						if (message) subscriber.listener.message(message);
					}
				},
				subscribe(docName, listener) {
					const entry = { instanceId, listener };
					const set = subscribers.get(docName) ?? new Set();
					subscribers.set(docName, set.add(entry));
					return () => set.delete(entry);
				},
				async close() {}
			};
		},
		/** What a broker does after (re)subscribing: every listener resyncs. */
		goLive(docName: string, only?: string) {
			for (const { instanceId, listener } of subscribers.get(docName) ?? []) {
				if (only === undefined || only === instanceId) listener.live();
			}
		}
	};
}

class FakeConnection implements DocumentConnection {
	readonly sent: Uint8Array[] = [];
	constructor(readonly user: CollabUser) {}
	send(frame: Uint8Array): void {
		this.sent.push(frame);
	}
}

const DOC = 'pair/00000000-0000-4000-8000-000000000001/sheet/00000000-0000-4000-8000-000000000002';
const opened: SharedDocument<FakeConnection>[] = [];

function openDocument(fanout: Fanout, logs: LogEntry[] = [], doc = new Y.Doc()) {
	const document = new SharedDocument<FakeConnection>(
		DOC,
		{ doc, rows: 0, logBytes: 0, totalBytes: 0 },
		{
			limits: resolveLimits(),
			fanout,
			writer: new StoreWriter({
				store: new MemoryStore(),
				settings: { ...DEFAULT_PERSISTENCE, batchMs: 60_000 },
				logger: quietLogger(logs),
				metrics: new CollabMetrics()
			})
		}
	);
	opened.push(document);
	return document;
}

/** Accepted updates leave a document once per turn of the event loop. */
function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

function textUpdate(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('notes').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

/** The awareness states a connection was sent, by client id (null: removed). */
function awarenessSent(connection: FakeConnection): Map<number, unknown> {
	const states = new Map<number, unknown>();
	for (const frame of connection.sent) {
		const decoded = decodeClientMessage(frame, resolveLimits());
		if (!decoded.ok || decoded.message.type !== 'awareness') continue;
		for (const entry of decoded.message.entries) states.set(entry.clientId, entry.state);
	}
	return states;
}

afterEach(() => {
	for (const document of opened.splice(0)) document.destroy();
});

describe('sending accepted updates to the sockets', () => {
	test('updates of one turn leave as one merged frame; nobody gets back only what they sent', async () => {
		const document = openDocument(createLocalFanout());
		const [mentor, mentee, observer] = [
			new FakeConnection(testUsers.mentor),
			new FakeConnection(testUsers.mentee),
			new FakeConnection(testUsers.mentee)
		];
		for (const connection of [mentor, mentee, observer]) {
			document.add(connection);
			connection.sent.length = 0;
		}
		const writer = new Y.Doc();
		writer.on('update', (update: Uint8Array) => document.applyUpdate(update, mentor));
		writer.getText('notes').insert(0, 'one ');
		writer.getText('notes').insert(4, 'two');
		const other = new Y.Doc();
		other.on('update', (update: Uint8Array) => document.applyUpdate(update, mentee));
		other.getMap('choices').set('mode', 'video');
		expect(observer.sent).toHaveLength(0);
		await nextTurn();
		expect(observer.sent).toHaveLength(1);
		const received = new Y.Doc();
		const message = decodeClientMessage(observer.sent[0], resolveLimits());
		if (!message.ok || message.message.type !== 'sync-update') throw new Error('not an update');
		Y.applyUpdate(received, message.message.update);
		expect(received.getText('notes').toString()).toBe('one two');
		expect(received.getMap('choices').get('mode')).toBe('video');
		// Each writer gets the merged frame once (it holds the other's change too).
		expect(mentor.sent).toHaveLength(1);
		expect(mentee.sent).toHaveLength(1);

		writer.getText('notes').insert(7, '!');
		await nextTurn();
		expect(mentor.sent).toHaveLength(1);
		expect(observer.sent).toHaveLength(2);
	});

	test('an unloaded document sends nothing more', async () => {
		const document = openDocument(createLocalFanout());
		const observer = new FakeConnection(testUsers.mentee);
		document.add(observer);
		observer.sent.length = 0;
		document.applyUpdate(textUpdate('late'), null);
		document.destroy();
		await nextTurn();
		expect(observer.sent).toHaveLength(0);
	});
});

describe('a document relayed between instances', () => {
	test('a local update is published once; the other instance sends and stores it, not republishes', async () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		const b = openDocument(bus.fanout('B'));
		const onB = new FakeConnection(testUsers.mentee);
		b.add(onB);
		onB.sent.length = 0;
		expect(a.applyUpdate(textUpdate('hello'), new FakeConnection(testUsers.mentor))).toEqual({
			ok: true
		});
		await nextTurn(); // A publishes
		expect(b.doc.getText('notes').toString()).toBe('hello');
		await nextTurn(); // B sends it to its socket
		expect(onB.sent).toHaveLength(1);
		expect(b.persistence.hasPending).toBe(true);
		expect(bus.published).toEqual([{ origin: 'A', kind: 'update' }]);
	});

	test('a turn that mixes relayed and local updates still relays the local ones', async () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		const b = openDocument(bus.fanout('B'));
		// Both accepted in the same turn: A's relay reaches B before B delivers its own.
		a.applyUpdate(textUpdate('[typed on A]'), new FakeConnection(testUsers.mentor));
		b.applyUpdate(textUpdate('[typed on B]'), new FakeConnection(testUsers.mentee));
		await nextTurn();
		await nextTurn();
		for (const document of [a, b]) {
			expect(document.doc.getText('notes').toString()).toContain('[typed on A]');
			expect(document.doc.getText('notes').toString()).toContain('[typed on B]');
		}
		expect(bus.published.filter((m) => m.kind === 'update')).toEqual([
			{ origin: 'A', kind: 'update' },
			{ origin: 'B', kind: 'update' }
		]);
	});

	test('a comment is stamped once, by the instance that took it, and reaches the other stamped', async () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		const b = openDocument(bus.fanout('B'));
		const client = new Y.Doc();
		const thread = new Y.Map<unknown>();
		for (const [key, value] of Object.entries({
			field: 'why',
			authorId: testUsers.mentee.userId,
			authorName: 'Someone',
			text: 'Vraag',
			at: '2020-01-01T00:00:00.000Z',
			resolved: false
		})) {
			thread.set(key, value);
		}
		thread.set('replies', new Y.Array());
		client.getMap('comments').set('t1', thread);
		const started = Date.now();
		a.applyUpdate(Y.encodeStateAsUpdate(client), new FakeConnection(testUsers.mentee));
		await nextTurn();
		await nextTurn();
		for (const document of [a, b]) {
			const stamped = document.doc.getMap<Y.Map<unknown>>('comments').get('t1');
			expect(stamped?.get('authorName')).toBe(testUsers.mentee.name);
			expect(Date.parse(String(stamped?.get('at')))).toBeGreaterThanOrEqual(started);
		}
		// The client's update and the stamp leave as one message; B adds nothing of its own.
		expect(bus.published).toEqual([{ origin: 'A', kind: 'update' }]);
	});

	test('a malformed update from another instance is dropped and logged, nothing thrown', () => {
		const bus = createBus();
		const logs: LogEntry[] = [];
		const b = openDocument(bus.fanout('B'), logs);
		const onB = new FakeConnection(testUsers.mentee);
		b.add(onB);
		onB.sent.length = 0;
		bus.fanout('A').publish(DOC, 'update', Uint8Array.from([1, 200, 3]), 'A');
		bus.fanout('A').publish(DOC, 'awareness', Uint8Array.from([9, 9]), 'A');
		bus.fanout('A').publish(DOC, 'sync', Uint8Array.from([5]), 'A');
		expect(onB.sent).toEqual([]);
		expect(b.doc.getText('notes').toString()).toBe('');
		expect(logs.filter((entry) => entry.message.includes('another instance'))).toHaveLength(3);
	});

	test('presence crosses instances, and goes when its socket closes', () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		const b = openDocument(bus.fanout('B'));
		const onA = new FakeConnection(testUsers.mentor);
		const onB = new FakeConnection(testUsers.mentee);
		a.add(onA);
		b.add(onB);
		expect(a.applyAwareness([{ clientId: 7, clock: 1, state: { field: 'goals' } }], onA)).toEqual({
			ok: true
		});
		expect(b.awareness.getStates().get(7)).toMatchObject({
			field: 'goals',
			user: { userId: testUsers.mentor.userId }
		});
		expect(awarenessSent(onB).get(7)).toMatchObject({ field: 'goals' });
		expect(bus.published.filter((p) => p.origin === 'B')).toEqual([]);

		a.remove(onA);
		expect(b.awareness.getStates().has(7)).toBe(false);
		expect(awarenessSent(onB).get(7)).toBeNull();
	});

	test('another instance cannot change the presence of a client owned here', () => {
		const bus = createBus();
		const b = openDocument(bus.fanout('B'));
		const onB = new FakeConnection(testUsers.mentee);
		b.add(onB);
		b.applyAwareness([{ clientId: 7, clock: 1, state: { field: 'mine' } }], onB);
		const a = openDocument(bus.fanout('A'));
		const onA = new FakeConnection(testUsers.mentor);
		a.add(onA);
		a.applyAwareness([{ clientId: 7, clock: 5, state: { field: 'stolen' } }], onA);
		expect(b.awareness.getStates().get(7)).toMatchObject({ field: 'mine' });
	});

	test("a socket here cannot take over the presence of another instance's client", () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		const b = openDocument(bus.fanout('B'));
		const onA = new FakeConnection(testUsers.mentor);
		a.add(onA);
		a.applyAwareness([{ clientId: 7, clock: 1, state: { field: 'goals' } }], onA);
		const impostor = new FakeConnection(testUsers.mentee);
		b.add(impostor);
		expect(b.applyAwareness([{ clientId: 7, clock: 2, state: {} }], impostor)).toMatchObject({
			ok: false,
			code: CloseCode.AwarenessRejected
		});
		// The same person reconnecting through this instance may.
		const same = new FakeConnection(testUsers.mentor);
		b.add(same);
		expect(b.applyAwareness([{ clientId: 7, clock: 2, state: {} }], same)).toEqual({ ok: true });
	});

	test('going live exchanges what each side missed, both ways', () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		const b = openDocument(bus.fanout('B'));
		bus.state.down = true;
		a.doc.getText('notes').insert(0, 'only A');
		b.doc.getMap('values').set('b', 1);
		expect(b.doc.getText('notes').toString()).toBe('');
		bus.state.down = false;
		bus.goLive(DOC);
		for (const document of [a, b]) {
			expect(document.doc.getText('notes').toString()).toBe('only A');
			expect(document.doc.getMap('values').get('b')).toBe(1);
		}
		// Nothing answers an update: the exchange ends.
		expect(bus.published.length).toBeLessThanOrEqual(6);
	});

	test('a document opened later asks the others for what it lacks', () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		a.doc.getText('notes').insert(0, 'not stored yet');
		const b = openDocument(bus.fanout('B'));
		expect(b.doc.getText('notes').toString()).toBe('');
		bus.goLive(DOC, 'B');
		expect(b.doc.getText('notes').toString()).toBe('not stored yet');
	});

	test('unloading removes the local presence on the other instances', () => {
		const bus = createBus();
		const a = openDocument(bus.fanout('A'));
		const b = openDocument(bus.fanout('B'));
		const onA = new FakeConnection(testUsers.mentor);
		a.add(onA);
		a.applyAwareness([{ clientId: 7, clock: 1, state: { field: 'goals' } }], onA);
		expect(b.awareness.getStates().has(7)).toBe(true);
		opened.splice(opened.indexOf(a), 1);
		a.destroy();
		expect(b.awareness.getStates().has(7)).toBe(false);
	});
});
