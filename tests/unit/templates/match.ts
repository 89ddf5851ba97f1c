import { fieldsOf, type LocalizedText, type Template } from '../../../src/lib/domain/templates';

/**
 * Normalises a source line or a label for comparison: trim, collapse whitespace, drop leading
 * bullets and numbering, unify blanks ("___", "...", "…"), quotes and accents, drop a trailing dotted or
 * underlined answer line and trailing punctuation, unwrap "[…]" / "(…)", compare case-insensitively.
 */
export function normalise(s: string): string {
	let out = s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[’‘]/g, "'")
		.replace(/[“”„]/g, '"')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^(?:[·•\-–]\s*)+/, '')
		.replace(/^\d+\s*[.)]\s*(?:\.\s*)?/, '')
		.replace(/_{2,}|\.{3,}|…+/g, '…')
		.replace(/(?:\s*…)+/g, ' …')
		.replace(/^[\s…]+/, '')
		.replace(/[\s…_.:;]+$/, '')
		.trim();
	const wrapped = /^\[(.*)\]$/.exec(out) ?? /^\((.*)\)$/.exec(out);
	if (wrapped) out = wrapped[1].trim();
	return out.toLowerCase();
}

/** Every Dutch string a person filling the sheet sees next to an input. */
export function haystack(template: Template): string[] {
	const texts: LocalizedText[] = [];
	for (const f of fieldsOf(template)) {
		texts.push(f.label);
		if (f.help) texts.push(f.help);
		if (f.kind === 'choice' || f.kind === 'multi') texts.push(...f.options.map((o) => o.label));
		if (f.kind === 'checklist') texts.push(...f.items.map((i) => i.label));
		if (f.kind === 'table') {
			for (const c of f.columns) {
				texts.push(c.label);
				if (c.help) texts.push(c.help);
				if (c.kind === 'choice') texts.push(...c.options.map((o) => o.label));
			}
		}
	}
	return texts.map((x) => normalise(x.nl));
}

/** A source prompt is present when some label equals it or (if it is long enough) contains it. */
export function missingPrompts(template: Template, prompts: readonly string[]): string[] {
	const hay = haystack(template);
	return prompts.filter((p) => {
		const want = normalise(p);
		return !hay.some((h) => h === want || (want.length >= 12 && h.includes(want)));
	});
}
