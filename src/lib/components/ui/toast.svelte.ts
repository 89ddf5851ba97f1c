import { getContext, setContext } from 'svelte';

export type ToastTone = 'info' | 'success' | 'warning' | 'danger';

export interface Toast {
	id: number;
	message: string;
	tone: ToastTone;
	/** Milliseconds before it goes away by itself; null: it stays until dismissed. */
	timeout: number | null;
	action?: { label: string; run: () => void };
}

export interface ToastOptions {
	tone?: ToastTone;
	timeout?: number | null;
	action?: Toast['action'];
}

/** Default display times: long enough to read twice; problems stay until dismissed. */
export const TOAST_TIMEOUT = 6000;
const MAX_TOASTS = 4;

interface Clock {
	setTimeout: (run: () => void, ms: number) => unknown;
	clearTimeout: (handle: unknown) => void;
	now: () => number;
}

const realClock: Clock = {
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
	now: () => Date.now()
};

/**
 * The short messages shown in the corner after an action ("Saved", "Invitation sent"). Timers
 * pause while the pointer or keyboard focus is on a toast (WCAG 2.2.1: enough time to read).
 */
export class ToastStore {
	items = $state<Toast[]>([]);
	#nextId = 1;
	#clock: Clock;
	#paused = false;
	/** Per toast: its timer and how much time it has left (bookkeeping the UI never reads). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: nothing renders it
	#timers = new Map<number, { handle: unknown; startedAt: number; remaining: number }>();

	constructor(clock: Clock = realClock) {
		this.#clock = clock;
	}

	/** Shows a message; returns its id (for dismiss). Danger toasts stay by default. */
	show(message: string, options: ToastOptions = {}): number {
		const tone = options.tone ?? 'info';
		const timeout =
			options.timeout !== undefined ? options.timeout : tone === 'danger' ? null : TOAST_TIMEOUT;
		const toast: Toast = { id: this.#nextId++, message, tone, timeout, action: options.action };
		this.items = [...this.items, toast].slice(-MAX_TOASTS);
		for (const id of this.#timers.keys())
			if (!this.items.some((item) => item.id === id)) this.#stopTimer(id);
		if (timeout !== null) {
			this.#timers.set(toast.id, { handle: null, startedAt: 0, remaining: timeout });
			if (!this.#paused) this.#startTimer(toast.id);
		}
		return toast.id;
	}

	success = (message: string, options: Omit<ToastOptions, 'tone'> = {}) =>
		this.show(message, { ...options, tone: 'success' });
	error = (message: string, options: Omit<ToastOptions, 'tone'> = {}) =>
		this.show(message, { ...options, tone: 'danger' });

	dismiss = (id: number) => {
		this.#stopTimer(id);
		this.items = this.items.filter((item) => item.id !== id);
	};

	clear() {
		for (const id of [...this.#timers.keys()]) this.#stopTimer(id);
		this.items = [];
	}

	/** Stops every countdown (pointer or focus is on the toasts). */
	pause = () => {
		if (this.#paused) return;
		this.#paused = true;
		const now = this.#clock.now();
		for (const timer of this.#timers.values()) {
			if (timer.handle === null) continue;
			this.#clock.clearTimeout(timer.handle);
			timer.handle = null;
			timer.remaining = Math.max(0, timer.remaining - (now - timer.startedAt));
		}
	};

	/** Continues every countdown where it stopped. */
	resume = () => {
		if (!this.#paused) return;
		this.#paused = false;
		for (const id of this.#timers.keys()) this.#startTimer(id);
	};

	#startTimer(id: number) {
		const timer = this.#timers.get(id);
		if (!timer || timer.handle !== null) return;
		timer.startedAt = this.#clock.now();
		timer.handle = this.#clock.setTimeout(() => this.dismiss(id), timer.remaining);
	}

	#stopTimer(id: number) {
		const timer = this.#timers.get(id);
		if (timer?.handle != null) this.#clock.clearTimeout(timer.handle);
		this.#timers.delete(id);
	}
}

const KEY = Symbol('toasts');

/** Creates the page's toast store and makes it available below (call once, in the layout). */
export function setToasts(store = new ToastStore()): ToastStore {
	return setContext(KEY, store);
}

/** The toast store set by the layout; call while a component initialises. */
export function getToasts(): ToastStore {
	const store = getContext<ToastStore | undefined>(KEY);
	if (!store) throw new Error('getToasts(): no ToastStore; call setToasts() in the layout');
	return store;
}
