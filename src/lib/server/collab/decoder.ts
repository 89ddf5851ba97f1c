/**
 * Merging a stored document (snapshot + log rows) into one compact update on a `worker_threads`
 * thread, so a large cold load does not stall every other document on the main thread. The
 * worker builds a Y.Doc from the rows and hands back `Y.encodeStateAsUpdate` of it (deleted
 * content garbage-collected, pending structs included) as a transferred buffer; the main thread
 * then applies that one update.
 *
 * The worker is an `eval` script that `require`s the CommonJS build of yjs, resolved from this
 * module: no separate entry file, so it works the same under Vite dev, Vitest, the bench bundle
 * and the adapter-node build (which keeps yjs in node_modules). One worker per collaboration
 * server, started on first use, `unref`'d (it never keeps the process alive), replaced after a
 * crash.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
parentPort.on('message', ({ id, snapshot, updates }) => {
	let doc = null;
	try {
		doc = new Y.Doc();
		doc.transact(() => {
			if (snapshot) Y.applyUpdate(doc, snapshot);
			for (const update of updates) Y.applyUpdate(doc, update);
		});
		const state = Y.encodeStateAsUpdate(doc);
		parentPort.postMessage({ id, state }, [state.buffer]);
	} catch (error) {
		parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
	} finally {
		doc?.destroy();
	}
});
`;

interface Reply {
	id: number;
	state?: Uint8Array;
	error?: string;
}

interface Waiting {
	resolve(state: Uint8Array): void;
	reject(error: Error): void;
}

export class DocumentDecoder {
	private worker: Worker | null = null;
	private readonly waiting = new Map<number, Waiting>();
	private nextId = 1;
	private closed = false;

	/**
	 * The snapshot and rows merged into one update, computed off the main thread. Rejects when a
	 * row does not apply (the load fails, as on the main thread) or the worker dies.
	 */
	merge(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Promise<Uint8Array> {
		if (this.closed) return Promise.reject(new Error('document decoder is closed'));
		const worker = this.start();
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
			if (reply.state) waiting.resolve(reply.state);
			else waiting.reject(new Error(reply.error ?? 'document decoder failed'));
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

	private failAll(error: Error): void {
		const waiting = [...this.waiting.values()];
		this.waiting.clear();
		for (const entry of waiting) entry.reject(error);
	}
}
