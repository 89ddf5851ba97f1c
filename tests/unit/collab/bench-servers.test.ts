/**
 * Before the benchmark times anything, its three servers must sync with the bench's framing:
 * for each (ours, the in-repo reference, Hocuspocus), 2 documents × 3 clients framed as the load
 * workers frame them (tests/bench/framing.ts) type 50 updates, and every client ends with the
 * same state as the others and as the server. Wrong Hocuspocus framing never syncs and fails.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import { framingFor, type FramingKind } from '../../bench/framing';
import { createHocuspocusServer } from '../../bench/hocuspocus-server';
import { createReferenceServer } from '../../bench/reference-server';
import { syncFrame, updateFrame, type ServerKind } from '../../bench/shared';
import { retryableAssertion, sheetName, startCollabHarness } from '../../helpers/collab-harness';

interface Running {
	/** The URL a client opens for a document. */
	url(name: string): string;
	framing: FramingKind;
	state(name: string): Uint8Array | null;
	stop(): Promise<void>;
}

async function listen(http: Server): Promise<number> {
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	return (http.address() as AddressInfo).port;
}

async function close(http: Server) {
	http.closeAllConnections();
	await new Promise<void>((resolve) => http.close(() => resolve()));
}

async function start(kind: ServerKind): Promise<Running> {
	if (kind === 'ours') {
		const harness = await startCollabHarness();
		return {
			url: (name) => `${harness.url}/${name}?token=mentor`,
			framing: 'y-websocket',
			state: (name) => harness.server.documentState(name),
			stop: () => harness.teardown()
		};
	}
	if (kind === 'reference') {
		const reference = createReferenceServer();
		const http = createServer((_req, res) => res.writeHead(404).end());
		http.on('upgrade', (req, socket, head) => {
			if (!reference.handleUpgrade(req, socket, head)) socket.destroy();
		});
		const port = await listen(http);
		return {
			url: (name) => `ws://127.0.0.1:${port}/collab/${name}`,
			framing: 'y-websocket',
			state: (name) => reference.documentState(name),
			stop: () => close(http)
		};
	}
	const hocuspocus = createHocuspocusServer();
	const port = await listen(hocuspocus.httpServer);
	return {
		url: (name) => `ws://127.0.0.1:${port}/collab/${name}`,
		framing: 'hocuspocus',
		state: (name) => hocuspocus.documentState(name),
		async stop() {
			hocuspocus.httpServer.closeAllConnections();
			await hocuspocus.destroy();
		}
	};
}

interface Client {
	doc: Y.Doc;
	ws: WebSocket;
	synced: Promise<void>;
}

/** The load worker's client, reduced to syncing: same frames, same order. */
function openClient(server: Running, name: string): Client {
	const framing = framingFor(server.framing, name);
	const doc = new Y.Doc();
	const ws = new WebSocket(server.url(name), { perMessageDeflate: false });
	ws.binaryType = 'nodebuffer';
	let onSynced = () => {};
	const synced = new Promise<void>((resolve) => (onSynced = resolve));
	const send = (frame: Uint8Array) => ws.send(framing.wrap(frame));
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') send(updateFrame(update));
	});
	ws.on('open', () => {
		for (const frame of framing.hello()) ws.send(frame);
		send(syncFrame(0, Y.encodeStateVector(doc)));
	});
	ws.on('message', (data: RawData) => {
		const frame = framing.read(data as Buffer);
		if (frame.kind === 'step1') {
			send(syncFrame(1, Y.encodeStateAsUpdate(doc, frame.stateVector)));
		} else if (frame.kind !== 'other') {
			Y.applyUpdate(doc, frame.update, 'remote');
			if (frame.kind === 'step2') onSynced();
		}
	});
	return { doc, ws, synced };
}

let running: Running | null = null;
let clients: Client[] = [];

afterEach(async () => {
	for (const client of clients) client.ws.terminate();
	clients = [];
	await running?.stop();
	running = null;
});

describe('the benchmark servers converge with the load workers framing', () => {
	test.each(['ours', 'reference', 'hocuspocus'] as const)(
		'%s: 2 documents × 3 clients, 50 updates',
		async (kind) => {
			const server = await start(kind);
			running = server;
			const names = [sheetName(), sheetName()];
			const byName = names.map((name) => [0, 1, 2].map(() => openClient(server, name)));
			clients = byName.flat();
			let timer: ReturnType<typeof setTimeout> | undefined;
			const late = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`${kind}: clients did not sync`)), 5_000);
			});
			await Promise.race([Promise.all(clients.map((client) => client.synced)), late]);
			clearTimeout(timer);

			for (let i = 0; i < 50; i++) {
				const group = byName[i % 2];
				const writer = group[Math.floor(i / 2) % 3];
				const text = writer.doc.getText('t');
				text.insert(i % (text.length + 1), 'abcdefghij'[i % 10]);
			}

			await retryableAssertion(
				() => {
					names.forEach((name, index) => {
						const texts = byName[index].map((client) => client.doc.getText('t').toString());
						expect(texts[0]).toHaveLength(25);
						expect(new Set(texts).size).toBe(1);
						const state = server.state(name);
						expect(state).not.toBeNull();
						const onServer = new Y.Doc();
						Y.applyUpdate(onServer, state ?? new Uint8Array());
						expect(onServer.getText('t').toString()).toBe(texts[0]);
					});
				},
				{ timeout: 5_000 }
			);
		},
		10_000
	);
});
