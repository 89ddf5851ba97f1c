/**
 * One server under test in its own process, so CPU, RSS and event-loop delay are its own:
 * `server-process.js <ours|reference|hocuspocus> <memory|pglite|postgres>` (the store is ours'). Talks to the parent over IPC.
 * For scale-out, `BENCH_DATABASE_URL` names the Postgres the instances share and
 * `BENCH_REDIS_URL` the Redis they relay through.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { createCollabServer, type CollabServer } from '$lib/server/collab/server';
import { MemoryStore } from '$lib/server/collab/memory-store';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import { createRedisFanout } from '$lib/server/collab/redis-fanout';
import type { Fanout } from '$lib/server/collab/fanout';
import type { DocumentStore } from '$lib/server/collab/store';
import type { CollabLogger } from '$lib/server/collab/types';
import { migrate } from '$lib/server/db/migrate';
import { createPgliteDatabase } from '$lib/server/db/pglite';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import { createHocuspocusServer, type HocuspocusBenchServer } from './hocuspocus-server';
import { createReferenceServer, type ReferenceServer } from './reference-server';
import {
	buildDocument,
	type ServerKind,
	type ServerReply,
	type ServerRequest,
	type ServerSample,
	type StoreKind
} from './shared';

const kind = process.argv[2] as ServerKind;
const storeKind = (process.argv[3] ?? 'memory') as StoreKind;

const silent: CollabLogger = { debug() {}, info() {}, warn() {}, error() {} };
let appends = 0;
let rows = 0;

async function openStore(): Promise<DocumentStore> {
	if (storeKind === 'memory') return new MemoryStore();
	const url = process.env.BENCH_DATABASE_URL;
	if (storeKind === 'postgres' && !url) throw new Error('BENCH_DATABASE_URL is not set');
	const db =
		storeKind === 'postgres' && url
			? createPostgresDatabase({ connectionString: url })
			: await createPgliteDatabase();
	await migrate(db);
	return createPgDocumentStore(db);
}

/** Counts the writes that reach the store. */
function counting(store: DocumentStore): DocumentStore {
	return {
		load: (name) => store.load(name),
		append: (entries) => {
			appends += 1;
			for (const entry of entries) rows += entry.updates.length;
			return store.append(entries);
		},
		compact: (name, snapshot, upto) => store.compact(name, snapshot, upto)
	};
}

function send(reply: ServerReply) {
	process.send?.(reply);
}

const store = kind === 'ours' ? counting(await openStore()) : null;
const redisUrl = process.env.BENCH_REDIS_URL;
const fanout: Fanout | undefined =
	kind === 'ours' && redisUrl ? createRedisFanout({ url: redisUrl, logger: silent }) : undefined;
const names = new Set<string>();
let ours: CollabServer | null = null;
let reference: ReferenceServer | null = null;
let hocuspocus: HocuspocusBenchServer | null = null;
if (store) {
	ours = createCollabServer({
		authenticate: async (req) => {
			const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
			return token ? { userId: token, name: token, role: 'mentee', color: '#1f77b4' } : null;
		},
		authorize: async () => ({ access: 'write' }),
		store,
		logger: silent,
		idleUnloadMs: 600_000,
		fanout
	});
} else if (kind === 'hocuspocus') {
	hocuspocus = createHocuspocusServer();
} else {
	reference = createReferenceServer();
}

// y-protocols logs (and swallows) every update the reference fails to apply, and Hocuspocus
// logs every message it rejects; under the hostile mix of scenario F that is thousands of stack
// traces. Counted instead of printed.
let swallowed = 0;
if (!ours) {
	console.error = () => void (swallowed += 1);
	console.warn = () => void (swallowed += 1);
}

const sockets = new Set<Duplex>();
const track = (socket: Duplex) => {
	sockets.add(socket);
	socket.once('close', () => sockets.delete(socket));
};
// Hocuspocus upgrades on its own HTTP server; here only its sockets are tracked (for drop-all).
const http = hocuspocus?.httpServer ?? createServer((_req, res) => res.writeHead(404).end());
http.on('upgrade', (req, socket: Socket, head) => {
	if (hocuspocus) return track(socket);
	const path = new URL(req.url ?? '/', 'http://localhost').pathname;
	names.add(path.slice('/collab/'.length));
	track(socket);
	const taken = ours
		? ours.handleUpgrade(req, socket, head)
		: (reference?.handleUpgrade(req, socket, head) ?? false);
	if (!taken) socket.destroy();
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

// The histogram records whole timer periods: the delay is what exceeds the resolution.
const RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
loop.enable();
let gcTotalMs = 0;
let gcMaxMs = 0;
let collecting = false;
new PerformanceObserver((list) => {
	// The forced collections of `sample` are ours, not the server's.
	if (collecting) return;
	for (const entry of list.getEntries()) {
		gcTotalMs += entry.duration;
		gcMaxMs = Math.max(gcMaxMs, entry.duration);
	}
}).observe({ entryTypes: ['gc'] });
let since = performance.now();
let cpuSince = process.cpuUsage();
let rssBaseline = process.memoryUsage.rss();
let appendsSince = 0;
let rowsSince = 0;

function collectGarbage() {
	const gc = (globalThis as { gc?: () => void }).gc;
	collecting = true;
	gc?.();
	gc?.();
	// Observers are called asynchronously: stop ignoring once these entries are delivered.
	setTimeout(() => (collecting = false), 50);
}

function encodedBytes(): number {
	let total = 0;
	for (const name of hocuspocus ? hocuspocus.documentNames() : names) {
		const state = ours ?? hocuspocus ?? reference;
		total += state?.documentState(name)?.byteLength ?? 0;
	}
	return total;
}

function sample(): ServerSample {
	const cpu = process.cpuUsage(cpuSince);
	const eventLoopP99Ms = Math.max(0, loop.percentile(99) / 1e6 - RESOLUTION_MS);
	const eventLoopMaxMs = Math.max(0, loop.max / 1e6 - RESOLUTION_MS);
	const elapsedMs = performance.now() - since;
	const gc = { gcTotalMs, gcMaxMs };
	collectGarbage();
	const stats = ours?.stats();
	return {
		elapsedMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		eventLoopP99Ms,
		eventLoopMaxMs,
		...gc,
		rssBytes: process.memoryUsage.rss(),
		rssBaselineBytes: rssBaseline,
		appends: (ours ? appends : (reference?.writes() ?? 0)) - appendsSince,
		rows: (ours ? rows : (reference?.writes() ?? 0)) - rowsSince,
		documentsLoaded: stats
			? stats.documentsLoaded
			: ((hocuspocus ?? reference)?.documentNames().length ?? 0),
		encodedBytes: encodedBytes(),
		connections: stats ? stats.connections : ((hocuspocus ?? reference)?.connections() ?? 0),
		closesByCode: stats?.closesByCode ?? {},
		swallowedErrors: swallowed
	};
}

async function handle(request: ServerRequest): Promise<ServerReply> {
	switch (request.cmd) {
		case 'reset':
			collectGarbage();
			rssBaseline = process.memoryUsage.rss();
			loop.reset();
			gcTotalMs = 0;
			gcMaxMs = 0;
			since = performance.now();
			cpuSince = process.cpuUsage();
			appendsSince = ours ? appends : (reference?.writes() ?? 0);
			rowsSince = ours ? rows : (reference?.writes() ?? 0);
			return { id: request.id, cmd: 'done' };
		case 'sample':
			return { id: request.id, cmd: 'done', sample: sample() };
		case 'drop-all':
			for (const socket of sockets) socket.destroy();
			return { id: request.id, cmd: 'done' };
		case 'seed': {
			const update = buildDocument(request.bytes, request.name.length);
			if (store) await store.append([{ name: request.name, updates: [update] }]);
			else if (reference) reference.seed(request.name, update);
			else throw new Error('Hocuspocus keeps no store here (no extensions): nothing to seed');
			return { id: request.id, cmd: 'done', seededBytes: update.byteLength };
		}
		case 'quit':
			setTimeout(() => process.exit(0), 10);
			return { id: request.id, cmd: 'done' };
	}
}

process.on('message', (request: ServerRequest) => {
	void handle(request).then(send, (error: unknown) => {
		console.error('bench server:', error);
		process.exit(1);
	});
});
process.on('disconnect', () => process.exit(0));
send({ id: 0, cmd: 'ready', port: (http.address() as AddressInfo).port });
