/**
 * The registry of documents in memory. Each document is loaded exactly once per stay in memory:
 * concurrent connections share one load promise, and nobody receives a sync message before the
 * load has finished. A document nobody is connected to for `idleUnloadMs` is flushed and
 * unloaded. One registry belongs to one `createCollabServer` call: no module-level state, since a
 * SvelteKit route may see a second instance of this module.
 */
import type { CollabMetrics } from './metrics';
import type { DocumentConnection, SharedDocument } from './shared-document';
import { errorMessage, type CollabLogger } from './types';

interface Entry<C extends DocumentConnection> {
	refs: number;
	loading: Promise<SharedDocument<C>>;
	loaded: SharedDocument<C> | null;
	idleTimer: ReturnType<typeof setTimeout> | null;
}

export interface RegistryOptions<C extends DocumentConnection> {
	open(name: string): Promise<SharedDocument<C>>;
	/** Writes every pending update of every document (they share one writer). */
	flush(): Promise<void>;
	idleUnloadMs: number;
	logger: CollabLogger;
	metrics: CollabMetrics;
}

export class DocumentRegistry<C extends DocumentConnection> {
	private readonly entries = new Map<string, Entry<C>>();
	private closed = false;

	constructor(private readonly options: RegistryOptions<C>) {}

	/**
	 * The loaded document, counting one more user of it. Every successful `acquire` must be
	 * matched by one `release`. A failed load is not cached: the next `acquire` tries again.
	 */
	async acquire(name: string): Promise<SharedDocument<C>> {
		if (this.closed) throw new Error('collaboration server is shut down');
		const entry = this.entries.get(name) ?? this.startLoad(name);
		entry.refs += 1;
		this.cancelIdle(entry);
		try {
			return await entry.loading;
		} catch (error) {
			if (this.entries.get(name) === entry) this.entries.delete(name);
			throw error;
		}
	}

	release(name: string): void {
		const entry = this.entries.get(name);
		if (!entry || entry.refs === 0) return;
		entry.refs -= 1;
		if (entry.refs === 0 && !this.closed) {
			entry.idleTimer = setTimeout(
				() => void this.unloadIfIdle(name, entry),
				this.options.idleUnloadMs
			);
		}
	}

	get(name: string): SharedDocument<C> | undefined {
		return this.entries.get(name)?.loaded ?? undefined;
	}

	loadedDocuments(): SharedDocument<C>[] {
		return [...this.entries.values()].flatMap((entry) => (entry.loaded ? [entry.loaded] : []));
	}

	flushAll(): Promise<void> {
		return this.options.flush();
	}

	/** Refuses further loads, waits for loads under way, flushes and unloads everything. */
	async close(): Promise<void> {
		this.closed = true;
		const entries = [...this.entries.entries()];
		const loaded = await Promise.all(
			entries.map(async ([name, entry]) => {
				this.cancelIdle(entry);
				const document = await entry.loading.catch(() => null);
				return document ? [{ name, entry, document }] : [];
			})
		);
		await this.options.flush();
		for (const { name, entry, document } of loaded.flat()) this.unload(name, entry, document);
	}

	private startLoad(name: string): Entry<C> {
		const entry: Entry<C> = {
			refs: 0,
			loaded: null,
			idleTimer: null,
			loading: this.load(name).then((document) => {
				entry.loaded = document;
				return document;
			})
		};
		this.entries.set(name, entry);
		return entry;
	}

	private async load(name: string): Promise<SharedDocument<C>> {
		const started = performance.now();
		const document = await this.options.open(name);
		this.options.metrics.add('documentLoads');
		this.options.logger.debug('document loaded', {
			doc: name,
			ms: Math.round(performance.now() - started)
		});
		return document;
	}

	private async unloadIfIdle(name: string, entry: Entry<C>): Promise<void> {
		entry.idleTimer = null;
		const document = entry.loaded;
		if (entry.refs > 0 || !document || this.entries.get(name) !== entry) return;
		try {
			await document.persistence.flush();
		} catch (error) {
			this.options.logger.error('flushing idle document failed', {
				doc: name,
				error: errorMessage(error)
			});
			return;
		}
		// Someone connected while we were flushing: the document stays, nothing was lost.
		if (entry.refs > 0 || this.entries.get(name) !== entry) return;
		this.unload(name, entry, document);
	}

	private unload(name: string, entry: Entry<C>, document: SharedDocument<C>): void {
		if (this.entries.get(name) === entry) this.entries.delete(name);
		document.destroy();
		this.options.metrics.add('documentUnloads');
		this.options.logger.debug('document unloaded', { doc: name });
	}

	private cancelIdle(entry: Entry<C>): void {
		if (entry.idleTimer) {
			clearTimeout(entry.idleTimer);
			entry.idleTimer = null;
		}
	}
}
