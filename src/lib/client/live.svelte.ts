/**
 * The browser's end of the live stream: one EventSource per tab (`/live`), shared by every
 * component through `getLive()`. EventSource reconnects by itself after a dropped connection;
 * when the server refused the stream (signed out, restarted) it is opened again with a growing
 * delay. Components subscribe with `live.on(type, handler)` inside an `$effect`, which returns
 * the unsubscribe; the unread counts are state that any component can read.
 */
import type { LiveEvent } from '$lib/shared/live-events';
import { LIVE_EVENT_NAME, readLiveEvent } from '$lib/shared/live';

type Handler<T extends LiveEvent['type']> = (event: Extract<LiveEvent, { type: T }>) => void;

export class LiveClient {
	/** The person's unread messages, as last told by the server (null until then). */
	unread = $state<{ total: number; byPair: Record<string, number> } | null>(null);
	connected = $state(false);

	#source: EventSource | null = null;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: a registry of callbacks
	#handlers = new Map<LiveEvent['type'], Set<(event: LiveEvent) => void>>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: a registry of callbacks
	#onOpen = new Set<() => void>();
	#retryMs = 1_000;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#users = 0;

	/** Starts the stream (once per tab); returns a function that stops it when nobody needs it. */
	start(): () => void {
		this.#users++;
		if (!this.#source && !this.#timer) this.#open();
		return () => {
			this.#users--;
			if (this.#users === 0) this.#close();
		};
	}

	on<T extends LiveEvent['type']>(type: T, handler: Handler<T>): () => void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: a registry of callbacks
		const set = this.#handlers.get(type) ?? new Set();
		this.#handlers.set(type, set);
		const wrapped = handler as (event: LiveEvent) => void;
		set.add(wrapped);
		return () => set.delete(wrapped);
	}

	/**
	 * Runs each time the stream (re)connects: events sent while it was down (or before it first
	 * opened) were missed, so a page reloads what it shows.
	 */
	onConnect(handler: () => void): () => void {
		this.#onOpen.add(handler);
		return () => this.#onOpen.delete(handler);
	}

	#open(): void {
		this.#timer = undefined;
		const source = new EventSource('/live');
		this.#source = source;
		source.onopen = () => {
			this.connected = true;
			this.#retryMs = 1_000;
			for (const handler of this.#onOpen) handler();
		};
		source.addEventListener(LIVE_EVENT_NAME, (message) => {
			const event = readLiveEvent((message as MessageEvent<string>).data);
			if (!event) return;
			if (event.type === 'unread') this.unread = { total: event.total, byPair: event.byPair };
			for (const handler of this.#handlers.get(event.type) ?? []) handler(event);
		});
		source.onerror = () => {
			this.connected = false;
			// CLOSED: the browser gave up (e.g. a 401); try again later ourselves.
			if (source.readyState === EventSource.CLOSED) {
				this.#source = null;
				this.#timer = setTimeout(() => this.#open(), this.#retryMs);
				this.#retryMs = Math.min(this.#retryMs * 2, 60_000);
			}
		};
	}

	#close(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#source?.close();
		this.#source = null;
		this.connected = false;
	}
}

let live: LiveClient | undefined;

/** The tab's one live client. */
export function getLive(): LiveClient {
	live ??= new LiveClient();
	return live;
}
