/**
 * Filled / total fields per section of a live sheet, recounted on every change to the document
 * (local typing and remote edits alike). The counting rule is the product's one
 * (`domain/templates/progress`), read through the same reader as the server's `sheet_progress`.
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { isFilled, sectionProgress, type Progress } from '$lib/domain/templates/progress';
import type { Template } from '$lib/domain/templates/types';
import { readFieldContent } from '$lib/shared/sheet-doc';

export type SectionCount = Progress & { readonly key: string };

export class LiveSectionProgress {
	readonly #subscribe: () => void;

	constructor(
		private readonly doc: Y.Doc,
		private readonly template: Template
	) {
		this.#subscribe = createSubscriber((update) => {
			const onUpdate = () => update();
			doc.on('update', onUpdate);
			return () => doc.off('update', onUpdate);
		});
	}

	/** One entry per section, in the template's order. */
	get sections(): SectionCount[] {
		this.#subscribe();
		return sectionProgress(this.template, (field) =>
			isFilled(field, readFieldContent(this.doc, field))
		);
	}
}
