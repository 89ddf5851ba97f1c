import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CollabMetrics } from '$lib/server/collab/metrics';
import {
	DEFAULT_PERSISTENCE,
	DocumentPersistence,
	loadDocument,
	type PersistenceSettings
} from '$lib/server/collab/persistence';
import { StoreWriter } from '$lib/server/collab/store-writer';
import { quietLogger, retryableAssertion } from '../../helpers/collab-harness';
import { RecordingStore } from './recording-store';

function setup(settings: Partial<PersistenceSettings> = {}) {
	const store = new RecordingStore();
	const logger = quietLogger();
	const metrics = new CollabMetrics();
	const writer = new StoreWriter({
		store,
		logger,
		metrics,
		settings: { ...DEFAULT_PERSISTENCE, ...settings }
	});
	const storedCalls: string[] = [];
	/** A document whose updates go to the shared writer, as in a SharedDocument. */
	const open = (name: string) => {
		const doc = new Y.Doc();
		const persistence = new DocumentPersistence(
			name,
			writer,
			{ rows: 0, logBytes: 0 },
			{ snapshot: () => Y.encodeStateAsUpdate(doc), stored: () => storedCalls.push(name) }
		);
		doc.on('update', (update: Uint8Array) => persistence.enqueue(update));
		return { doc, persistence };
	};
	const { doc, persistence } = open('doc');
	return { store, logger, metrics, writer, open, doc, persistence, storedCalls };
}

async function reload(store: RecordingStore, name = 'doc') {
	const loaded = await loadDocument(store, name);
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
		expect(errors[0].fields).toMatchObject({
			documents: 1,
			docs: ['doc'],
			error: 'connection reset'
		});
		expect(logger.entries.some((entry) => entry.message.includes('recovered'))).toBe(true);
		const stats = metrics.snapshot({ connections: 0, documentsLoaded: 0 });
		expect(stats.storeFailures).toBe(4);
		expect(stats.degradedDocuments).toBe(0);
		expect((await reload(store)).getText('t').toString()).toBe('first second');
	});

	test('every document edited in a window goes into one append, one row each', async () => {
		const { store, open, storedCalls } = setup();
		const docs = Array.from({ length: 50 }, (_, index) => ({
			name: `doc-${index}`,
			...open(`doc-${index}`)
		}));
		for (const { doc } of docs) {
			const text = doc.getText('t');
			for (let i = 0; i < 5; i++) text.insert(text.length, `${i}`);
		}
		await retryableAssertion(() => expect(store.appendedDocuments).toEqual([50]), {
			timeout: 1_000
		});
		expect(store.appends).toEqual([50]);
		expect(new Set(storedCalls)).toEqual(new Set(docs.map((d) => d.name)));
		for (const { name } of [docs[0], docs[49]]) {
			expect((await reload(store, name)).getText('t').toString()).toBe('01234');
		}
	});

	test('while a write is in flight, new updates wait for the next one; flush waits for both', async () => {
		const { store, doc, persistence, open } = setup();
		const other = open('other');
		const release = store.holdAppends();
		doc.getText('t').insert(0, 'first');
		const first = persistence.flush();
		await retryableAssertion(() => expect(store.appendAttempts).toBe(1), { interval: 2 });
		other.doc.getText('t').insert(0, 'second');
		doc.getText('t').insert(5, ' more');
		const second = other.persistence.flush();
		release();
		await Promise.all([first, second]);
		expect(store.appendedDocuments).toEqual([1, 2]);
		expect((await reload(store)).getText('t').toString()).toBe('first more');
		expect((await reload(store, 'other')).getText('t').toString()).toBe('second');
	});

	test('a failing write of many documents is logged once per attempt and loses nothing', async () => {
		const { store, open, logger, metrics, writer } = setup({ retryInitialMs: 5, retryMaxMs: 10 });
		const docs = Array.from({ length: 20 }, (_, index) => open(`doc-${index}`));
		store.failAppends = 2;
		docs.forEach(({ doc }, index) => doc.getText('t').insert(0, `text ${index}`));
		const flushing = writer.flush();
		await retryableAssertion(() => expect(store.appendAttempts).toBe(1), { interval: 2 });
		// Enqueued while the writes fail: taken by the retry, after what was there before.
		docs[3].doc.getText('t').insert(6, ' later');
		await flushing;
		const errors = logger.entries.filter((entry) => entry.level === 'error');
		expect(errors).toHaveLength(2);
		expect(errors[0].fields).toMatchObject({ documents: 20, pendingUpdates: 20 });
		expect((errors[0].fields as { docs: string[] }).docs).toHaveLength(5);
		expect(metrics.snapshot({ connections: 0, documentsLoaded: 0 }).degradedDocuments).toBe(0);
		expect(store.appendedDocuments).toEqual([20]);
		expect((await reload(store, 'doc-3')).getText('t').toString()).toBe('text 3 later');
		expect((await reload(store, 'doc-19')).getText('t').toString()).toBe('text 19');
	});

	test('documents due for compaction at once are compacted a few per write', async () => {
		const { store, open, writer } = setup({ compactAfterRows: 1, compactionsPerWrite: 2 });
		const docs = Array.from({ length: 5 }, (_, index) => open(`doc-${index}`));
		for (let round = 0; round < 2; round++) {
			for (const { doc } of docs) doc.getText('t').insert(0, `${round}`);
			await writer.flush();
		}
		expect(store.compactions).toHaveLength(2);
		await retryableAssertion(() => expect(store.compactions).toHaveLength(5), { timeout: 2_000 });
		expect(new Set(store.compactions.map((c) => c.name)).size).toBe(5);
		for (let index = 0; index < 5; index++) {
			expect((await reload(store, `doc-${index}`)).getText('t').toString()).toBe('10');
		}
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
