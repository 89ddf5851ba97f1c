import { MemoryStore } from '$lib/server/collab/memory-store';
import type { AppendEntry, StoredDocument } from '$lib/server/collab/store';

/** A MemoryStore that counts calls and can be held, slowed or made to fail, for tests. */
export class RecordingStore extends MemoryStore {
	loads = 0;
	appendAttempts = 0;
	/** Rows written by each successful append call. */
	appends: number[] = [];
	/** Documents written by each successful append call. */
	appendedDocuments: number[] = [];
	compactions: { name: string; uptoSeq: number }[] = [];
	failAppends = 0;
	failLoads = 0;
	appendDelayMs = 0;
	private loadGate: Promise<void> | null = null;
	private appendGate: Promise<void> | null = null;

	/** Holds every load until the returned function is called. */
	holdLoads(): () => void {
		let release = () => {};
		this.loadGate = new Promise((resolve) => (release = resolve));
		return release;
	}

	/** Holds every append until the returned function is called. */
	holdAppends(): () => void {
		let release = () => {};
		this.appendGate = new Promise((resolve) => (release = resolve));
		return release;
	}

	override async load(name: string): Promise<StoredDocument> {
		this.loads += 1;
		await this.loadGate;
		if (this.failLoads > 0) {
			this.failLoads -= 1;
			throw new Error('database unavailable');
		}
		return super.load(name);
	}

	override async append(entries: readonly AppendEntry[]): Promise<number[]> {
		this.appendAttempts += 1;
		await this.appendGate;
		await delay(this.appendDelayMs);
		if (this.failAppends > 0) {
			this.failAppends -= 1;
			throw new Error('connection reset');
		}
		this.appends.push(entries.reduce((sum, entry) => sum + entry.updates.length, 0));
		this.appendedDocuments.push(entries.length);
		return super.append(entries);
	}

	override async compact(name: string, snapshot: Uint8Array, uptoSeq: number): Promise<boolean> {
		this.compactions.push({ name, uptoSeq });
		return super.compact(name, snapshot, uptoSeq);
	}
}

export function delay(ms: number): Promise<void> {
	return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
