import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's "working…" state for `use:enhance`: busy from the moment it is sent until its result
 * is shown. With `keepValues` the fields keep what was typed (so a refused form can be fixed).
 */
export class Submitting {
	busy = $state(false);
	readonly #keepValues: boolean;

	constructor(options: { keepValues: boolean }) {
		this.#keepValues = options.keepValues;
	}

	readonly enhance: SubmitFunction = () => {
		this.busy = true;
		return async ({ update }) => {
			await update({ reset: !this.#keepValues });
			this.busy = false;
		};
	};
}
