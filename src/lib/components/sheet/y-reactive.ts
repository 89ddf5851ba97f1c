/**
 * Reading Yjs types from Svelte: each getter subscribes the reading effect to the type's
 * observer, so a remote edit re-renders exactly the components that read it.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';

/** A Y.Map whose entries are reactive to read. */
export class ReactiveYMap {
	readonly #subscribe: () => void;

	constructor(readonly map: Y.Map<unknown>) {
		this.#subscribe = createSubscriber((update) => {
			const onChange = () => update();
			map.observe(onChange);
			return () => map.unobserve(onChange);
		});
	}

	get(key: string): unknown {
		this.#subscribe();
		return this.map.get(key);
	}

	set(key: string, value: unknown): void {
		this.map.set(key, value);
	}

	delete(key: string): void {
		this.map.delete(key);
	}
}

/** A Y.Array whose items are reactive to read (a shallow observer: the list, not its contents). */
export class ReactiveYArray<T> {
	readonly #subscribe: () => void;

	constructor(readonly array: Y.Array<T>) {
		this.#subscribe = createSubscriber((update) => {
			const onChange = () => update();
			array.observe(onChange);
			return () => array.unobserve(onChange);
		});
	}

	get items(): T[] {
		this.#subscribe();
		return this.array.toArray();
	}
}

/** A whole Y type tree (e.g. the comments) whose every nested change is reactive. */
export function deepSubscriber<E>(type: Y.AbstractType<E>): () => void {
	return createSubscriber((update) => {
		const onChange = () => update();
		type.observeDeep(onChange);
		return () => type.unobserveDeep(onChange);
	});
}

/** A Y.Text whose content is reactive to read (for "is it empty?" decisions, not for editing). */
export class ReactiveYText {
	readonly #subscribe: () => void;

	constructor(readonly text: Y.Text) {
		this.#subscribe = createSubscriber((update) => {
			const onChange = () => update();
			text.observe(onChange);
			return () => text.unobserve(onChange);
		});
	}

	get value(): string {
		this.#subscribe();
		return this.text.toString();
	}
}
