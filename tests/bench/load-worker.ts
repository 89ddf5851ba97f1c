/**
 * A load generator process: raw `ws` + y-protocols clients (lighter than the provider), with
 * jittered reconnects. All clients of one document live in one worker, so a latency (scheduled
 * send on the writer → update received and read on an observer) is measured on one clock.
 *
 * Only writers keep a Y.Doc (they make the edits). An observer reads each update's origin and
 * clocks (`parseUpdateMeta`) without applying it: applying is the client's own work, done on its
 * own machine in real use, and here it would take the two cores from the server being measured.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import * as Y from 'yjs';
import { framingFor, type Framing } from './framing';
import { hostileFrames } from './hostile-frames';
import {
	encodeHistogram,
	newHistogram,
	syncFrame,
	updateFrame,
	type Role,
	type WorkerPlan,
	type WorkerReply,
	type WorkerRequest
} from './shared';

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
const random = Math.random;
const between = ([min, max]: [number, number]) => min + random() * (max - min);

let histogram = newHistogram();
let recording = false;
let active = false;
let stopping = false;
let expectingDrop = false;
let sent = 0;
let applied = 0;
let hostileSent = 0;
let hostileCloses = 0;
let reconnects = 0;
let syncTimes: number[] = [];
let nextToken = 0;
let cpuSince = process.cpuUsage();
/** The worker's own event-loop delay: a late worker makes every latency it measures late. */
const LOOP_RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loop.enable();
let wallSince = performance.now();

interface Send {
	clock: number;
	at: number;
}

/** What the clients of one document share: each writer's sends, by Yjs client id. */
class DocState {
	readonly writers = new Map<number, Send[]>();
	constructor(readonly name: string) {}
}

class Client {
	ws: WebSocket | null = null;
	synced = false;
	private attempts = 0;
	private openedAt = 0;
	private readonly doc: Y.Doc | null;
	private readonly cursors = new Map<number, number>();
	private timer: ReturnType<typeof setTimeout> | null = null;
	private next = 0;
	private onSynced: (() => void) | null = null;
	private readonly token = `u${process.pid}-${nextToken++}`;
	private nextHostile: (() => { frame: Uint8Array }) | null = null;
	private readonly framing: Framing;

	constructor(
		private readonly plan: WorkerPlan,
		private readonly state: DocState,
		readonly role: Role,
		private readonly url: string
	) {
		this.framing = framingFor(plan.framing, state.name);
		this.doc = role === 'typist' || role === 'form' ? new Y.Doc() : null;
		const doc = this.doc;
		if (doc && (role === 'typist' || role === 'form')) {
			state.writers.set(doc.clientID, []);
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin === 'remote') return;
				const clock = Y.parseUpdateMeta(update).from.get(doc.clientID) ?? 0;
				// A timer may fire a little early (libuv rounds to whole milliseconds): then the send
				// happens before its schedule and the latency clock starts at the real time.
				const at = Math.min(this.next, performance.now());
				state.writers.get(doc.clientID)?.push({ clock, at });
				sent += 1;
				if (this.synced) this.send(updateFrame(update));
			});
		}
	}

	open(): Promise<void> {
		this.openedAt = performance.now();
		const ws = new WebSocket(`${this.url}/${this.state.name}?token=${this.token}`, {
			perMessageDeflate: false
		});
		this.ws = ws;
		ws.binaryType = 'nodebuffer';
		const synced = new Promise<void>((resolve) => (this.onSynced = resolve));
		ws.on('open', () => {
			this.attempts = 0;
			for (const frame of this.framing.hello()) ws.send(frame);
			if (this.role === 'hostile') return this.startHostile();
			this.send(syncFrame(0, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])));
		});
		ws.on('message', (data: RawData) => this.receive(data as Buffer));
		ws.on('error', () => {});
		ws.on('close', () => {
			if (this.ws !== ws) return;
			this.synced = false;
			if (this.role === 'hostile') hostileCloses += 1;
			if (stopping) return;
			// Jittered exponential backoff, as the provider does (100 ms doubling, capped at 2.5 s).
			const delay = random() * Math.min(2_500, 100 * 2 ** this.attempts);
			this.attempts += 1;
			reconnects += 1;
			setTimeout(() => {
				if (!stopping) void this.open();
			}, delay);
		});
		return this.role === 'hostile' ? Promise.resolve() : synced;
	}

	private send(frame: Uint8Array) {
		this.ws?.send(this.framing.wrap(frame));
	}

	private receive(data: Buffer) {
		if (this.role === 'hostile') return;
		if (this.synced && this.role === 'passive') return;
		let frame;
		try {
			frame = this.framing.read(data);
		} catch {
			return;
		}
		if (frame.kind === 'step1') {
			const update = this.doc ? Y.encodeStateAsUpdate(this.doc, frame.stateVector) : EMPTY_UPDATE;
			this.send(syncFrame(1, update));
			return;
		}
		if (frame.kind === 'other') return;
		if (this.role !== 'passive') {
			if (this.doc) Y.applyUpdate(this.doc, frame.update, 'remote');
			applied += 1;
			if (recording) this.measure(frame.update);
		}
		if (frame.kind === 'step2' && !this.synced) {
			this.synced = true;
			syncTimes.push(performance.now() - this.openedAt);
			this.onSynced?.();
			checkAllSynced();
		}
	}

	private measure(update: Uint8Array) {
		const now = performance.now();
		for (const [client, to] of Y.parseUpdateMeta(update).to) {
			const sends = this.state.writers.get(client);
			if (!sends || client === this.doc?.clientID) continue;
			let cursor = this.cursors.get(client) ?? 0;
			while (cursor < sends.length && sends[cursor].clock < to) {
				histogram.recordValue(Math.max(1, Math.round((now - sends[cursor].at) * 1000)));
				cursor += 1;
			}
			this.cursors.set(client, cursor);
		}
	}

	/** Everything sent before measurement starts is not counted. */
	skipPast() {
		for (const [client, sends] of this.state.writers) this.cursors.set(client, sends.length);
	}

	start() {
		if (this.role !== 'typist' && this.role !== 'form') return;
		const interval = this.role === 'typist' ? this.plan.typeIntervalMs : this.plan.formIntervalMs;
		this.next = performance.now() + between(interval);
		const tick = () => {
			if (!active || stopping) return;
			// The latency clock starts at the scheduled time, so a late timer counts against us.
			this.edit();
			this.next += between(interval);
			this.timer = setTimeout(tick, Math.max(0, this.next - performance.now()));
		};
		this.timer = setTimeout(tick, Math.max(0, this.next - performance.now()));
	}

	private edit() {
		const doc = this.doc;
		if (!doc) return;
		if (this.role === 'typist') {
			const text = doc.getText('t');
			text.insert(
				Math.floor(random() * (text.length + 1)),
				'abcdefghij'[Math.floor(random() * 10)]
			);
		} else {
			doc
				.getMap('form')
				.set(`field${Math.floor(random() * 20)}`, `value ${Math.floor(random() * 1e6)}`);
		}
	}

	private startHostile() {
		this.nextHostile ??= hostileFrames(Math.floor(random() * 2 ** 31), {
			oversizeBytes: 1024 * 1024 + 16
		});
		const ws = this.ws;
		const tick = () => {
			if (!ws || ws.readyState !== WebSocket.OPEN || !active || stopping) return;
			ws.send(this.framing.wrap(this.nextHostile?.().frame ?? new Uint8Array([9])));
			hostileSent += 1;
			setTimeout(tick, 1000 / this.plan.hostileRate);
		};
		tick();
	}

	stop() {
		if (this.timer) clearTimeout(this.timer);
		this.ws?.terminate();
	}
}

let clients: Client[] = [];

function checkAllSynced() {
	if (!expectingDrop) return;
	if (clients.every((client) => client.role === 'hostile' || client.synced)) {
		expectingDrop = false;
		reply({ id: -1, cmd: 'all-synced', atMs: performance.now() });
	}
}

function reply(message: WorkerReply) {
	process.send?.(message);
}

async function openAll(plan: WorkerPlan) {
	const started = performance.now();
	clients = plan.docs.flatMap((docPlan) => {
		const state = new DocState(docPlan.name);
		return docPlan.roles.map(
			(role, index) => new Client(plan, state, role, docPlan.urls?.[index] ?? plan.url)
		);
	});
	let index = 0;
	const lane = async () => {
		while (index < clients.length) {
			const client = clients[index++];
			if (client.role !== 'hostile') await client.open();
		}
	};
	await Promise.all(Array.from({ length: plan.connectConcurrency }, lane));
	return performance.now() - started;
}

let openMs = 0;

async function handle(request: WorkerRequest): Promise<WorkerReply> {
	switch (request.cmd) {
		case 'open':
			openMs = await openAll(request.plan);
			return { id: request.id, cmd: 'done' };
		case 'go':
			if (request.active && !active) {
				active = true;
				recording = true;
				for (const client of clients) client.skipPast();
				for (const client of clients) {
					if (client.role === 'hostile') void client.open();
					else client.start();
				}
			} else if (!request.active) {
				active = false;
			}
			return { id: request.id, cmd: 'done' };
		case 'collect': {
			const cpu = process.cpuUsage(cpuSince);
			const report = {
				histogram: encodeHistogram(histogram),
				sent,
				applied,
				hostileFrames: hostileSent,
				hostileCloses,
				reconnects,
				openMs,
				syncTimesMs: syncTimes,
				cpuMs: (cpu.user + cpu.system) / 1000,
				elapsedMs: performance.now() - wallSince,
				eventLoopP99Ms: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS)
			};
			loop.reset();
			cpuSince = process.cpuUsage();
			wallSince = performance.now();
			histogram = newHistogram();
			sent = applied = hostileSent = hostileCloses = reconnects = 0;
			syncTimes = [];
			return { id: request.id, cmd: 'done', report };
		}
		case 'expect-drop':
			expectingDrop = true;
			return { id: request.id, cmd: 'done' };
		case 'quit':
			stopping = true;
			for (const client of clients) client.stop();
			setTimeout(() => process.exit(0), 20);
			return { id: request.id, cmd: 'done' };
	}
}

process.on('message', (request: WorkerRequest) => {
	void handle(request).then(reply, (error: unknown) => {
		console.error('bench worker:', error);
		process.exit(1);
	});
});
process.on('disconnect', () => process.exit(0));
