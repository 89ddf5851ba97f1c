/**
 * One document's side of persistence: what it accepted and has not yet written, how long its log
 * has grown since the last compaction, and the compaction itself. The writing is done for every
 * document at once by the server's `StoreWriter` (`store-writer.ts`).
 */
import * as Y from 'yjs';
import type { DocumentDecoder, Merged } from './decoder';
import type { StoreWriter } from './store-writer';
import type { DocumentStore } from './store';
import { errorMessage } from './types';

export interface PersistenceSettings {
	/** Longest an accepted update waits before it is written. */
	batchMs: number;
	/** Compact when the log holds more rows than this… */
	compactAfterRows: number;
	/** …or more bytes than this. */
	compactAfterBytes: number;
	/** Compactions run after a write, at most this many (the rest wait for the next write). */
	compactionsPerWrite: number;
	retryInitialMs: number;
	retryMaxMs: number;
}

export const DEFAULT_PERSISTENCE: PersistenceSettings = {
	batchMs: 100,
	compactAfterRows: 500,
	compactAfterBytes: 1024 * 1024,
	compactionsPerWrite: 4,
	retryInitialMs: 100,
	retryMaxMs: 5_000
};

export interface LoadedState {
	doc: Y.Doc;
	/** Rows in the log after the snapshot, and their bytes: the compaction trigger's start. */
	rows: number;
	logBytes: number;
	/** Bytes read (snapshot + rows): the document-size estimate's start. */
	totalBytes: number;
	/**
	 * When the rows were merged off the main thread: `doc`'s whole state as one update, so a
	 * first sync and the update gate's replica use it without encoding `doc` again.
	 */
	state?: Uint8Array;
	/** Merged off the main thread: the pieces applied, and whether the whole state had to follow. */
	pieces?: { applied: number; wholeState: boolean };
}

export interface LoadOptions {
	/** Merges the stored rows off the main thread; without it everything is applied here. */
	decoder?: DocumentDecoder;
	/** Documents of at least this many stored bytes go through the decoder. */
	offThreadBytes?: number;
}

/** Stored documents this large are merged off the main thread by default. */
export const OFF_THREAD_BYTES = 256 * 1024;

/**
 * Builds a document from snapshot + later rows. A row that does not apply fails the load. A large
 * document is merged by the decoder's worker, and the main thread applies it in pieces, one per
 * turn of the event loop, so no piece stalls the other documents for long.
 */
export async function loadDocument(
	store: DocumentStore,
	name: string,
	options: LoadOptions = {}
): Promise<LoadedState> {
	const stored = await store.load(name);
	const doc = new Y.Doc();
	const logBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
	const totalBytes = logBytes + (stored.snapshot?.byteLength ?? 0);
	const loaded = { doc, rows: stored.updates.length, logBytes, totalBytes };
	const { decoder, offThreadBytes = OFF_THREAD_BYTES } = options;
	if (decoder && totalBytes >= offThreadBytes) {
		let merged: Merged;
		try {
			merged = await decoder.merge(stored.snapshot, stored.updates);
		} catch (error) {
			doc.destroy();
			throw error;
		}
		for (const chunk of merged.chunks ?? []) {
			Y.applyUpdate(doc, chunk);
			await nextTurn();
		}
		// The pieces are proven to rebuild the document (tests/unit/collab/causal-chunks.test.ts);
		// should they ever not, the whole state fills in what is missing.
		const wholeState = !builtWhole(doc, merged.stateVector);
		if (wholeState) {
			Y.applyUpdate(doc, merged.state);
			await nextTurn();
		}
		const applied = merged.chunks?.length ?? 0;
		return { ...loaded, state: merged.state, pieces: { applied, wholeState } };
	}
	doc.transact(() => {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const update of stored.updates) Y.applyUpdate(doc, update);
	});
	return loaded;
}

function nextTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** Whether `doc` holds all of a state vector and has nothing waiting. */
function builtWhole(doc: Y.Doc, stateVector: Uint8Array): boolean {
	if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return false;
	for (const [client, clock] of Y.decodeStateVector(stateVector)) {
		if (Y.getState(doc.store, client) < clock) return false;
	}
	return true;
}

export interface PersistenceHooks {
	/** The full current state, for compaction. */
	snapshot(): Uint8Array;
	/** Called after each successful write (e.g. to derive sheet progress). */
	stored(): void;
}

/** Rows taken for a write: the merged updates, and how many updates they hold. */
export interface TakenRows {
	rows: Uint8Array[];
	updates: number;
}

export class DocumentPersistence {
	private pending: Uint8Array[] = [];
	/** Updates in `pending` (a row put back after a failed write holds several). */
	private pendingUpdates = 0;
	private rows: number;
	private logBytes: number;
	/** True while a write holding this document's rows is failing. */
	degraded = false;

	constructor(
		readonly name: string,
		private readonly writer: StoreWriter,
		loaded: Pick<LoadedState, 'rows' | 'logBytes'>,
		private readonly hooks: PersistenceHooks
	) {
		this.rows = loaded.rows;
		this.logBytes = loaded.logBytes;
	}

	get hasPending(): boolean {
		return this.pending.length > 0;
	}

	enqueue(update: Uint8Array): void {
		this.pending.push(update);
		this.pendingUpdates += 1;
		this.writer.schedule(this);
	}

	/** Resolves once everything enqueued before the call is in the store (of every document). */
	flush(): Promise<void> {
		return this.writer.flush();
	}

	/** Stops taking part in writes and compactions (after a flush, when the document unloads). */
	close(): void {
		this.writer.forget(this);
	}

	/** For the writer: everything pending, merged into one row, and no longer pending. */
	take(): TakenRows | null {
		if (this.pending.length === 0) return null;
		const batch = this.pending;
		const updates = this.pendingUpdates;
		this.pending = [];
		this.pendingUpdates = 0;
		let rows = batch;
		if (batch.length > 1) {
			try {
				rows = [Y.mergeUpdates(batch)];
			} catch {
				// Unmergeable updates are still valid rows: written one by one, in order.
			}
		}
		return { rows, updates };
	}

	/** For the writer, after a failed write: the rows go back before anything enqueued since. */
	restore(taken: TakenRows): void {
		this.pending = [...taken.rows, ...this.pending];
		this.pendingUpdates += taken.updates;
	}

	/** For the writer, after a successful write. Returns true when the log should be compacted. */
	written(taken: TakenRows): boolean {
		const { compactAfterRows, compactAfterBytes } = this.writer.settings;
		this.rows += taken.rows.length;
		for (const row of taken.rows) this.logBytes += row.byteLength;
		try {
			this.hooks.stored();
		} catch (error) {
			this.writer.logger.error('onStored hook failed', {
				doc: this.name,
				error: errorMessage(error)
			});
		}
		return this.rows > compactAfterRows || this.logBytes > compactAfterBytes;
	}

	/** Folds the log up to `uptoSeq` into the snapshot. Failures are logged; the log keeps it all. */
	async compact(store: DocumentStore, uptoSeq: number): Promise<void> {
		// The live state includes every row up to uptoSeq (they came from it); anything newer in it
		// is harmless, as re-applying a row that is already in the snapshot changes nothing.
		try {
			// Skipped when another instance is compacting the same log: it folds the same rows.
			const compacted = await store.compact(this.name, this.hooks.snapshot(), uptoSeq);
			this.writer.metrics.add(compacted ? 'compactions' : 'compactionsSkipped');
			this.rows = 0;
			this.logBytes = 0;
		} catch (error) {
			this.writer.logger.warn('compacting document failed', {
				doc: this.name,
				error: errorMessage(error)
			});
		}
	}
}
