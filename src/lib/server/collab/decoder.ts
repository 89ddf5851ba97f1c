/**
 * Merging a stored document (snapshot + log rows) on a `worker_threads` thread, so a large cold
 * load does not stall every other document on the main thread. The worker builds a Y.Doc from
 * the rows and hands back `Y.encodeStateAsUpdate` of it (deleted content garbage-collected,
 * pending structs included) and the same state split into pieces (`causal-chunks.ts`), as
 * transferred buffers; the main thread applies the pieces one per turn of the event loop.
 *
 * The worker is an `eval` script that `require`s the CommonJS build of yjs, resolved from this
 * module: no separate entry file, so it works the same under Vite dev, Vitest, the bench bundle
 * and the adapter-node build (which keeps yjs in node_modules). One worker per collaboration
 * server, started on first use, `unref`'d (it never keeps the process alive), stopped after
 * ten seconds without work (its heap still holds the last document) and replaced after a crash.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { causalChunks } from './causal-chunks';

/** Characters of content per piece the main thread applies in one turn (a few milliseconds). */
const CHUNK_BUDGET = 128 * 1024;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
const causalChunks = (${causalChunks.toString()});
parentPort.on('message', ({ id, snapshot, updates }) => {
	let doc = null;
	try {
		doc = new Y.Doc();
		doc.transact(() => {
			if (snapshot) Y.applyUpdate(doc, snapshot);
			for (const update of updates) Y.applyUpdate(doc, update);
		});
		const state = Y.encodeStateAsUpdate(doc);
		const stateVector = Y.encodeStateVector(doc);
		let chunks = null;
		try {
			chunks = causalChunks(Y, doc, ${CHUNK_BUDGET});
		} catch {
			// The main thread then applies the whole state at once.
		}
		const buffers = [state.buffer, stateVector.buffer, ...(chunks ?? []).map((c) => c.buffer)];
		parentPort.postMessage({ id, state, stateVector, chunks }, buffers);
	} catch (error) {
		parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
	} finally {
		doc?.destroy();
	}
});
`;

/** A stored document merged on the worker. */
export interface Merged {
	/** The whole state as one update (`Y.encodeStateAsUpdate`). */
	state: Uint8Array;
	/** Its state vector, to confirm the pieces built all of it. */
	stateVector: Uint8Array;
	/**
	 * The same state as pieces to apply in order, one per turn (`causalChunks`); null when the
	 * split failed, and the state is applied at once.
	 */
	chunks: Uint8Array[] | null;
}

interface Reply extends Partial<Merged> {
	id: number;
	error?: string;
}

interface Waiting {
	resolve(merged: Merged): void;
	reject(error: Error): void;
}

/** A worker with nothing to do for this long is stopped: its heap holds the last document's copy. */
const IDLE_MS = 10_000;

export class DocumentDecoder {
	private worker: Worker | null = null;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;
	private readonly waiting = new Map<number, Waiting>();
	private nextId = 1;
	private closed = false;

	/**
	 * The snapshot and rows merged, computed off the main thread. Rejects when a row does not
	 * apply (the load fails, as on the main thread) or the worker dies.
	 */
	merge(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<Merged> {
		if (this.closed) return Promise.reject(new Error('document decoder is closed'));
		const worker = this.start();
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			// Copied, not transferred: a store may keep the arrays it returned (MemoryStore does).
			worker.postMessage({ id, snapshot, updates });
		});
	}

	/** Stops the worker; loads under way fail. */
	async close(): Promise<void> {
		this.closed = true;
		if (this.idleTimer) clearTimeout(this.idleTimer);
		const worker = this.worker;
		this.worker = null;
		this.failAll(new Error('document decoder is closed'));
		await worker?.terminate();
	}

	private start(): Worker {
		if (this.worker) return this.worker;
		const require = createRequire(import.meta.url);
		const worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: { yjs: require.resolve('yjs') }
		});
		worker.unref();
		worker.on('message', (reply: Reply) => {
			const waiting = this.waiting.get(reply.id);
			if (!waiting) return;
			this.waiting.delete(reply.id);
			if (reply.state && reply.stateVector) {
				waiting.resolve({
					state: reply.state,
					stateVector: reply.stateVector,
					chunks: reply.chunks ?? null
				});
			} else waiting.reject(new Error(reply.error ?? 'document decoder failed'));
			if (this.waiting.size === 0) this.stopWhenIdle(worker);
		});
		const lost = (error: Error) => {
			if (this.worker !== worker) return;
			this.worker = null;
			this.failAll(error);
		};
		worker.on('error', lost);
		worker.on('exit', (code) => lost(new Error(`document decoder exited (${code})`)));
		this.worker = worker;
		return worker;
	}

	private stopWhenIdle(worker: Worker): void {
		this.idleTimer = setTimeout(() => {
			this.idleTimer = null;
			if (this.worker !== worker || this.waiting.size > 0) return;
			this.worker = null;
			void worker.terminate();
		}, IDLE_MS);
		this.idleTimer.unref();
	}

	private failAll(error: Error): void {
		const waiting = [...this.waiting.values()];
		this.waiting.clear();
		for (const entry of waiting) entry.reject(error);
	}
}
