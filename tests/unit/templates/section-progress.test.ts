import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	fieldsOf,
	getTemplate,
	isFilled,
	pairSheets,
	sectionProgress
} from '$lib/domain/templates';
import { LiveSectionProgress } from '$lib/components/sheet/section-progress.svelte';
import { readFieldContent, sheetProgress } from '$lib/shared/sheet-doc';

/** The outline's per-section counts are the sheet's progress, split by section. */
describe('sectionProgress', () => {
	it('has one entry per section whose sums are the sheet’s progress', () => {
		for (const template of pairSheets) {
			const doc = new Y.Doc();
			// Fill every other short-text field: some sections get counts, some stay at zero.
			for (const [i, field] of fieldsOf(template).entries())
				if (i % 2 === 0 && field.kind === 'text') doc.getText(field.key).insert(0, 'ja');
			const sections = sectionProgress(template, (f) => isFilled(f, readFieldContent(doc, f)));
			expect(sections.map((s) => s.key)).toEqual(template.sections.map((s) => s.key));
			const whole = sheetProgress(doc, template);
			expect(sections.reduce((n, s) => n + s.filled, 0)).toBe(whole.filled);
			expect(sections.reduce((n, s) => n + s.total, 0)).toBe(whole.total);
		}
	});

	it('follows the document as it changes (the live outline)', () => {
		const template = getTemplate('PS1')!;
		const doc = new Y.Doc();
		const live = new LiveSectionProgress(doc, template);
		expect(live.sections.every((s) => s.filled === 0)).toBe(true);
		const text = fieldsOf(template).find((f) => f.kind === 'text' || f.kind === 'rich')!;
		if (text.kind === 'text') doc.getText(text.key).insert(0, 'Een antwoord');
		else {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Een antwoord')]);
			doc.getXmlFragment(text.key).push([paragraph]);
		}
		const section = template.sections.find((s) => s.fields.includes(text))!;
		expect(live.sections.find((s) => s.key === section.key)?.filled).toBe(1);
	});
});
