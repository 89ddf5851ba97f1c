/**
 * The collaboration server: y-websocket protocol on `ws`, composed from the parts in this folder.
 *
 * Admission (admission.ts), in order: path → document name (4400) → authenticate (4401) →
 * authorize (its deny code, e.g. 4403/4404) → load the document once → accept. Every refusal completes the WebSocket
 * upgrade and then closes with the code, because a close code is what the y-websocket client can
 * observe (an HTTP status before the upgrade reaches it only as a generic failure), and 44xx
 * codes stop its reconnect loop. The checks run before the upgrade, so no socket is open while
 * they run.
 *
 * Inbound messages then go through `Connection.handleFrame` (limits → decode → access → gate).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { COLLAB_PATH_PREFIX, CloseCode, type CollabLimits } from '$lib/shared/collab';
import { admit, isApplicationCode, type Admission, type AdmissionResult } from './admission';
import { Connection, truncateReason } from './connection';
import { DocumentRegistry } from './documents';
import { expiryTimer, startPinging } from './keep-alive';
import { createLocalFanout, type Fanout } from './fanout';
import { resolveLimits, transportPayloadCap } from './limits';
import { CollabMetrics, type CollabStats } from './metrics';
import { DocumentDecoder } from './decoder';
import {
	DEFAULT_PERSISTENCE,
	OFF_THREAD_BYTES,
	loadDocument,
	type PersistenceSettings
} from './persistence';
import { SharedDocument, type SharedDocumentContext } from './shared-document';
import type { DocumentStore } from './store';
import { StoreWriter } from './store-writer';
import {
	consoleLogger,
	errorMessage,
	type Authenticate,
	type Authorize,
	type CollabLogger,
	type ConnectionInfo
} from './types';

export interface CollabServerOptions {
	authenticate: Authenticate;
	authorize: Authorize;
	store: DocumentStore;
	limits?: Partial<CollabLimits>;
	logger?: CollabLogger;
	/** After each successful write of a document (e.g. to derive sheet progress). */
	onStored?: (docName: string, doc: Y.Doc) => void | Promise<void>;
	/** How long a document nobody is connected to stays in memory. Default 30 s. */
	idleUnloadMs?: number;
	persistence?: Partial<PersistenceSettings>;
	/** Ping period; a socket that misses a whole period is terminated. Default 30 s. */
	pingIntervalMs?: number;
	/** How long a closed socket may take to finish the close handshake. Default 1 s. */
	closeGraceMs?: number;
	/**
	 * Stored documents of at least this many bytes are merged on a worker thread when they load,
	 * so loading them does not stall the other documents. Default 256 KiB; `Infinity` never.
	 */
	offThreadBytes?: number;
	/**
	 * Relays open documents to the other app instances. Default: none (single instance). Its
	 * owner closes it, after `shutdown`.
	 */
	fanout?: Fanout;
	/**
	 * A document's `values` entries that only one pair role may write (per-person agree answers),
	 * as entry → role; asked once per load. Default: none.
	 */
	respondentEntries?: (docName: string) => Promise<ReadonlyMap<string, string>>;
	/** New comments were stamped (see SharedDocumentContext); errors are the hook's own. */
	onCommented?: SharedDocumentContext['onCommented'];
}

export interface CollabServer {
	/**
	 * Takes an HTTP upgrade whose path starts with `/collab/` and returns true; returns false
	 * without touching the socket otherwise (e.g. Vite's HMR socket).
	 */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Closes every open (and about to open) connection the predicate selects; returns how many. */
	closeWhere(
		predicate: (connection: ConnectionInfo) => boolean,
		code: number,
		reason: string
	): number;
	/** The open (and about to open) connections the predicate selects. */
	connectionsWhere(predicate: (connection: ConnectionInfo) => boolean): ConnectionInfo[];
	/** The encoded state of a loaded document (what HTTP routes may read), or null. */
	documentState(docName: string): Uint8Array | null;
	/** Reads a document, loading it for the duration when nobody has it open. */
	readDocument<T>(docName: string, read: (doc: Y.Doc) => T): Promise<T>;
	/**
	 * Makes a change on the server's side: `change` edits a copy, and the difference goes through
	 * the same gate as a client's update, so open sockets receive it and it is stored.
	 */
	changeDocument(docName: string, change: (doc: Y.Doc) => void): Promise<void>;
	/** Writes every pending update of every loaded document. */
	flushAll(): Promise<void>;
	/** Refuses new connections, closes open ones (4503), flushes and unloads every document. */
	shutdown(): Promise<void>;
	stats(): CollabStats;
}

export function createCollabServer(options: CollabServerOptions): CollabServer {
	const limits = resolveLimits(options.limits);
	const logger = options.logger ?? consoleLogger;
	const metrics = new CollabMetrics();
	const settings = { ...DEFAULT_PERSISTENCE, ...options.persistence };
	const closeGraceMs = options.closeGraceMs ?? 1_000;
	const wss = new WebSocketServer({ noServer: true, maxPayload: transportPayloadCap(limits) });
	const connections = new Set<Connection>();
	const admissions = new Set<Admission>();
	let shuttingDown = false;
	let shutdown: Promise<void> | null = null;

	const onStored = options.onStored;
	const fanout = options.fanout ?? createLocalFanout();
	const writer = new StoreWriter({ store: options.store, settings, logger, metrics });
	const decoder = new DocumentDecoder();
	const offThreadBytes = options.offThreadBytes ?? OFF_THREAD_BYTES;
	const registry = new DocumentRegistry<Connection>({
		idleUnloadMs: options.idleUnloadMs ?? 30_000,
		flush: () => writer.flush(),
		logger,
		metrics,
		open: async (name) => {
			const [loaded, respondentEntries] = await Promise.all([
				loadDocument(options.store, name, { decoder, offThreadBytes }),
				options.respondentEntries?.(name)
			]);
			if (loaded.state) metrics.add('offThreadLoads');
			return new SharedDocument<Connection>(name, loaded, {
				limits,
				fanout,
				writer,
				respondentEntries,
				onCommented: options.onCommented,
				onStored:
					onStored &&
					((docName, doc) => {
						void Promise.resolve()
							.then(() => onStored(docName, doc))
							.catch((error: unknown) =>
								logger.error('onStored hook failed', { doc: docName, error: errorMessage(error) })
							);
					})
			});
		}
	});

	const stopPinging = startPinging(connections, options.pingIntervalMs ?? 30_000);

	/** Completes the upgrade only to close with a code the client can see. */
	function refuse(
		req: IncomingMessage,
		socket: Duplex,
		head: Buffer,
		code: number,
		reason: string
	) {
		if (socket.destroyed) return;
		wss.handleUpgrade(req, socket, head, (ws) => {
			metrics.closed(code);
			ws.close(code, truncateReason(reason));
		});
	}

	const connectionContext = { limits, logger, metrics, closeGraceMs };

	const admission = {
		authenticate: options.authenticate,
		authorize: options.authorize,
		registry,
		shuttingDown: () => shuttingDown
	};

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, docName: string) {
		const pending: Admission = { info: null, revoked: null };
		admissions.add(pending);
		// Until `ws` takes the socket over, a reset by the peer must not become an uncaught error.
		const ignore = () => {};
		socket.on('error', ignore);
		let result: AdmissionResult<Connection>;
		try {
			result = await admit(admission, req, docName, pending);
		} catch (error) {
			logger.error('admitting a collaboration connection failed', {
				doc: docName,
				error: errorMessage(error)
			});
			result = { refuse: { code: CloseCode.ServerError, reason: 'server error' } };
		} finally {
			socket.off('error', ignore);
			admissions.delete(pending);
		}
		if ('refuse' in result) {
			return refuse(req, socket, head, result.refuse.code, result.refuse.reason);
		}
		const { document, info } = result;
		let state: 'waiting' | 'accepted' | 'abandoned' = 'waiting';
		wss.handleUpgrade(req, socket, head, (ws) => {
			if (state === 'abandoned') return void ws.close(CloseCode.ServerError, 'late upgrade');
			state = 'accepted';
			const connection = new Connection(
				ws,
				info.user,
				docName,
				info.access,
				document,
				connectionContext
			);
			attach(ws, connection, document);
		});
		// `ws` completes an upgrade synchronously or not at all (peer gone, bad handshake).
		if (state === 'waiting') {
			state = 'abandoned';
			registry.release(docName);
		}
	}

	function attach(ws: WebSocket, connection: Connection, document: SharedDocument<Connection>) {
		connections.add(connection);
		metrics.add('connectionsTotal');
		ws.on('message', (data: RawData, isBinary: boolean) => {
			try {
				connection.handleFrame(toBytes(data), isBinary);
			} catch (error) {
				// A bug must cost one socket, not the process (an emitter listener that throws would).
				logger.error('handling a collaboration message failed', {
					doc: connection.docName,
					error: errorMessage(error)
				});
				connection.close(CloseCode.ServerError, 'server error');
			}
		});
		ws.on('pong', () => {
			connection.alive = true;
		});
		ws.on('error', (error) => {
			logger.debug('collaboration socket error', { doc: connection.docName, error: error.message });
		});
		// A long-lived socket must not outlive the sign-in it was opened with.
		const expiry = expiryTimer(connection);
		ws.on('close', () => {
			if (expiry) clearTimeout(expiry);
			connections.delete(connection);
			document.remove(connection);
			registry.release(connection.docName);
		});
		document.add(connection);
	}

	return {
		handleUpgrade(req, socket, head) {
			const path = new URL(req.url ?? '/', 'http://localhost').pathname;
			if (!path.startsWith(COLLAB_PATH_PREFIX)) return false;
			void upgrade(req, socket, head, path.slice(COLLAB_PATH_PREFIX.length));
			return true;
		},

		closeWhere(predicate, code, reason) {
			if (!isApplicationCode(code)) throw new Error(`close code ${code} is not in 4000-4999`);
			let count = 0;
			for (const connection of connections) {
				if (predicate(connection)) {
					connection.close(code, reason);
					count += 1;
				}
			}
			for (const admission of admissions) {
				if (admission.info && !admission.revoked && predicate(admission.info)) {
					admission.revoked = { code, reason };
					count += 1;
				}
			}
			return count;
		},

		connectionsWhere(predicate) {
			const found: ConnectionInfo[] = [...connections].filter(predicate);
			for (const admission of admissions) {
				if (admission.info && !admission.revoked && predicate(admission.info))
					found.push(admission.info);
			}
			return found;
		},

		documentState(docName) {
			const document = registry.get(docName);
			return document ? Y.encodeStateAsUpdate(document.doc) : null;
		},

		async readDocument(docName, read) {
			const document = await registry.acquire(docName);
			try {
				return read(document.doc);
			} finally {
				registry.release(docName);
			}
		},

		async changeDocument(docName, change) {
			const document = await registry.acquire(docName);
			try {
				const copy = new Y.Doc();
				Y.applyUpdate(copy, Y.encodeStateAsUpdate(document.doc));
				const before = Y.encodeStateVector(copy);
				change(copy);
				const outcome = document.applyUpdate(Y.encodeStateAsUpdate(copy, before), null);
				copy.destroy();
				if (!outcome.ok) throw new Error(`server change refused: ${outcome.reason}`);
			} finally {
				registry.release(docName);
			}
		},

		flushAll: () => registry.flushAll(),

		shutdown() {
			shutdown ??= (async () => {
				shuttingDown = true;
				stopPinging();
				for (const connection of connections) {
					connection.close(CloseCode.ShuttingDown, 'shutting down');
				}
				await registry.close();
				await decoder.close();
				// The WebSocketServer stays open (it holds nothing in noServer mode) so that upgrades
				// arriving after shutdown still get the 4503 close code instead of an HTTP error.
				for (const client of wss.clients) client.terminate();
			})();
			return shutdown;
		},

		stats() {
			return metrics.snapshot({
				connections: connections.size,
				documentsLoaded: registry.loadedDocuments().length
			});
		}
	};
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
