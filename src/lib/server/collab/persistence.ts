/**
 * Writes a document's updates to the store: batched (one append per `batchMs` window), merged into
 * a snapshot when the log grows, retried with backoff while the store fails. Nothing is dropped:
 * unwritten updates stay in memory until a write succeeds, and `flush` resolves only then.
 */
import * as Y from 'yjs';
import type { CollabMetrics } from './metrics';
import type { DocumentStore } from './store';
import { errorMessage, type CollabLogger } from './types';

export interface PersistenceSettings {
	/** Longest an accepted update waits before it is written. */
	batchMs: number;
	/** Compact when the log holds more rows than this… */
	compactAfterRows: number;
	/** …or more bytes than this. */
	compactAfterBytes: number;
	retryInitialMs: number;
	retryMaxMs: number;
}

export const DEFAULT_PERSISTENCE: PersistenceSettings = {
	batchMs: 100,
	compactAfterRows: 500,
	compactAfterBytes: 1024 * 1024,
	retryInitialMs: 100,
	retryMaxMs: 5_000
};

export interface PersistenceContext {
	store: DocumentStore;
	settings: PersistenceSettings;
	logger: CollabLogger;
	metrics: CollabMetrics;
}

export interface LoadedState {
	doc: Y.Doc;
	/** Rows in the log after the snapshot, and their bytes: the compaction trigger's start. */
	rows: number;
	logBytes: number;
	/** Bytes read (snapshot + rows): the document-size estimate's start. */
	totalBytes: number;
}

/** Builds a document from snapshot + later rows. A row that does not apply fails the load. */
export async function loadDocument(store: DocumentStore, name: string): Promise<LoadedState> {
	const stored = await store.load(name);
	const doc = new Y.Doc();
	const logBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
	doc.transact(() => {
		if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
		for (const update of stored.updates) Y.applyUpdate(doc, update);
	});
	return {
		doc,
		rows: stored.updates.length,
		logBytes,
		totalBytes: logBytes + (stored.snapshot?.byteLength ?? 0)
	};
}

export interface PersistenceHooks {
	/** The full current state, for compaction. */
	snapshot(): Uint8Array;
	/** Called after each successful write (e.g. to derive sheet progress). */
	stored(): void;
}

export class DocumentPersistence {
	private pending: Uint8Array[] = [];
	private timer: ReturnType<typeof setTimeout> | null = null;
	private tail: Promise<void> = Promise.resolve();
	private rows: number;
	private logBytes: number;
	private degraded = false;

	constructor(
		private readonly name: string,
		private readonly context: PersistenceContext,
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
		this.timer ??= setTimeout(() => void this.flush(), this.context.settings.batchMs);
	}

	/** Resolves once everything enqueued before (and during) the call is in the store. */
	flush(): Promise<void> {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = null;
		}
		// Writes are serialised, so rows reach the log in the order the document produced them.
		// `drain` handles its own failures; the catch only keeps one bug from wedging the chain.
		this.tail = this.tail
			.then(() => this.drain())
			.catch((error: unknown) => {
				this.context.logger.error('persisting document failed unexpectedly', {
					doc: this.name,
					error: errorMessage(error)
				});
			});
		return this.tail;
	}

	private async drain(): Promise<void> {
		const { store, settings, logger, metrics } = this.context;
		let backoff = settings.retryInitialMs;
		while (this.pending.length > 0) {
			const batch = this.pending;
			this.pending = [];
			let merged: Uint8Array | null = null;
			let lastSeq: number;
			try {
				merged = batch.length === 1 ? batch[0] : Y.mergeUpdates(batch);
				lastSeq = await store.append(this.name, [merged]);
			} catch (error) {
				// Back to the front: later updates may depend on these.
				this.pending = [...(merged ? [merged] : batch), ...this.pending];
				metrics.add('storeFailures');
				if (!this.degraded) {
					this.degraded = true;
					metrics.add('degradedDocuments');
				}
				logger.error('storing document updates failed; keeping them in memory and retrying', {
					doc: this.name,
					pendingUpdates: this.pending.length,
					retryInMs: backoff,
					error: errorMessage(error)
				});
				await sleep(backoff);
				backoff = Math.min(backoff * 2, settings.retryMaxMs);
				continue;
			}
			if (this.degraded) {
				this.degraded = false;
				metrics.add('degradedDocuments', -1);
				logger.info('storing document updates recovered', { doc: this.name });
			}
			backoff = settings.retryInitialMs;
			metrics.add('storeBatches');
			metrics.add('storedUpdates', batch.length);
			this.rows += 1;
			this.logBytes += merged.byteLength;
			this.notifyStored();
			if (this.rows > settings.compactAfterRows || this.logBytes > settings.compactAfterBytes) {
				await this.compact(lastSeq);
			}
		}
	}

	private async compact(uptoSeq: number): Promise<void> {
		// The live state includes every row up to uptoSeq (they came from it); anything newer in it
		// is harmless, as re-applying a row that is already in the snapshot changes nothing.
		try {
			await this.context.store.compact(this.name, this.hooks.snapshot(), uptoSeq);
			this.context.metrics.add('compactions');
			this.rows = 0;
			this.logBytes = 0;
		} catch (error) {
			// The log still has everything; the next write tries again.
			this.context.logger.warn('compacting document failed', {
				doc: this.name,
				error: errorMessage(error)
			});
		}
	}

	private notifyStored(): void {
		try {
			this.hooks.stored();
		} catch (error) {
			this.context.logger.error('onStored hook failed', {
				doc: this.name,
				error: errorMessage(error)
			});
		}
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
