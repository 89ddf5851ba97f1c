import type { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '$lib/shared/collab';
import { loadDocument } from '$lib/server/collab/persistence';
import { createCollabServer } from '$lib/server/collab/server';
import {
	defaultAuthorize,
	openRawClient,
	quietLogger,
	retryableAssertion,
	sheetName,
	startCollabHarness,
	testUsers,
	type Harness
} from '../../helpers/collab-harness';
import { RecordingStore } from './recording-store';

let harness: Harness;
afterEach(async () => {
	await harness.teardown();
});

describe('createCollabServer', () => {
	test('graceful shutdown closes sockets with 4503 and flushes every pending update', async () => {
		const store = new RecordingStore();
		harness = await startCollabHarness({ store, persistence: { batchMs: 60_000 } });
		const rooms = [sheetName(), sheetName()];
		const clients = rooms.map((room) => harness.connect(room, 'mentor'));
		await Promise.all(clients.map((client) => client.synced()));
		clients.forEach((client, i) => client.doc.getText('goal').insert(0, `unsaved ${i}`));
		await retryableAssertion(() => {
			for (const room of rooms) {
				const doc = new Y.Doc();
				Y.applyUpdate(doc, harness.server.documentState(room) ?? new Uint8Array([0, 0]));
				expect(doc.getText('goal').length).toBeGreaterThan(0);
			}
		});
		expect(store.appends).toEqual([]);
		const closed = clients[0].closed();

		await harness.server.shutdown();
		expect((await closed).code).toBe(CloseCode.ShuttingDown);
		for (const [i, room] of rooms.entries()) {
			const { doc } = await loadDocument(store, room);
			expect(doc.getText('goal').toString()).toBe(`unsaved ${i}`);
		}
		expect(harness.server.stats().documentsLoaded).toBe(0);
		const late = await openRawClient(`${harness.url}/${sheetName()}?token=mentor`);
		expect((await late.closed).code).toBe(CloseCode.ShuttingDown);
	});

	test('flushAll writes pending updates without closing anything', async () => {
		const store = new RecordingStore();
		harness = await startCollabHarness({ store, persistence: { batchMs: 60_000 } });
		const room = sheetName();
		const client = harness.connect(room, 'mentor');
		await client.synced();
		client.doc.getMap('choices').set('phase', 'P');
		await retryableAssertion(() => expect(harness.server.stats().messagesIn).toBeGreaterThan(2));
		await retryableAssertion(async () => {
			await harness.server.flushAll();
			expect(store.appends.length).toBe(1);
		});
		expect(client.provider.wsconnected).toBe(true);
	});

	test('onStored runs after each write with the document; its failures are logged', async () => {
		const seen: string[] = [];
		harness = await startCollabHarness({
			persistence: { batchMs: 5 },
			onStored: async (docName, doc) => {
				seen.push(`${docName}:${doc.getText('goal').toString()}`);
				throw new Error('progress table missing');
			}
		});
		const room = sheetName();
		const client = harness.connect(room, 'mentor');
		await client.synced();
		client.doc.getText('goal').insert(0, 'done');
		await retryableAssertion(() => expect(seen).toContain(`${room}:done`));
		await retryableAssertion(() =>
			expect(harness.logs.some((entry) => entry.message === 'onStored hook failed')).toBe(true)
		);
	});

	test('a connection whose access is revoked while it is being admitted is refused', async () => {
		const store = new RecordingStore();
		const releaseLoad = store.holdLoads();
		harness = await startCollabHarness({ store });
		const room = sheetName();
		const pending = openRawClient(`${harness.url}/${room}?token=mentee`);
		await retryableAssertion(() => expect(store.loads).toBe(1));
		const count = harness.server.closeWhere(
			(connection) => connection.user.userId === testUsers.mentee.userId,
			CloseCode.AccessRevoked,
			'pair ended'
		);
		expect(count).toBe(1);
		expect(harness.server.stats().connections).toBe(0);
		releaseLoad();
		expect((await (await pending).closed).code).toBe(CloseCode.AccessRevoked);
	});

	test('stats count connections, messages and closes', async () => {
		harness = await startCollabHarness();
		const room = sheetName();
		const a = harness.connect(room, 'mentor');
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getText('goal').insert(0, 'x');
		await retryableAssertion(() => expect(b.doc.getText('goal').toString()).toBe('x'));
		const stats = harness.server.stats();
		expect(stats).toMatchObject({
			connections: 2,
			connectionsTotal: 2,
			documentsLoaded: 1,
			documentLoads: 1
		});
		expect(stats.messagesIn).toBeGreaterThanOrEqual(5);
		expect(stats.messagesOut).toBeGreaterThanOrEqual(5);
	});

	test('two servers in one process share nothing', async () => {
		harness = await startCollabHarness();
		const other = await startCollabHarness();
		try {
			const room = sheetName();
			const a = harness.connect(room, 'mentor');
			await a.synced();
			a.doc.getText('goal').insert(0, 'only here');
			const b = other.connect(room, 'mentor');
			await b.synced();
			await retryableAssertion(() => expect(harness.server.stats().messagesIn).toBeGreaterThan(2));
			expect(b.doc.getText('goal').toString()).toBe('');
			expect(other.server.stats().documentsLoaded).toBe(1);
		} finally {
			await other.teardown();
		}
	});

	test('handleUpgrade declines paths outside /collab/ without touching the socket', async () => {
		harness = await startCollabHarness();
		const server = createCollabServer({
			authenticate: async () => null,
			authorize: defaultAuthorize,
			store: harness.store,
			logger: quietLogger()
		});
		const socket = new Duplex({
			read() {},
			write(_chunk, _encoding, done) {
				done();
			}
		});
		const req = { url: '/@vite/hmr', headers: {} } as IncomingMessage;
		expect(server.handleUpgrade(req, socket, Buffer.alloc(0))).toBe(false);
		expect(socket.destroyed).toBe(false);
		await server.shutdown();
		socket.destroy();
	});
});
