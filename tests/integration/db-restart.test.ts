import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import { migrate } from '$lib/server/db/migrate';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import type { Database } from '$lib/server/db/types';
import {
	retryableAssertion,
	sheetName,
	startCollabHarness,
	type Harness
} from '../helpers/collab-harness';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';

// Runs in the Postgres project only (see vite.config.ts): it restarts its own server.
let server: PostgresServer;
let db: Database;
let harness: Harness;

beforeAll(async () => {
	server = await startPostgres();
	const admin = new pg.Client({ connectionString: server.url() });
	await admin.connect();
	await admin.query('create database restart_test');
	await admin.end();
	db = createPostgresDatabase({
		connectionString: server.url('restart_test'),
		max: 4,
		onError: () => {}
	});
	await migrate(db);
	harness = await startCollabHarness({
		store: createPgDocumentStore(db),
		persistence: { batchMs: 20, retryInitialMs: 50, retryMaxMs: 400 }
	});
}, 60_000);

afterAll(async () => {
	await harness?.teardown();
	await db?.close();
	server?.stop();
});

describe('a database restart while two people type', () => {
	it('buffers and retries: nothing typed is lost, and the degradation is logged', async () => {
		const room = sheetName();
		const a = harness.connect(room, 'mentor');
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);
		const typed = { a: '', b: '' };
		const type = async (count: number) => {
			for (let i = 0; i < count; i += 1) {
				const ca = String.fromCharCode(97 + (i % 26));
				const cb = String.fromCharCode(65 + (i % 26));
				a.doc.getText('a').insert(a.doc.getText('a').length, ca);
				b.doc.getText('b').insert(b.doc.getText('b').length, cb);
				typed.a += ca;
				typed.b += cb;
				await new Promise((r) => setTimeout(r, 15));
			}
		};
		await type(40);
		server.halt();
		await type(60); // typed while the database is down
		server.resume();
		await type(40);
		await retryableAssertion(
			async () => {
				await harness.server.flushAll();
				const stored = await createPgDocumentStore(db).load(room);
				const doc = new Y.Doc();
				if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
				for (const update of stored.updates) Y.applyUpdate(doc, update);
				expect(doc.getText('a').toString()).toBe(typed.a);
				expect(doc.getText('b').toString()).toBe(typed.b);
			},
			{ timeout: 20_000 }
		);
		expect(a.doc.getText('b').toString()).toBe(typed.b);
		expect(b.doc.getText('a').toString()).toBe(typed.a);
		expect(harness.logs.some((l) => l.message.includes('storing document updates failed'))).toBe(
			true
		);
	}, 60_000);
});

describe('a connection that dies in the middle of a transaction', () => {
	it('fails that transaction and leaves the process running', async () => {
		const errors: Error[] = [];
		const own = createPostgresDatabase({
			connectionString: server.url('restart_test'),
			max: 1,
			onError: (error) => errors.push(error)
		});
		const admin = new pg.Client({ connectionString: server.url('restart_test') });
		await admin.connect();
		try {
			const attempt = own.asService(async (tx) => {
				const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
				await admin.query('select pg_terminate_backend($1)', [pid]);
				// Between two statements the connection's 'error' event fires; before the fix nobody
				// listened and it ended the process.
				await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 10_000 });
				await tx.query('select 1');
			});
			await expect(attempt).rejects.toThrow();
			// The broken connection was discarded: the next transaction gets a new one.
			await expect(
				own.asService((tx) => tx.query<{ one: number }>('select 1 as one'))
			).resolves.toEqual([{ one: 1 }]);
		} finally {
			await admin.end();
			await own.close();
		}
	});
});
