/**
 * Where documents live between loads: a snapshot plus an append-only log of updates, behind
 * fetch/store callbacks (the shape of Hocuspocus' extension-database). `pg-store.ts` is the
 * Postgres implementation; `memory-store.ts` serves tests and tools.
 */

export interface StoredDocument {
	/** The merged state up to some point, or null before the first compaction. */
	snapshot: Uint8Array | null;
	/** Log rows not yet folded into the snapshot, oldest first. */
	updates: Uint8Array[];
	/** Sequence number of the newest row returned (0 when there are none). */
	lastSeq: number;
}

export interface DocumentStore {
	load(name: string): Promise<StoredDocument>;
	/**
	 * Appends updates to the log, in order, atomically. Resolves with the sequence number of the
	 * last row written; sequence numbers only grow.
	 */
	append(name: string, updates: readonly Uint8Array[]): Promise<number>;
	/**
	 * In one transaction: replaces the snapshot with `snapshot` (which must contain every row up to
	 * and including `uptoSeq`) and deletes those rows.
	 */
	compact(name: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
}
