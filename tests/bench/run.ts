/**
 * The collaboration benchmark: each scenario against our server, the reference server and
 * Hocuspocus, side by side in one run, with load from separate worker processes; `--knee` finds
 * each server's capacity knee on scenario A.
 * `npm run bench -- --help` lists the options. The JSON result is the last line of stdout.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { SERVER_KINDS, newHistogram, decodeHistogram, parseOptions, sleep } from './shared';
import type {
	DocPlan,
	ServerKind,
	ServerReply,
	ServerRequest,
	ServerSample,
	StoreKind,
	WorkerPlan,
	WorkerReply,
	WorkerReport,
	WorkerRequest
} from './shared';
import {
	HOCUSPOCUS_SKIPS,
	mergeIntoDocument,
	type KneeResult,
	type KneeStep,
	type ScenarioResult
} from './report';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server';
import { startRedis, type RedisServer } from '../helpers/redis-server';

const HELP = `npm run bench -- [options]
  --scenarios A,B,C,D,E,F,S  which scenarios (default all; none with --knee)
  --servers ours,reference,hocuspocus  which servers (default all three; Hocuspocus runs
                           A-D and F: E needs a store and S two instances, it has neither here)
  --knee                   capacity knee: scenario A at each --knee-docs count, per server,
                           until p99 >= 25 ms; reports the largest count below
  --knee-docs 100,200,300,400,500,600,700,800,1000,1200,1500
  --duration 12            seconds of load per measured phase
  --docs 300               A: documents (3 clients each, one typist)
  --hot-clients 400        B: clients on the hot document
  --typists 20             B: typists among them
  --form-docs 100          C: documents with 3 form clients each
  --storm-clients 3000     D: clients (3 per document) dropped at once
  --small-kb 160           E: size of the small cold document
  --large-mb 16            E: size of the large cold document
  --e-store pglite         E: our store (pglite | memory); the reference keeps documents in memory
  --e-typing-docs 20       E: other documents typed in (typist + observer) while the large ones load
  --store memory           A-D, F: our store (memory | pglite)
  --hostile-sockets 20     F: hostile sockets (each sends --hostile-rate frames/s)
  --hostile-rate 20
  --f-docs 100             F: honest documents (3 clients, one typist)
  --scale-docs 300         S: documents of scenario A, on one instance and then on two
                           instances sharing a Postgres and a Redis (both started here)
  --workers 2              load generator processes
  --profile DIR            write a V8 CPU profile of each server process into DIR
  --out docs/performance.md  ('-' to skip writing it)`;

const options = parseOptions(process.argv.slice(2));
if (options.has('help')) {
	console.log(HELP);
	process.exit(0);
}
const num = (key: string, fallback: number) => Number(options.get(key) ?? fallback);
const list = (value: string) =>
	value
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
const knee = options.has('knee');
const settings = {
	scenarios: list(options.get('scenarios') ?? (knee ? '' : 'A,B,C,D,E,F,S')),
	servers: list(options.get('servers') ?? SERVER_KINDS.join(',')) as ServerKind[],
	knee,
	kneeDocs: list(options.get('knee-docs') ?? '100,200,300,400,500,600,700,800,1000,1200,1500').map(
		Number
	),
	durationMs: num('duration', 12) * 1000,
	docs: num('docs', 300),
	hotClients: num('hot-clients', 400),
	typists: num('typists', 20),
	formDocs: num('form-docs', 100),
	stormClients: num('storm-clients', 3000),
	smallBytes: num('small-kb', 160) * 1024,
	largeBytes: num('large-mb', 16) * 1_000_000,
	eStore: (options.get('e-store') ?? 'pglite') as StoreKind,
	eTypingDocs: num('e-typing-docs', 20),
	store: (options.get('store') ?? 'memory') as StoreKind,
	hostileSockets: num('hostile-sockets', 20),
	hostileRate: num('hostile-rate', 20),
	fDocs: num('f-docs', 100),
	scaleDocs: num('scale-docs', 300),
	workers: num('workers', 2),
	profile: options.get('profile') ?? null,
	out: options.get('out') ?? 'docs/performance.md'
};

for (const kind of settings.servers) {
	if (!SERVER_KINDS.includes(kind)) throw new Error(`unknown server ${kind}`);
}

/** The p99 (ms) a step of the knee search must stay under: scenario A's target. */
const KNEE_P99_MS = 25;

const here = fileURLToPath(new URL('.', import.meta.url));

/** A request before it is numbered (`Omit` distributed over the union). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A child process spoken to with numbered requests. */
class Peer<Request extends { id: number }, Reply extends { id: number }> {
	private nextId = 1;
	private readonly waiting = new Map<number, (reply: Reply) => void>();
	readonly events: Reply[] = [];
	onEvent: ((reply: Reply) => void) | null = null;

	constructor(readonly child: ChildProcess) {
		child.on('message', (message: Reply) => {
			const resolve = this.waiting.get(message.id);
			if (resolve) {
				this.waiting.delete(message.id);
				resolve(message);
			} else {
				this.events.push(message);
				this.onEvent?.(message);
			}
		});
	}

	request(message: Unnumbered<Request>, timeoutMs = 180_000): Promise<Reply> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`no reply to ${JSON.stringify(message).slice(0, 80)}`)),
				timeoutMs
			);
			this.waiting.set(id, (reply) => {
				clearTimeout(timer);
				resolve(reply);
			});
			this.child.send({ ...message, id });
		});
	}
}

type Server = Peer<ServerRequest, ServerReply> & { port: number; kind: ServerKind };
type Worker = Peer<WorkerRequest, WorkerReply>;

async function startServer(
	kind: ServerKind,
	store: StoreKind,
	env: Record<string, string> = {}
): Promise<Server> {
	const child = fork(`${here}server-process.js`, [kind, store], {
		env: { ...process.env, ...env },
		execArgv: [
			'--expose-gc',
			'--max-old-space-size=3072',
			...(settings.profile ? ['--cpu-prof', `--cpu-prof-dir=${settings.profile}`] : [])
		],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const peer = new Peer<ServerRequest, ServerReply>(child);
	const ready = await new Promise<ServerReply>((resolve, reject) => {
		peer.onEvent = resolve;
		child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
	});
	peer.onEvent = null;
	return Object.assign(peer, { port: ready.cmd === 'ready' ? ready.port : 0, kind });
}

function startWorkers(count: number): Worker[] {
	return Array.from({ length: count }, () => {
		const child = fork(`${here}load-worker.js`, [], {
			execArgv: ['--max-old-space-size=3072'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		return new Peer<WorkerRequest, WorkerReply>(child);
	});
}

function basePlan(server: Server): Omit<WorkerPlan, 'docs'> {
	return {
		url: `ws://127.0.0.1:${server.port}/collab`,
		framing: server.kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
		typeIntervalMs: [100, 200],
		formIntervalMs: [500, 1000],
		hostileRate: settings.hostileRate,
		connectConcurrency: 50
	};
}

const docName = () => `pair/${randomUUID()}/sheet/${randomUUID()}`;

interface Measured {
	latency: Summary;
	server: ServerSample;
	reports: WorkerReport[];
	extra: Record<string, number>;
}

export interface Summary {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	p999: number;
	max: number;
}

function summarize(reports: WorkerReport[]): Summary {
	const total = newHistogram();
	for (const report of reports) total.add(decodeHistogram(report.histogram));
	const ms = (us: number) => Math.round(us / 10) / 100;
	return {
		count: total.totalCount,
		p50: ms(total.getValueAtPercentile(50)),
		p95: ms(total.getValueAtPercentile(95)),
		p99: ms(total.getValueAtPercentile(99)),
		p999: ms(total.getValueAtPercentile(99.9)),
		max: ms(total.maxValue)
	};
}

async function collect(workers: Worker[]): Promise<WorkerReport[]> {
	const replies = await Promise.all(workers.map((w) => w.request({ cmd: 'collect' })));
	return replies.flatMap((r) => (r.cmd === 'done' && r.report ? [r.report] : []));
}

async function sampleOf(server: Server): Promise<ServerSample> {
	const reply = await server.request({ cmd: 'sample' });
	if (reply.cmd !== 'done' || !reply.sample) throw new Error('no sample');
	return reply.sample;
}

async function stopAll(server: Server, workers: Worker[]) {
	await Promise.all(workers.map((w) => w.request({ cmd: 'quit' }, 5_000).catch(() => null)));
	await server.request({ cmd: 'quit' }, 5_000).catch(() => null);
	// A CPU profile is written while the process exits: give it the time.
	await exited(server.child, 10_000);
	for (const peer of [server, ...workers]) if (peer.child.exitCode === null) peer.child.kill();
}

function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, timeoutMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** Opens the plans (one per worker), types for the duration, and measures. */
async function loadPhase(
	kind: ServerKind,
	store: StoreKind,
	plans: DocPlan[][],
	phases: number
): Promise<Measured[]> {
	const server = await startServer(kind, store);
	const workers = startWorkers(plans.length);
	try {
		const plan = basePlan(server);
		await Promise.all(
			workers.map((w, i) => w.request({ cmd: 'open', plan: { ...plan, docs: plans[i] } }))
		);
		await sleep(500);
		const results: Measured[] = [];
		await collect(workers);
		for (let phase = 0; phase < phases; phase++) {
			await server.request({ cmd: 'reset' });
			if (phase === 0)
				await Promise.all(workers.map((w) => w.request({ cmd: 'go', active: true })));
			else await hostilePhase(server, workers, 'start');
			await sleep(settings.durationMs / phases);
			if (phase === phases - 1) {
				await Promise.all(workers.map((w) => w.request({ cmd: 'go', active: false })));
				await sleep(1_000);
			}
			const sample = await sampleOf(server);
			const reports = await collect(workers);
			const extra: Record<string, number> = {};
			// F: closes as the hostile sockets saw them, counted before the server stops.
			const hostileWorker = hostileWorkers.get(server);
			if (hostileWorker) {
				const [report] = await collect([hostileWorker]);
				extra.hostileClosesSeen = report?.hostileCloses ?? 0;
			}
			results.push({ latency: summarize(reports), server: sample, reports, extra });
		}
		return results;
	} finally {
		await stopAll(server, workers);
	}
}

/** F: the hostile sockets live in their own worker, started for the second phase. */
const hostileWorkers = new Map<Server, Worker>();
async function hostilePhase(server: Server, _workers: Worker[], _step: 'start') {
	const [worker] = startWorkers(1);
	hostileWorkers.set(server, worker);
	const docs = Array.from({ length: settings.hostileSockets }, () => ({
		name: docName(),
		roles: ['hostile' as const]
	}));
	await worker.request({ cmd: 'open', plan: { ...basePlan(server), docs } });
	await worker.request({ cmd: 'go', active: true });
}

function split<T>(items: T[], parts: number): T[][] {
	const out: T[][] = Array.from({ length: parts }, () => []);
	items.forEach((item, index) => out[index % parts].push(item));
	return out;
}

function derived(m: Measured): Record<string, number> {
	const s = m.server;
	const seconds = s.elapsedMs / 1000;
	const docs = Math.max(1, s.documentsLoaded);
	return {
		cpuPercent: Math.round((s.cpuMs / s.elapsedMs) * 1000) / 10,
		eventLoopP99Ms: Math.round(s.eventLoopP99Ms * 10) / 10,
		eventLoopMaxMs: Math.round(s.eventLoopMaxMs * 10) / 10,
		gcPercent: Math.round((s.gcTotalMs / s.elapsedMs) * 1000) / 10,
		gcMaxMs: Math.round(s.gcMaxMs * 10) / 10,
		rssMB: Math.round(s.rssBytes / 1e5) / 10,
		rssPerDocKB: Math.round((s.rssBytes - s.rssBaselineBytes) / docs / 100) / 10,
		encodedPerDocKB: Math.round(s.encodedBytes / docs / 100) / 10,
		writesPerSecond: Math.round(s.appends / seconds),
		rowsPerSecond: Math.round(s.rows / seconds),
		sendsPerSecond: Math.round(m.reports.reduce((sum, r) => sum + r.sent, 0) / seconds),
		generatorCpuPercent: generatorCpuPercent(m.reports),
		generatorEventLoopP99Ms:
			Math.round(Math.max(0, ...m.reports.map((r) => r.eventLoopP99Ms ?? 0)) * 10) / 10,
		...m.extra
	};
}

/** The load workers' own CPU over their last collect period, in % of one core (summed). */
function generatorCpuPercent(reports: WorkerReport[]): number {
	const wall = Math.max(...reports.map((r) => r.elapsedMs));
	if (!reports.length || !(wall > 0)) return Number.NaN;
	return Math.round((reports.reduce((sum, r) => sum + r.cpuMs, 0) / wall) * 1000) / 10;
}

async function scenarioA(kind: ServerKind, count = settings.docs): Promise<Measured> {
	const docs = Array.from({ length: count }, () => ({
		name: docName(),
		roles: ['typist', 'observer', 'observer'] as DocPlan['roles']
	}));
	return (await loadPhase(kind, settings.store, split(docs, settings.workers), 1))[0];
}

async function scenarioB(kind: ServerKind): Promise<Measured> {
	const name = docName();
	const measuring = Math.min(settings.hotClients, settings.typists * 2);
	const passive = settings.hotClients - measuring;
	const typists = Math.min(settings.typists, measuring);
	const roles: DocPlan['roles'] = [
		...Array.from({ length: typists }, () => 'typist' as const),
		...Array.from({ length: measuring - typists }, () => 'observer' as const)
	];
	// Measuring clients share one worker (one clock); passive ones are spread over the rest.
	const plans: DocPlan[][] = [[{ name, roles }]];
	const others = Math.max(1, settings.workers - 1);
	const counts = split(
		Array.from({ length: passive }, (_, i) => i),
		others
	);
	for (const chunk of counts) {
		plans.push([{ name, roles: chunk.map(() => 'passive' as const) }]);
	}
	return (await loadPhase(kind, settings.store, plans, 1))[0];
}

async function scenarioC(kind: ServerKind): Promise<Measured> {
	const docs = Array.from({ length: settings.formDocs }, () => ({
		name: docName(),
		roles: ['form', 'form', 'form'] as DocPlan['roles']
	}));
	return (await loadPhase(kind, settings.store, split(docs, settings.workers), 1))[0];
}

async function scenarioD(kind: ServerKind): Promise<Measured> {
	const docs = Array.from({ length: Math.ceil(settings.stormClients / 3) }, () => ({
		name: docName(),
		roles: ['observer', 'observer', 'observer'] as DocPlan['roles']
	}));
	const server = await startServer(kind, settings.store);
	const workers = startWorkers(settings.workers);
	const plans = split(docs, settings.workers);
	try {
		const plan = { ...basePlan(server), connectConcurrency: 100 };
		const opened = performance.now();
		await Promise.all(
			workers.map((w, i) => w.request({ cmd: 'open', plan: { ...plan, docs: plans[i] } }))
		);
		const openMs = performance.now() - opened;
		await sleep(1_000);
		await collect(workers);
		await server.request({ cmd: 'reset' });
		await Promise.all(workers.map((w) => w.request({ cmd: 'expect-drop' })));
		const synced = workers.map(
			(w) =>
				new Promise<number>((resolve) => {
					w.onEvent = () => resolve(performance.now());
				})
		);
		const dropped = performance.now();
		await server.request({ cmd: 'drop-all' });
		const deadline = sleep(60_000).then(() => Number.NaN);
		const times = await Promise.all(synced.map((p) => Promise.race([p, deadline])));
		const allSyncedMs = Math.max(...times) - dropped;
		const sample = await sampleOf(server);
		const reports = await collect(workers);
		return {
			latency: summarize(reports),
			server: sample,
			reports,
			extra: {
				clients: docs.length * 3,
				initialConnectMs: Math.round(openMs),
				allSyncedMs: Math.round(allSyncedMs),
				reconnects: reports.reduce((sum, r) => sum + r.reconnects, 0)
			}
		};
	} finally {
		await stopAll(server, workers);
	}
}

/**
 * Seeds `count` documents of `bytes`, then opens them one after another: each a cold load. With
 * `typingDocs`, that many other documents (a typist and an observer each) type throughout the
 * loads, and their latency and the server's event-loop delay are measured over the loads only.
 */
async function coldLoads(
	server: Server,
	label: string,
	bytes: number,
	count: number,
	typingDocs = 0
) {
	const names = Array.from({ length: count }, docName);
	let encoded = 0;
	for (const name of names) {
		const reply = await server.request({ cmd: 'seed', name, bytes }, 600_000);
		encoded = reply.cmd === 'done' ? (reply.seededBytes ?? 0) : 0;
	}
	const [typing] = typingDocs > 0 ? startWorkers(1) : [];
	if (typing) {
		const docs = Array.from({ length: typingDocs }, () => ({
			name: docName(),
			roles: ['typist', 'observer'] as DocPlan['roles']
		}));
		await typing.request({ cmd: 'open', plan: { ...basePlan(server), docs } });
		await typing.request({ cmd: 'go', active: true });
		await sleep(1_000);
		await collect([typing]);
	}
	await server.request({ cmd: 'reset' });
	const [worker] = startWorkers(1);
	try {
		const docs = names.map((name) => ({ name, roles: ['passive' as const] }));
		const opened = performance.now();
		await worker.request({
			cmd: 'open',
			plan: { ...basePlan(server), connectConcurrency: 1, docs }
		});
		const loadsMs = performance.now() - opened;
		const [report] = await collect([worker]);
		const typed = typing ? summarize(await collect([typing])) : null;
		const loop = typing ? await sampleOf(server) : null;
		const times = [...report.syncTimesMs].sort((a, b) => a - b);
		const sample = await sampleOf(server);
		const perDoc = (sample.rssBytes - sample.rssBaselineBytes) / count;
		return {
			sample,
			extra: {
				[`${label}EncodedKB`]: Math.round(encoded / 1024),
				[`${label}LoadMedianMs`]: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
				[`${label}LoadMaxMs`]: Math.round((times.at(-1) ?? 0) * 10) / 10,
				[`${label}RssPerDocKB`]: Math.round(perDoc / 1024),
				[`${label}RssPerEncoded`]: Math.round((perDoc / Math.max(1, encoded)) * 10) / 10,
				...(typed && loop
					? {
							[`${label}LoadsMs`]: Math.round(loadsMs),
							[`${label}TypingP99Ms`]: typed.p99,
							[`${label}TypingMaxMs`]: typed.max,
							[`${label}TypingSamples`]: typed.count,
							[`${label}LoopP99Ms`]: Math.round(loop.eventLoopP99Ms * 10) / 10,
							[`${label}LoopMaxMs`]: Math.round(loop.eventLoopMaxMs * 10) / 10
						}
					: {})
			}
		};
	} finally {
		await worker.request({ cmd: 'quit' }, 5_000).catch(() => null);
		await typing?.request({ cmd: 'quit' }, 5_000).catch(() => null);
	}
}

async function scenarioE(kind: ServerKind): Promise<Measured> {
	const server = await startServer(kind, kind === 'ours' ? settings.eStore : 'memory');
	try {
		const small = await coldLoads(server, 'small', settings.smallBytes, 5);
		const large = await coldLoads(server, 'large', settings.largeBytes, 2, settings.eTypingDocs);
		return {
			latency: summarize([]),
			server: large.sample,
			reports: [],
			extra: { ...small.extra, ...large.extra }
		};
	} finally {
		await stopAll(server, []);
	}
}

async function scenarioF(kind: ServerKind): Promise<Measured> {
	const docs = Array.from({ length: settings.fDocs }, () => ({
		name: docName(),
		roles: ['typist', 'observer', 'observer'] as DocPlan['roles']
	}));
	const [calm, hostile] = await loadPhase(kind, settings.store, split(docs, settings.workers), 2);
	for (const [server, worker] of hostileWorkers) {
		await worker.request({ cmd: 'quit' }, 5_000).catch(() => null);
		hostileWorkers.delete(server);
	}
	return {
		...hostile,
		extra: {
			calmP50Ms: calm.latency.p50,
			calmP99Ms: calm.latency.p99,
			hostileP50Ms: hostile.latency.p50,
			hostileP99Ms: hostile.latency.p99,
			hostileSockets: settings.hostileSockets,
			closedByServer:
				kind === 'ours'
					? Object.values(hostile.server.closesByCode).reduce((a, b) => a + b, 0)
					: Number.NaN,
			hostileClosesSeen: hostile.extra.hostileClosesSeen ?? Number.NaN,
			updatesFailedAndKept: hostile.server.swallowedErrors
		}
	};
}

/** The Postgres and Redis that scale-out instances share, started once and stopped at the end. */
let shared: { postgres: PostgresServer; redis: RedisServer } | null = null;

async function sharedInfrastructure() {
	shared ??= { postgres: await startPostgres(), redis: await startRedis() };
	return shared;
}

async function stopSharedInfrastructure() {
	if (!shared) return;
	shared.postgres.stop();
	await shared.redis.dispose();
	shared = null;
}

/** Several server processes seen as one: CPU, RSS and writes add up; delays are the worst. */
function combine(samples: ServerSample[]): ServerSample {
	const closesByCode: Record<number, number> = {};
	for (const sample of samples) {
		for (const [code, count] of Object.entries(sample.closesByCode)) {
			closesByCode[Number(code)] = (closesByCode[Number(code)] ?? 0) + count;
		}
	}
	const combined = { ...samples[0], closesByCode };
	for (const key of SUMMED) combined[key] = samples.reduce((total, s) => total + s[key], 0);
	for (const key of WORST) combined[key] = Math.max(...samples.map((s) => s[key]));
	return combined;
}

const SUMMED = [
	'cpuMs',
	'gcTotalMs',
	'rssBytes',
	'rssBaselineBytes',
	'appends',
	'rows',
	'documentsLoaded',
	'encodedBytes',
	'connections',
	'swallowedErrors'
] as const;
const WORST = ['elapsedMs', 'eventLoopP99Ms', 'eventLoopMaxMs', 'gcMaxMs'] as const;

/**
 * S: scenario A against our server only, on Postgres: with two instances relaying through Redis
 * (the "ours" side), then with one (the "reference" side, the baseline here). With two, each
 * document's typist and first observer use one instance and the second observer the other, so
 * half the measured latencies cross Redis; documents alternate, so the instances share the load.
 */
async function scenarioS(kind: ServerKind): Promise<Measured> {
	const instances = kind === 'ours' ? 2 : 1;
	const { postgres, redis } = await sharedInfrastructure();
	const env: Record<string, string> = { BENCH_DATABASE_URL: postgres.url() };
	if (instances > 1) env.BENCH_REDIS_URL = redis.url;
	const servers: Server[] = [];
	for (let i = 0; i < instances; i++) servers.push(await startServer('ours', 'postgres', env));
	const urls = servers.map((server) => basePlan(server).url);
	const docs: DocPlan[] = Array.from({ length: settings.scaleDocs }, (_, index) => {
		const home = urls[index % instances];
		const away = urls[(index + 1) % instances];
		return { name: docName(), roles: ['typist', 'observer', 'observer'], urls: [home, home, away] };
	});
	const workers = startWorkers(settings.workers);
	try {
		const plans = split(docs, settings.workers);
		const plan = basePlan(servers[0]);
		await Promise.all(
			workers.map((w, i) => w.request({ cmd: 'open', plan: { ...plan, docs: plans[i] } }))
		);
		await sleep(500);
		await collect(workers);
		await Promise.all(servers.map((server) => server.request({ cmd: 'reset' })));
		await Promise.all(workers.map((w) => w.request({ cmd: 'go', active: true })));
		await sleep(settings.durationMs);
		await Promise.all(workers.map((w) => w.request({ cmd: 'go', active: false })));
		await sleep(1_000);
		const samples = await Promise.all(servers.map(sampleOf));
		const reports = await collect(workers);
		return {
			latency: summarize(reports),
			server: combine(samples),
			reports,
			extra: { instances }
		};
	} finally {
		await Promise.all(workers.map((w) => w.request({ cmd: 'quit' }, 5_000).catch(() => null)));
		for (const server of servers) await stopAll(server, []);
		for (const w of workers) if (w.child.exitCode === null) w.child.kill();
	}
}

const scenarios: Record<string, (kind: ServerKind) => Promise<Measured>> = {
	A: scenarioA,
	B: scenarioB,
	C: scenarioC,
	D: scenarioD,
	E: scenarioE,
	F: scenarioF,
	S: scenarioS
};

const results: ScenarioResult[] = [];
const started = new Date();
for (const id of settings.scenarios) {
	const run = scenarios[id];
	if (!run) throw new Error(`unknown scenario ${id}`);
	const row: ScenarioResult = { id, ours: null, reference: null };
	// S compares two instances of ours with one; its columns are not servers.
	const kinds: ServerKind[] = id === 'S' ? ['ours', 'reference'] : settings.servers;
	for (const kind of kinds) {
		if (kind === 'hocuspocus' && HOCUSPOCUS_SKIPS[id]) {
			console.error(`scenario ${id} hocuspocus: skipped (${HOCUSPOCUS_SKIPS[id]})`);
			continue;
		}
		if (kind === 'hocuspocus') row.hocuspocus = null;
		const t0 = performance.now();
		try {
			const measured = await run(kind);
			row[kind] = { latency: measured.latency, metrics: derived(measured) };
		} catch (error) {
			console.error(`scenario ${id} on ${kind} failed:`, error);
		}
		console.error(`scenario ${id} ${kind}: ${Math.round((performance.now() - t0) / 1000)} s`);
	}
	results.push(row);
}

await stopSharedInfrastructure();

/** A at growing document counts until p99 reaches the target; the knee is the last below. */
async function kneeSearch(): Promise<KneeResult[]> {
	const out: KneeResult[] = [];
	for (const kind of settings.servers) {
		const steps: KneeStep[] = [];
		for (const docs of settings.kneeDocs) {
			let measured: Measured;
			try {
				measured = await scenarioA(kind, docs);
			} catch (error) {
				console.error(`knee ${kind} ${docs} docs failed:`, error);
				break;
			}
			const metrics = derived(measured);
			const step: KneeStep = {
				docs,
				clients: docs * 3,
				p50: measured.latency.p50,
				p99: measured.latency.p99,
				samples: measured.latency.count,
				serverCpuPercent: metrics.cpuPercent,
				generatorCpuPercent: metrics.generatorCpuPercent,
				eventLoopP99Ms: metrics.eventLoopP99Ms,
				generatorEventLoopP99Ms: metrics.generatorEventLoopP99Ms
			};
			steps.push(step);
			console.error(
				`knee ${kind} ${docs} docs: p99 ${step.p99} ms, server ${step.serverCpuPercent} %, generator ${step.generatorCpuPercent} % (event-loop p99 ${step.generatorEventLoopP99Ms} ms)`
			);
			if (!(step.p99 < KNEE_P99_MS)) break;
		}
		const below = steps.filter((step) => step.p99 < KNEE_P99_MS);
		out.push({ server: kind, p99TargetMs: KNEE_P99_MS, knee: below.at(-1)?.docs ?? null, steps });
	}
	return out;
}

const kneeResults = settings.knee ? await kneeSearch() : undefined;

const machine = {
	nproc: cpus().length,
	cpu: /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown',
	node: process.version,
	commit: gitCommit(),
	loadAverageAtEnd: Number(loadavg()[0].toFixed(2))
};
/** The commit measured (uncommitted changes in the tree are measured too). */
function gitCommit(): string {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

const output = {
	date: started.toISOString(),
	machine,
	settings,
	results,
	versions: { hocuspocus: hocuspocusVersion() },
	...(kneeResults ? { knee: kneeResults } : {})
};

/** The installed `@hocuspocus/server`, as the report names it. */
function hocuspocusVersion(): string {
	try {
		const url = new URL('../../@hocuspocus/server/package.json', import.meta.url);
		return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
	} catch {
		return 'unknown';
	}
}
if (settings.out !== '-') {
	const existing = existsSync(settings.out) ? readFileSync(settings.out, 'utf8') : null;
	// Formatted as `npm run format:check` expects, so a rerun leaves the repository clean.
	const text = mergeIntoDocument(existing, output);
	const config = await prettier.resolveConfig(settings.out);
	writeFileSync(settings.out, await prettier.format(text, { ...config, filepath: settings.out }));
}
console.log(JSON.stringify(output));
process.exit(0);
