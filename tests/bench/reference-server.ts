/**
 * The yardstick: the smallest server that speaks the y-websocket protocol. One Y.Doc per name
 * in memory, every update applied, kept (one "write" per update) and echoed to the other
 * sockets, awareness relayed as is. No authentication, validation, limits or batching: what our
 * server costs on top of this is the price of those.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

interface Room {
	doc: Y.Doc;
	sockets: Set<WebSocket>;
}

export interface ReferenceServer {
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Puts a document into the "store", to be loaded on first connection. */
	seed(name: string, update: Uint8Array): void;
	/** Updates kept since start: the reference writes each one. */
	writes(): number;
	documentNames(): string[];
	documentState(name: string): Uint8Array | null;
	connections(): number;
}

export function createReferenceServer(): ReferenceServer {
	const wss = new WebSocketServer({ noServer: true });
	const rooms = new Map<string, Room>();
	const stored = new Map<string, Uint8Array[]>();
	let writes = 0;

	function room(name: string): Room {
		let found = rooms.get(name);
		if (found) return found;
		const doc = new Y.Doc();
		for (const update of stored.get(name) ?? []) Y.applyUpdate(doc, update);
		found = { doc, sockets: new Set() };
		const sockets = found.sockets;
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			const log = stored.get(name) ?? [];
			log.push(update);
			stored.set(name, log);
			writes += 1;
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 0);
			syncProtocol.writeUpdate(e, update);
			const frame = encoding.toUint8Array(e);
			for (const socket of sockets) if (socket !== origin) socket.send(frame);
		});
		rooms.set(name, found);
		return found;
	}

	function onMessage(ws: WebSocket, current: Room, data: Uint8Array) {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		if (type === 0) {
			const reply = encoding.createEncoder();
			encoding.writeVarUint(reply, 0);
			syncProtocol.readSyncMessage(decoder, reply, current.doc, ws);
			if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
		} else if (type === 1) {
			for (const socket of current.sockets) if (socket !== ws) socket.send(data);
		}
	}

	return {
		handleUpgrade(req, socket, head) {
			const path = new URL(req.url ?? '/', 'http://localhost').pathname;
			if (!path.startsWith('/collab/')) return false;
			const current = room(path.slice('/collab/'.length));
			wss.handleUpgrade(req, socket, head, (ws) => {
				current.sockets.add(ws);
				ws.on('message', (data: RawData) => {
					try {
						onMessage(ws, current, toBytes(data));
					} catch {
						ws.close(4422, 'malformed');
					}
				});
				ws.on('error', () => {});
				ws.on('close', () => current.sockets.delete(ws));
				const e = encoding.createEncoder();
				encoding.writeVarUint(e, 0);
				syncProtocol.writeSyncStep1(e, current.doc);
				ws.send(encoding.toUint8Array(e));
			});
			return true;
		},
		seed(name, update) {
			stored.set(name, [update]);
		},
		writes: () => writes,
		documentNames: () => [...rooms.keys()],
		documentState: (name) => {
			const found = rooms.get(name);
			return found ? Y.encodeStateAsUpdate(found.doc) : null;
		},
		connections: () => wss.clients.size
	};
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
