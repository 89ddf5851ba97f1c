import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CollabMetrics } from '$lib/server/collab/metrics';
import {
	DEFAULT_PERSISTENCE,
	DocumentPersistence,
	loadDocument,
	type PersistenceSettings
} from '$lib/server/collab/persistence';
import { quietLogger, retryableAssertion } from '../../helpers/collab-harness';
import { RecordingStore } from './recording-store';

function setup(settings: Partial<PersistenceSettings> = {}) {
	const store = new RecordingStore();
	const logger = quietLogger();
	const metrics = new CollabMetrics();
	const doc = new Y.Doc();
	const storedCalls: number[] = [];
	const persistence = new DocumentPersistence(
		'doc',
		{ store, logger, metrics, settings: { ...DEFAULT_PERSISTENCE, ...settings } },
		{ rows: 0, logBytes: 0 },
		{ snapshot: () => Y.encodeStateAsUpdate(doc), stored: () => storedCalls.push(Date.now()) }
	);
	doc.on('update', (update: Uint8Array) => persistence.enqueue(update));
	return { store, logger, metrics, doc, persistence, storedCalls };
}

async function reload(store: RecordingStore) {
	const loaded = await loadDocument(store, 'doc');
	return loaded.doc;
}

describe('DocumentPersistence', () => {
	test('many updates within the window become one append of one merged row', async () => {
		const { store, doc, metrics, storedCalls } = setup();
		const text = doc.getText('t');
		for (let i = 0; i < 200; i++) text.insert(text.length, `${i % 10}`);
		expect(store.appends).toEqual([]);
		await retryableAssertion(() => expect(store.appends).toEqual([1]), { timeout: 1_000 });
		expect(metrics.snapshot({ connections: 0, documentsLoaded: 0 }).storedUpdates).toBe(200);
		expect(storedCalls).toHaveLength(1);
		expect((await reload(store)).getText('t').toString()).toBe(text.toString());
	});

	test('writes within about 100 ms of an update', async () => {
		const { store, doc } = setup();
		const started = Date.now();
		doc.getMap('m').set('k', 'v');
		await retryableAssertion(() => expect(store.appends.length).toBe(1), { interval: 5 });
		expect(Date.now() - started).toBeLessThan(400);
	});

	test('compacts when the log grows; load = snapshot + later rows', async () => {
		const { store, doc, persistence } = setup({ compactAfterRows: 3 });
		const text = doc.getText('t');
		for (let i = 0; i < 5; i++) {
			text.insert(text.length, `row${i} `);
			await persistence.flush();
		}
		expect(store.compactions).toHaveLength(1);
		expect(store.hasSnapshot('doc')).toBe(true);
		expect(store.logLength('doc')).toBe(1);
		const stored = await store.load('doc');
		expect(stored.snapshot).not.toBeNull();
		expect(stored.updates).toHaveLength(1);
		expect((await reload(store)).getText('t').toString()).toBe('row0 row1 row2 row3 row4 ');
	});

	test('compacts on log bytes too', async () => {
		const { store, doc, persistence } = setup({ compactAfterBytes: 1_000 });
		doc.getText('t').insert(0, 'x'.repeat(2_000));
		await persistence.flush();
		expect(store.compactions).toHaveLength(1);
		expect(store.logLength('doc')).toBe(0);
	});

	test('a failing store is retried with backoff, logged, and nothing is dropped', async () => {
		const { store, doc, persistence, logger, metrics } = setup({
			retryInitialMs: 5,
			retryMaxMs: 20
		});
		store.failAppends = 4;
		const text = doc.getText('t');
		text.insert(0, 'first ');
		const flushing = persistence.flush();
		text.insert(text.length, 'second');
		await flushing;
		await persistence.flush();
		const errors = logger.entries.filter((entry) => entry.level === 'error');
		expect(errors).toHaveLength(4);
		expect(errors[0].message).toMatch(/retrying/);
		expect(errors[0].fields).toMatchObject({ doc: 'doc', error: 'connection reset' });
		expect(logger.entries.some((entry) => entry.message.includes('recovered'))).toBe(true);
		const stats = metrics.snapshot({ connections: 0, documentsLoaded: 0 });
		expect(stats.storeFailures).toBe(4);
		expect(stats.degradedDocuments).toBe(0);
		expect((await reload(store)).getText('t').toString()).toBe('first second');
	});

	test('rows keep the order the document produced them in', async () => {
		const { store, doc, persistence } = setup({ batchMs: 1 });
		store.appendDelayMs = 3;
		const list = doc.getArray<number>('a');
		for (let i = 0; i < 20; i++) {
			list.push([i]);
			if (i % 4 === 0) void persistence.flush();
		}
		await persistence.flush();
		const stored = await store.load('doc');
		const replay = new Y.Doc();
		for (const update of stored.updates) {
			Y.applyUpdate(replay, update);
			// A row applied before one it depends on would leave structs pending.
			expect(replay.store.pendingStructs).toBeNull();
		}
		expect(replay.getArray('a').toArray()).toEqual(list.toArray());
	});
});
