import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { loadDocument } from '$lib/server/collab/persistence';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import type { DocumentStore } from '$lib/server/collab/store';
import { bundledMigrations, migrate } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/types';
import { createTestDatabase } from '../../helpers/db';
import {
	retryableAssertion,
	sheetName,
	startCollabHarness,
	type Harness
} from '../../helpers/collab-harness';

let db: Database;
let store: DocumentStore;

beforeAll(async () => {
	db = await createTestDatabase({ migrate: false });
	// Only this feature's migration (after the Supabase bootstrap), so the test does not depend
	// on the state of unrelated migrations being written at the same time.
	await migrate(db, { migrations: bundledMigrations().filter((m) => m.name === 'collab') });
	store = createPgDocumentStore(db);
}, 60_000);

afterAll(async () => {
	await db?.close();
});

function serverText(harness: Harness, room: string): string {
	const doc = new Y.Doc();
	const state = harness.server.documentState(room);
	if (state) Y.applyUpdate(doc, state);
	return doc.getText('goal').toString();
}

function edit(doc: Y.Doc, text: string): Uint8Array {
	const before = Y.encodeStateVector(doc);
	doc.getText('t').insert(doc.getText('t').length, text);
	return Y.encodeStateAsUpdate(doc, before);
}

async function appendOne(name: string, updates: Uint8Array[]): Promise<number> {
	const [lastSeq] = await store.append([{ name, updates }]);
	return lastSeq;
}

describe('pg-store on PGlite', () => {
	test('an unknown document loads empty', async () => {
		expect(await store.load(sheetName())).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
	});

	test('append keeps order and returns growing sequence numbers', async () => {
		const name = sheetName();
		const doc = new Y.Doc();
		const first = await appendOne(name, [edit(doc, 'a'), edit(doc, 'b')]);
		const second = await appendOne(name, [edit(doc, 'c')]);
		expect(second).toBeGreaterThan(first);
		const loaded = await store.load(name);
		expect(loaded.updates).toHaveLength(3);
		expect(loaded.lastSeq).toBe(second);
		expect(loaded.updates.every((update) => update.constructor === Uint8Array)).toBe(true);
		expect((await loadDocument(store, name)).doc.getText('t').toString()).toBe('abc');
	});

	test('one append writes many documents in one transaction, each with its newest sequence', async () => {
		// More rows than one statement takes (1,000), so the chunks share the transaction.
		const entries = Array.from({ length: 1_200 }, (_, index) => {
			const doc = new Y.Doc();
			return { name: sheetName(), updates: [edit(doc, `doc ${index} `), edit(doc, 'more')] };
		});
		const lastSeqs = await store.append(entries);
		expect(lastSeqs).toHaveLength(1_200);
		for (let index = 1; index < lastSeqs.length; index++) {
			expect(lastSeqs[index]).toBeGreaterThan(lastSeqs[index - 1]);
		}
		for (const index of [0, 599, 1_000, 1_199]) {
			const loaded = await store.load(entries[index].name);
			expect(loaded.updates).toHaveLength(2);
			expect(loaded.lastSeq).toBe(lastSeqs[index]);
			const text = (await loadDocument(store, entries[index].name)).doc.getText('t').toString();
			expect(text).toBe(`doc ${index} more`);
		}
	});

	test('an append that fails for one document writes nothing for any', async () => {
		const good = sheetName();
		const entries = [
			{ name: good, updates: [edit(new Y.Doc(), 'kept out')] },
			// The table refuses names over 200 characters.
			{ name: 'x'.repeat(201), updates: [edit(new Y.Doc(), 'refused')] }
		];
		await expect(store.append(entries)).rejects.toThrow();
		expect((await store.load(good)).updates).toHaveLength(0);
		await expect(store.append([{ name: good, updates: [] }])).rejects.toThrow(/at least one/);
	});

	test('compact writes the snapshot and deletes the rows it covers, in one transaction', async () => {
		const name = sheetName();
		const doc = new Y.Doc();
		await appendOne(name, [edit(doc, 'one ')]);
		const upto = await appendOne(name, [edit(doc, 'two ')]);
		const snapshot = Y.encodeStateAsUpdate(doc);
		await appendOne(name, [edit(doc, 'three')]);
		await store.compact(name, snapshot, upto);

		const loaded = await store.load(name);
		expect(loaded.snapshot).not.toBeNull();
		expect(loaded.updates).toHaveLength(1);
		expect((await loadDocument(store, name)).doc.getText('t').toString()).toBe('one two three');
	});

	test('a row the caller had not seen is folded into the snapshot, not lost', async () => {
		const name = sheetName();
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		await appendOne(name, [edit(mine, 'mine ')]);
		const upto = await appendOne(name, [edit(theirs, 'theirs')]);
		await store.compact(name, Y.encodeStateAsUpdate(mine), upto);
		const loaded = await store.load(name);
		expect(loaded.updates).toHaveLength(0);
		const text = (await loadDocument(store, name)).doc.getText('t').toString();
		expect(text).toContain('mine ');
		expect(text).toContain('theirs');
	});

	test('people and anonymous requests cannot read or write the tables', async () => {
		const name = sheetName();
		await appendOne(name, [edit(new Y.Doc(), 'secret')]);
		const claims = { sub: randomUUID(), role: 'authenticated' as const };
		for (const sql of [
			'select * from public.yjs_updates',
			'select * from public.yjs_snapshots',
			"insert into public.yjs_updates (doc_name, \"update\") values ('x', '\\x00')"
		]) {
			await expect(db.asUser(claims, (tx) => tx.query(sql))).rejects.toThrow(/permission denied/);
			await expect(db.asUser(null, (tx) => tx.query(sql))).rejects.toThrow(/permission denied/);
		}
		const rls = await db.asOwner((tx) =>
			tx.query<{ relname: string; relrowsecurity: boolean }>(
				"select relname, relrowsecurity from pg_class where relname in ('yjs_updates', 'yjs_snapshots') order by relname"
			)
		);
		expect(rls).toEqual([
			{ relname: 'yjs_snapshots', relrowsecurity: true },
			{ relname: 'yjs_updates', relrowsecurity: true }
		]);
	});

	test('the collaboration server persists through it and loads back after a restart', async () => {
		const room = sheetName();
		const first = await startCollabHarness({ store, persistence: { compactAfterRows: 2 } });
		const client = first.connect(room, 'mentor');
		await client.synced();
		for (const word of ['plan ', 'act ', 'reflect']) {
			const goal = client.doc.getText('goal');
			goal.insert(goal.length, word);
			await retryableAssertion(() => expect(serverText(first, room)).toBe(goal.toString()));
			await first.server.flushAll();
		}
		await first.teardown();
		expect((await store.load(room)).snapshot).not.toBeNull();

		const second = await startCollabHarness({ store });
		const reader = second.connect(room, 'mentee');
		await reader.synced();
		expect(reader.doc.getText('goal').toString()).toBe('plan act reflect');
		await second.teardown();
	});
});
