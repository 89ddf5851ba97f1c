import type { AppendEntry, DocumentStore, StoredDocument } from './store';

interface Row {
	seq: number;
	update: Uint8Array;
}

/** A `DocumentStore` in process memory: for tests and tools, never for data that must survive. */
export class MemoryStore implements DocumentStore {
	private readonly logs = new Map<string, Row[]>();
	private readonly snapshots = new Map<string, Uint8Array>();
	private seq = 0;

	async load(name: string): Promise<StoredDocument> {
		const rows = this.logs.get(name) ?? [];
		return {
			snapshot: this.snapshots.get(name) ?? null,
			updates: rows.map((row) => row.update),
			lastSeq: rows.at(-1)?.seq ?? 0
		};
	}

	async append(entries: readonly AppendEntry[]): Promise<number[]> {
		if (entries.some((entry) => entry.updates.length === 0)) {
			throw new Error('append needs at least one update per document');
		}
		return entries.map(({ name, updates }) => {
			const rows = this.logs.get(name) ?? [];
			for (const update of updates) rows.push({ seq: ++this.seq, update: update.slice() });
			this.logs.set(name, rows);
			return this.seq;
		});
	}

	async compact(name: string, snapshot: Uint8Array, uptoSeq: number): Promise<boolean> {
		this.snapshots.set(name, snapshot.slice());
		this.logs.set(
			name,
			(this.logs.get(name) ?? []).filter((row) => row.seq > uptoSeq)
		);
		return true;
	}

	/** Rows currently in the log of `name` (for assertions). */
	logLength(name: string): number {
		return this.logs.get(name)?.length ?? 0;
	}

	hasSnapshot(name: string): boolean {
		return this.snapshots.has(name);
	}
}
