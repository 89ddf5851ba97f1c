/**
 * Starts the collaboration server on an ephemeral port for one test, with real y-websocket
 * providers and raw `ws` clients to talk to it, and tears everything down afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { COLLAB_PATH_PREFIX, CloseCode, type CollabLimits } from '$lib/shared/collab';
import { MemoryStore } from '$lib/server/collab/memory-store';
import {
	createCollabServer,
	type CollabServer,
	type CollabServerOptions
} from '$lib/server/collab/server';
import type { DocumentStore } from '$lib/server/collab/store';
import type { Authorize, CollabLogger, CollabUser, LogFields } from '$lib/server/collab/types';

export const testUsers = {
	mentor: { userId: randomUUID(), name: 'Mira Mentor', role: 'mentor', color: '#1f77b4' },
	mentee: { userId: randomUUID(), name: 'Mo Mentee', role: 'mentee', color: '#ff7f0e' },
	reader: { userId: randomUUID(), name: 'Rita Reader', role: 'mentee', color: '#2ca02c' },
	stranger: { userId: randomUUID(), name: 'Sam Stranger', role: 'mentor', color: '#d62728' }
} satisfies Record<string, CollabUser>;

export type TestUserKey = keyof typeof testUsers;

/** Mentor and mentee write, the reader reads, the stranger is refused. */
export const defaultAuthorize: Authorize = async (user) => {
	if (user.userId === testUsers.stranger.userId) return { deny: CloseCode.Forbidden };
	if (user.userId === testUsers.reader.userId) return { access: 'read' };
	return { access: 'write' };
};

export function sheetName(): string {
	return `pair/${randomUUID()}/sheet/${randomUUID()}`;
}

export interface LogEntry {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
	fields?: LogFields;
}

export function quietLogger(entries: LogEntry[] = []): CollabLogger & { entries: LogEntry[] } {
	const log = (level: LogEntry['level']) => (message: string, fields?: LogFields) => {
		entries.push({ level, message, fields });
	};
	return {
		entries,
		debug: log('debug'),
		info: log('info'),
		warn: log('warn'),
		error: log('error')
	};
}

/**
 * Retries `assertion` until it passes or `timeout` ms have gone by; then throws its last error.
 * Waits for a positive signal only, so the default is generous: a passing test returns as soon
 * as it holds, and a busy CI machine (another project's run beside this one) may take seconds.
 */
export async function retryableAssertion(
	assertion: () => void | Promise<void>,
	{ timeout = 15_000, interval = 10 }: { timeout?: number; interval?: number } = {}
): Promise<void> {
	const deadline = Date.now() + timeout;
	for (;;) {
		try {
			await assertion();
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, interval));
		}
	}
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves when the provider has received the server's sync step 2. */
	synced(): Promise<void>;
	/** Resolves with the close the server sent (the first one with a code). */
	closed(): Promise<{ code: number; reason: string }>;
	/** Disconnects and frees the provider and document (also done by teardown). */
	destroy(): void;
}

export interface RawClient {
	ws: WebSocket;
	received: Uint8Array[];
	send(frame: Uint8Array | string): void;
	closed: Promise<{ code: number; reason: string }>;
}

export interface Harness {
	server: CollabServer;
	store: DocumentStore;
	logs: LogEntry[];
	/** `ws://127.0.0.1:<port>/collab` — the provider appends `/<room>`. */
	url: string;
	connect(room: string, user?: TestUserKey, doc?: Y.Doc): TestClient;
	raw(room: string, user?: TestUserKey): Promise<RawClient>;
	teardown(): Promise<void>;
}

export interface HarnessOptions extends Partial<Omit<CollabServerOptions, 'limits'>> {
	limits?: Partial<CollabLimits>;
}

export async function startCollabHarness(options: HarnessOptions = {}): Promise<Harness> {
	const logger = quietLogger();
	const store = options.store ?? new MemoryStore();
	const server = createCollabServer({
		authenticate: async (req) => {
			const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
			return token && token in testUsers ? testUsers[token as TestUserKey] : null;
		},
		authorize: defaultAuthorize,
		idleUnloadMs: 60_000,
		logger,
		...options,
		store
	});
	const http: Server = createServer((_req, res) => res.writeHead(404).end());
	http.on('upgrade', (req, socket, head) => {
		if (!server.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	const url = `ws://127.0.0.1:${port}${COLLAB_PATH_PREFIX.slice(0, -1)}`;
	const clients: TestClient[] = [];
	const raws: RawClient[] = [];

	return {
		server,
		store,
		logs: logger.entries,
		url,
		connect(room, user = 'mentor', doc = new Y.Doc()) {
			const client = createTestClient(url, room, user, doc);
			clients.push(client);
			return client;
		},
		async raw(room, user = 'mentor') {
			const client = await openRawClient(`${url}/${room}?token=${user}`);
			raws.push(client);
			return client;
		},
		async teardown() {
			for (const client of clients) client.destroy();
			for (const client of raws) client.ws.terminate();
			await server.shutdown();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}

/** A real y-websocket provider in Node, without BroadcastChannel (it would bypass the server). */
export function createTestClient(
	serverUrl: string,
	room: string,
	user: TestUserKey | null,
	doc = new Y.Doc()
): TestClient {
	const provider = new WebsocketProvider(serverUrl, room, doc, {
		// The provider is typed against the DOM WebSocket; `ws` implements the part it uses.
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: user ? { token: user } : {},
		disableBc: true,
		maxBackoffTime: 100
	});
	return {
		doc,
		provider,
		synced: () =>
			provider.synced
				? Promise.resolve()
				: new Promise((resolve) => provider.once('sync', (state: boolean) => state && resolve())),
		closed: () =>
			new Promise((resolve) => {
				const listener = (event: CloseEvent | null) => {
					if (!event) return;
					provider.off('connection-close', listener);
					resolve({ code: event.code, reason: event.reason });
				};
				provider.on('connection-close', listener);
			}),
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/**
 * A WebSocket class for the y-websocket provider that sends a session cookie and the page's
 * Origin, as a browser does (the upgrade reads cookies only from an allowed Origin).
 */
export function browserSocket(serverUrl: string, cookie: string | undefined) {
	const origin = new URL(serverUrl.replace(/^ws/, 'http')).origin;
	return class BrowserSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie, origin } : { origin } });
		}
	} as unknown as typeof globalThis.WebSocket;
}

/** A bare socket that speaks whatever it is told; `headers` e.g. to send a session cookie. */
export function openRawClient(
	url: string,
	headers: Record<string, string> = {}
): Promise<RawClient> {
	const ws = new WebSocket(url, { headers });
	const received: Uint8Array[] = [];
	const closed = new Promise<{ code: number; reason: string }>((resolve) => {
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
	});
	ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)));
	ws.on('error', () => {});
	return new Promise((resolve, reject) => {
		ws.once('open', () => resolve({ ws, received, closed, send: (frame) => ws.send(frame) }));
		// Settles nothing once open: a promise resolves only once.
		ws.once('close', (code) => reject(new Error(`closed before opening (${code})`)));
	});
}
