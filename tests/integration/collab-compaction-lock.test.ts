import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import type { DocumentStore } from '$lib/server/collab/store';
import type { Database } from '$lib/server/db/types';
import { sheetName } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

// Two transactions at once need a server: PGlite runs one transaction at a time, so there the
// lock is always free. Only the Postgres project runs this file (see vite.config.ts).
describe('compaction across app instances', () => {
	let db: Database;
	let store: DocumentStore;

	beforeAll(async () => {
		if (testEngine() !== 'postgres') throw new Error('run this file in the Postgres project');
		db = await createTestDatabase();
		store = createPgDocumentStore(db);
	}, 60_000);

	afterAll(async () => {
		await db?.close();
	});

	test('a compaction another instance is running is skipped, not queued; then it runs', async () => {
		const name = sheetName();
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'one ');
		await store.append([{ name, updates: [Y.encodeStateAsUpdate(doc)] }]);
		doc.getText('t').insert(4, 'two');
		const [upto] = await store.append([{ name, updates: [Y.encodeStateAsUpdate(doc)] }]);

		// Another instance in the middle of compacting the same document holds its lock.
		let locked = () => {};
		const lockTaken = new Promise<void>((resolve) => (locked = resolve));
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const otherInstance = db.asService(async (tx) => {
			await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
				`yjs_snapshots:${name}`
			]);
			locked();
			await held;
		});
		await lockTaken;

		const started = performance.now();
		expect(await store.compact(name, Y.encodeStateAsUpdate(doc), upto)).toBe(false);
		// Waiting for the lock would wait for good (it is released below): any bound shows it did not.
		expect(performance.now() - started).toBeLessThan(10_000);
		const untouched = await store.load(name);
		expect(untouched.snapshot).toBeNull();
		expect(untouched.updates).toHaveLength(2);

		release();
		await otherInstance;
		expect(await store.compact(name, Y.encodeStateAsUpdate(doc), upto)).toBe(true);
		const compacted = await store.load(name);
		expect(compacted.snapshot).not.toBeNull();
		expect(compacted.updates).toHaveLength(0);
	});
});
