/** What the benchmark's processes say to each other, and the helpers they share. */
import hdr from 'hdr-histogram-js';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { FramingKind } from './framing';

export type ServerKind = 'ours' | 'reference' | 'hocuspocus';
export const SERVER_KINDS: ServerKind[] = ['ours', 'reference', 'hocuspocus'];
export type StoreKind = 'memory' | 'pglite' | 'postgres';

/** Parent → server process. Every request carries an id; the reply repeats it. */
export type ServerRequest =
	| { id: number; cmd: 'reset' }
	| { id: number; cmd: 'sample' }
	| { id: number; cmd: 'drop-all' }
	| { id: number; cmd: 'seed'; name: string; bytes: number }
	| { id: number; cmd: 'quit' };

export interface ServerSample {
	elapsedMs: number;
	cpuMs: number;
	eventLoopP99Ms: number;
	eventLoopMaxMs: number;
	/** Garbage-collection pauses since the last reset: their sum and the longest. */
	gcTotalMs: number;
	gcMaxMs: number;
	rssBytes: number;
	rssBaselineBytes: number;
	/** Store append calls (database writes) and rows appended since the last reset. */
	appends: number;
	rows: number;
	documentsLoaded: number;
	encodedBytes: number;
	connections: number;
	closesByCode: Record<number, number>;
	/**
	 * Reference and Hocuspocus: errors they logged (y-protocols logs updates it failed to apply
	 * and keeps the socket; Hocuspocus logs and closes).
	 */
	swallowedErrors: number;
}

export type ServerReply =
	| { id: 0; cmd: 'ready'; port: number }
	| { id: number; cmd: 'done'; sample?: ServerSample; seededBytes?: number };

export type Role = 'typist' | 'observer' | 'passive' | 'form' | 'hostile';

export interface DocPlan {
	name: string;
	roles: Role[];
	/** Per role, the server to connect to (scale-out: instances differ); default the plan's. */
	urls?: string[];
}

export interface WorkerPlan {
	url: string;
	/** Hocuspocus wants the document name before each message (see framing.ts). */
	framing: FramingKind;
	docs: DocPlan[];
	/** Milliseconds between keystrokes of a typist: uniform in [min, max]. */
	typeIntervalMs: [number, number];
	/** Milliseconds between field changes of a form client. */
	formIntervalMs: [number, number];
	/** Frames per second of each hostile socket. */
	hostileRate: number;
	/** Concurrent connection attempts while opening. */
	connectConcurrency: number;
}

/** Parent → load worker. */
export type WorkerRequest =
	| { id: number; cmd: 'open'; plan: WorkerPlan }
	| { id: number; cmd: 'go'; active: boolean }
	| { id: number; cmd: 'collect' }
	| { id: number; cmd: 'expect-drop' }
	| { id: number; cmd: 'quit' };

export interface WorkerReport {
	/** hdr histogram of latencies in microseconds, compressed. */
	histogram: string;
	sent: number;
	applied: number;
	hostileFrames: number;
	hostileCloses: number;
	reconnects: number;
	openMs: number;
	/** For cold loads: milliseconds from socket open request to sync step 2, per client. */
	syncTimesMs: number[];
	/** The worker's own CPU (user + system) and wall time since the last collect. */
	cpuMs: number;
	elapsedMs: number;
	/** Its event-loop delay p99 (ms, beyond the 10 ms sampling period) over that time. */
	eventLoopP99Ms: number;
}

export type WorkerReply =
	{ id: number; cmd: 'done'; report?: WorkerReport } | { id: -1; cmd: 'all-synced'; atMs: number };

export function newHistogram(): hdr.Histogram {
	return hdr.build({
		bitBucketSize: 'packed',
		lowestDiscernibleValue: 1,
		highestTrackableValue: 600_000_000,
		numberOfSignificantValueDigits: 3
	});
}

export function decodeHistogram(base64: string): hdr.Histogram {
	return hdr.decodeFromCompressedBase64(base64, 'packed');
}

export function encodeHistogram(histogram: hdr.Histogram): string {
	return hdr.encodeIntoCompressedBase64(histogram);
}

export function syncFrame(step: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, step);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

export const updateFrame = (update: Uint8Array) => syncFrame(syncProtocol.messageYjsUpdate, update);

export type ServerFrame =
	| { kind: 'step1'; stateVector: Uint8Array }
	| { kind: 'step2' | 'update'; update: Uint8Array }
	| { kind: 'other' };

/** Reads what the server sent; anything but sync is reported as 'other'. */
export function readServerFrame(frame: Uint8Array): ServerFrame {
	const decoder = decoding.createDecoder(frame);
	if (decoding.readVarUint(decoder) !== 0) return { kind: 'other' };
	return readSyncMessage(decoder);
}

/** A sync message after its type: step, then the state vector or update. */
export function readSyncMessage(decoder: decoding.Decoder): ServerFrame {
	const step = decoding.readVarUint(decoder);
	const payload = decoding.readVarUint8Array(decoder);
	if (step === syncProtocol.messageYjsSyncStep1) return { kind: 'step1', stateVector: payload };
	return { kind: step === syncProtocol.messageYjsSyncStep2 ? 'step2' : 'update', update: payload };
}

/**
 * A document of about `bytes` encoded bytes, written the way people write: chunks typed at
 * random places by four clients, with some deletions, so it has many items (about 40 k for
 * 16 MB, about 2 k for 160 KB). Deterministic for a given seed.
 */
export function buildDocument(bytes: number, seed = 1): Uint8Array {
	let state = seed;
	const random = () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
	const doc = new Y.Doc();
	const text = doc.getText('t');
	const words = 'mentor mentee goal progress week plan reflect feedback note session'.split(' ');
	const [shortest, longest] = bytes > 1_000_000 ? [200, 600] : [40, 120];
	let written = 0;
	for (let round = 0; written < bytes; round++) {
		// Writers take turns; Yjs derives each client's next clock from the store.
		doc.clientID = 1000 + (round % 4);
		doc.transact(() => {
			for (let i = 0; i < 20; i++) {
				let chunk = '';
				const length = shortest + Math.floor(random() * (longest - shortest));
				while (chunk.length < length) chunk += words[Math.floor(random() * words.length)] + ' ';
				text.insert(Math.floor(random() * (text.length + 1)), chunk);
				written += chunk.length + 8;
				if (random() < 0.1 && text.length > 20) text.delete(Math.floor(random() * 10), 5);
			}
		});
	}
	const result = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return result;
}

/** `--name value` and `--flag` options. */
export function parseOptions(argv: string[]): Map<string, string> {
	const options = new Map<string, string>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) continue;
		const [key, inline] = arg.slice(2).split('=', 2);
		if (inline !== undefined) options.set(key, inline);
		else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--'))
			options.set(key, argv[++i]);
		else options.set(key, 'true');
	}
	return options;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
