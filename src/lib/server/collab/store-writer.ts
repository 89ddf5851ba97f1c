/**
 * Writes what every loaded document accepted, for all documents at once: at most `batchMs` after
 * the first pending update, one `append` carries the merged rows of every document with pending
 * updates (one round trip, one transaction). So the database sees ~10 writes a second whether
 * 1 or 1,000 documents are being edited, instead of one per document per window.
 *
 * Writes are serialised (one in flight), so each document's rows reach the log in the order the
 * document produced them. A failed write puts every row back in front of its document's queue
 * and is retried with backoff, with whatever was enqueued meanwhile; nothing is dropped, and
 * `flush` resolves only once its rows are in. Compactions follow a write, a few at a time, so
 * documents that fill up together do not all compact in the same moment.
 */
import type { CollabMetrics } from './metrics';
import type { DocumentPersistence, PersistenceSettings, TakenRows } from './persistence';
import type { DocumentStore } from './store';
import { errorMessage, type CollabLogger } from './types';

export interface StoreWriterContext {
	store: DocumentStore;
	settings: PersistenceSettings;
	logger: CollabLogger;
	metrics: CollabMetrics;
}

/** The most document names a log line lists. */
const NAMES_IN_LOG = 5;

export class StoreWriter {
	readonly settings: PersistenceSettings;
	readonly logger: CollabLogger;
	readonly metrics: CollabMetrics;
	private readonly dirty = new Set<DocumentPersistence>();
	/** Documents whose log should be folded into the snapshot, with the newest row written. */
	private readonly compactionsDue = new Map<DocumentPersistence, number>();
	private timer: ReturnType<typeof setTimeout> | null = null;
	private writing = false;
	private tail: Promise<void> = Promise.resolve();
	private failing = false;

	constructor(private readonly context: StoreWriterContext) {
		this.settings = context.settings;
		this.logger = context.logger;
		this.metrics = context.metrics;
	}

	/** The document has pending rows: they are written within `batchMs`. */
	schedule(document: DocumentPersistence): void {
		this.dirty.add(document);
		if (!this.writing) this.arm();
	}

	/** No further writes or compactions for this document (its pending rows were flushed). */
	forget(document: DocumentPersistence): void {
		this.dirty.delete(document);
		this.compactionsDue.delete(document);
	}

	/** Resolves once everything enqueued before the call is in the store. */
	flush(): Promise<void> {
		this.disarm();
		const done = this.tail.then(() => this.writeOnce());
		// The chain must survive one failed link; `writeOnce` handles the store's failures itself.
		this.tail = done.catch((error: unknown) => {
			this.logger.error('persisting documents failed unexpectedly', {
				error: errorMessage(error)
			});
		});
		return done;
	}

	private arm(): void {
		this.timer ??= setTimeout(() => {
			this.timer = null;
			void this.flush().catch(() => {});
		}, this.settings.batchMs);
	}

	private disarm(): void {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = null;
		}
	}

	/** Writes what is pending now, retrying until it is in; then runs due compactions. */
	private async writeOnce(): Promise<void> {
		this.writing = true;
		try {
			await this.writeWithRetries();
			await this.compactSome();
		} finally {
			this.writing = false;
			// Whatever was enqueued during the write waits for its own window.
			if (this.dirty.size > 0) this.arm();
		}
	}

	private async writeWithRetries(): Promise<void> {
		const { store, settings, logger, metrics } = this.context;
		let backoff = settings.retryInitialMs;
		for (;;) {
			const batch = this.takeBatch();
			if (batch.length === 0) return;
			let lastSeqs: number[];
			try {
				lastSeqs = await store.append(
					batch.map(({ document, taken }) => ({ name: document.name, updates: taken.rows }))
				);
			} catch (error) {
				// Back in front of each queue: later updates may depend on these. The retry takes
				// whatever was enqueued meanwhile as well.
				for (const { document, taken } of batch) {
					document.restore(taken);
					this.dirty.add(document);
					if (!document.degraded) {
						document.degraded = true;
						metrics.add('degradedDocuments');
					}
				}
				metrics.add('storeFailures');
				this.failing = true;
				logger.error('storing document updates failed; keeping them in memory and retrying', {
					documents: batch.length,
					docs: batch.slice(0, NAMES_IN_LOG).map(({ document }) => document.name),
					pendingUpdates: batch.reduce((sum, { taken }) => sum + taken.updates, 0),
					retryInMs: backoff,
					error: errorMessage(error)
				});
				await sleep(backoff);
				backoff = Math.min(backoff * 2, settings.retryMaxMs);
				continue;
			}
			if (this.failing) {
				this.failing = false;
				logger.info('storing document updates recovered', { documents: batch.length });
			}
			metrics.add('storeBatches');
			batch.forEach(({ document, taken }, index) => {
				metrics.add('storedUpdates', taken.updates);
				if (document.degraded) {
					document.degraded = false;
					metrics.add('degradedDocuments', -1);
				}
				if (document.written(taken)) this.compactionsDue.set(document, lastSeqs[index]);
			});
			return;
		}
	}

	private takeBatch(): { document: DocumentPersistence; taken: TakenRows }[] {
		const documents = [...this.dirty];
		this.dirty.clear();
		return documents.flatMap((document) => {
			const taken = document.take();
			return taken ? [{ document, taken }] : [];
		});
	}

	private async compactSome(): Promise<void> {
		const due = [...this.compactionsDue].slice(0, this.settings.compactionsPerWrite);
		for (const [document, uptoSeq] of due) {
			this.compactionsDue.delete(document);
			await document.compact(this.context.store, uptoSeq);
		}
		if (this.compactionsDue.size > 0) this.arm();
	}
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
