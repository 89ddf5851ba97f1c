import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '$lib/shared/collab';
import {
	openRawClient,
	retryableAssertion,
	sheetName,
	startCollabHarness,
	type Harness
} from '../../helpers/collab-harness';
import { RecordingStore, delay } from './recording-store';

let harness: Harness;
afterEach(async () => {
	await harness.teardown();
});

describe('document registry', () => {
	test('a document loads once for concurrent connections, and nobody syncs before it has', async () => {
		const store = new RecordingStore();
		const room = sheetName();
		const seed = new Y.Doc();
		seed.getText('goal').insert(0, 'stored before');
		await store.append([{ name: room, updates: [Y.encodeStateAsUpdate(seed)] }]);
		const releaseLoad = store.holdLoads();
		harness = await startCollabHarness({ store });

		const clients = Array.from({ length: 5 }, (_, i) =>
			harness.connect(room, i % 2 === 0 ? 'mentor' : 'mentee')
		);
		const raw = openRawClient(`${harness.url}/${room}?token=mentor`);
		await retryableAssertion(() => expect(store.loads).toBe(1));
		await delay(50);
		// Still loading: the upgrades have not completed, so nothing can have been sent.
		expect(clients.every((client) => !client.provider.wsconnected)).toBe(true);
		releaseLoad();

		await Promise.all(clients.map((client) => client.synced()));
		const first = (await raw).received;
		await retryableAssertion(() => expect(first.length).toBeGreaterThan(0));
		expect(first[0][0]).toBe(MessageType.Sync);
		for (const client of clients)
			expect(client.doc.getText('goal').toString()).toBe('stored before');
		expect(store.loads).toBe(1);
		expect(harness.server.stats().documentLoads).toBe(1);
	});

	test('a failed load is not cached', async () => {
		const store = new RecordingStore();
		store.failLoads = 1;
		harness = await startCollabHarness({ store });
		const room = sheetName();
		const first = await openRawClient(`${harness.url}/${room}?token=mentor`);
		expect((await first.closed).code).toBe(CloseCode.ServerError);
		const second = harness.connect(room, 'mentor');
		await second.synced();
		expect(store.loads).toBe(2);
	});

	test('an idle document is flushed and unloaded, and loads again intact', async () => {
		const store = new RecordingStore();
		harness = await startCollabHarness({
			store,
			idleUnloadMs: 30,
			persistence: { batchMs: 10_000 }
		});
		const room = sheetName();
		const client = harness.connect(room, 'mentor');
		await client.synced();
		client.doc.getText('goal').insert(0, 'kept');
		await retryableAssertion(() => expect(harness.server.documentState(room)).not.toBeNull());
		await retryableAssertion(() => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, harness.server.documentState(room) ?? new Uint8Array([0, 0]));
			expect(doc.getText('goal').toString()).toBe('kept');
		});
		client.provider.disconnect();

		await retryableAssertion(() => expect(harness.server.stats().documentsLoaded).toBe(0));
		expect(harness.server.stats().documentUnloads).toBe(1);
		expect(store.appends.length).toBe(1);

		const again = harness.connect(room, 'mentee');
		await again.synced();
		await retryableAssertion(() => expect(again.doc.getText('goal').toString()).toBe('kept'));
		expect(store.loads).toBe(2);
	});

	test('a connection arriving while an idle document is being flushed keeps it loaded', async () => {
		const store = new RecordingStore();
		harness = await startCollabHarness({
			store,
			idleUnloadMs: 10,
			persistence: { batchMs: 60_000 }
		});
		const room = sheetName();
		const client = harness.connect(room, 'mentor');
		await client.synced();
		client.doc.getText('goal').insert(0, 'in flight');
		await retryableAssertion(() => expect(harness.server.stats().messagesIn).toBeGreaterThan(2));
		const releaseAppends = store.holdAppends();
		client.provider.disconnect();
		// The idle flush has started and is waiting on the store.
		await retryableAssertion(() => expect(store.appendAttempts).toBe(1));
		const again = harness.connect(room, 'mentee');
		await again.synced();
		releaseAppends();
		await retryableAssertion(() => expect(store.appends).toEqual([1]));
		await delay(30);
		expect(harness.server.stats().documentsLoaded).toBe(1);
		expect(harness.server.stats().documentUnloads).toBe(0);
		expect(store.loads).toBe(1);
		expect(again.doc.getText('goal').toString()).toBe('in flight');
	});
});
