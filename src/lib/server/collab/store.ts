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

/** Rows for one document's log, in order. */
export interface AppendEntry {
	name: string;
	updates: readonly Uint8Array[];
}

export interface DocumentStore {
	load(name: string): Promise<StoredDocument>;
	/**
	 * Appends rows to the logs of one or more documents, in order, all or nothing: one write for
	 * every document edited in a batch window. Resolves with, for each entry, the sequence number
	 * of its last row; sequence numbers only grow.
	 */
	append(entries: readonly AppendEntry[]): Promise<number[]>;
	/**
	 * In one transaction: replaces the snapshot with `snapshot` (which must contain every row up to
	 * and including `uptoSeq`) and deletes those rows. Resolves false, changing nothing, when
	 * another app instance is compacting the same document at that moment (it folds the same rows).
	 */
	compact(name: string, snapshot: Uint8Array, uptoSeq: number): Promise<boolean>;
}
