/** Counters for `stats()`: cheap increments on the hot path, a copy on read. */
export interface CollabStats {
	/** Open WebSocket connections now. */
	connections: number;
	/** Connections accepted since start. */
	connectionsTotal: number;
	/** Documents in memory now. */
	documentsLoaded: number;
	/** Loads from the store since start (each document once per stay in memory). */
	documentLoads: number;
	/** Of those, loads whose stored rows were merged on the decoder's worker thread. */
	offThreadLoads: number;
	documentUnloads: number;
	messagesIn: number;
	messagesOut: number;
	/** Incoming updates dropped because the socket is read-only. */
	readOnlyDrops: number;
	/** Closes initiated by the server, by close code. */
	closesByCode: Record<number, number>;
	/** Updates written to the store (rows appended) and batches (append calls). */
	storedUpdates: number;
	storeBatches: number;
	storeFailures: number;
	compactions: number;
	/** Compactions left to another app instance that was compacting the same document. */
	compactionsSkipped: number;
	/** Documents whose writes are failing and being retried. */
	degradedDocuments: number;
}

/** The counters; the live gauges (`connections`, `documentsLoaded`) are read from the server. */
type Counter = Exclude<keyof CollabStats, 'closesByCode' | 'connections' | 'documentsLoaded'>;

export class CollabMetrics {
	private readonly counters: Record<Counter, number> = {
		connectionsTotal: 0,
		documentLoads: 0,
		offThreadLoads: 0,
		documentUnloads: 0,
		messagesIn: 0,
		messagesOut: 0,
		readOnlyDrops: 0,
		storedUpdates: 0,
		storeBatches: 0,
		storeFailures: 0,
		compactions: 0,
		compactionsSkipped: 0,
		degradedDocuments: 0
	};
	private readonly closes = new Map<number, number>();

	add(counter: Counter, by = 1): void {
		this.counters[counter] += by;
	}

	closed(code: number): void {
		this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
	}

	snapshot(gauges: Pick<CollabStats, 'connections' | 'documentsLoaded'>): CollabStats {
		return { ...gauges, ...this.counters, closesByCode: Object.fromEntries(this.closes) };
	}
}
