/**
 * Progress counting: which fields are filled, per sheet and per section. Its own module so the
 * live sheet can count without bundling every template (the catalogue is in `index.ts`).
 */
import { fieldsOf, type Field, type Template } from './types';

/**
 * The number of fields that count towards a sheet's progress: every field of the template counts
 * once, whatever its kind (a table, a checklist or an agree statement with its note is one field).
 */
export function countFields(template: Template): number {
	return fieldsOf(template).length;
}

export interface Progress {
	readonly filled: number;
	readonly total: number;
}

/** How many of a sheet's fields are filled, with the caller deciding per field (see {@link isFilled}). */
export function progress(template: Template, isFieldFilled: (field: Field) => boolean): Progress {
	const fields = fieldsOf(template);
	return { filled: fields.filter((f) => isFieldFilled(f)).length, total: fields.length };
}

/** {@link progress} per section, in the template's order; the sums are the sheet's progress. */
export function sectionProgress(
	template: Template,
	isFieldFilled: (field: Field) => boolean
): (Progress & { readonly key: string })[] {
	return template.sections.map((section) => ({
		key: section.key,
		filled: section.fields.filter((f) => isFieldFilled(f)).length,
		total: section.fields.length
	}));
}

type Plain = string | number | boolean | null | undefined;

/**
 * A field's content read out of the Y.Doc as plain data, by kind:
 * - `rich` / `text`: the plain text;
 * - `date` / `choice`: the stored string; `number`: the stored number;
 * - `multi` / `checklist`: option or item key → checked;
 * - `agree`: `{ value }`, or with respondents: respondent → `{ value }`;
 * - `table`: the rows, each column key → the cell's plain value (text for text/rich cells).
 */
export type FieldContent =
	| Plain
	| Readonly<Record<string, boolean | undefined>>
	| { readonly value?: string }
	| Readonly<Record<string, { readonly value?: string } | undefined>>
	| readonly Readonly<Record<string, Plain>>[];

function hasText(v: unknown): boolean {
	return typeof v === 'string' && v.trim() !== '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function answered(v: unknown): boolean {
	return isRecord(v) && (v.value === 'agree' || v.value === 'disagree');
}

/**
 * The product's rule for "filled": text with a non-blank character; a date, number or valid
 * option; at least one ticked option or checklist item; an agree statement answered by everyone
 * who must answer it; a table with at least one row that has any non-blank cell.
 */
export function isFilled(field: Field, value: FieldContent): boolean {
	// Narrowed from `unknown` so callers may pass whatever they read, without casts.
	const content: unknown = value;
	switch (field.kind) {
		case 'rich':
		case 'text':
		case 'date':
			return hasText(content);
		case 'number':
			return typeof content === 'number' && Number.isFinite(content);
		case 'choice':
			return field.options.some((o) => o.key === content);
		case 'multi':
		case 'checklist': {
			const keys = (field.kind === 'multi' ? field.options : field.items).map((o) => o.key);
			return isRecord(content) && keys.some((k) => content[k] === true);
		}
		case 'agree':
			if (!field.respondents) return answered(content);
			return isRecord(content) && field.respondents.every((r) => answered(content[r]));
		case 'table':
			return (
				Array.isArray(content) &&
				content.some(
					(row) =>
						isRecord(row) &&
						field.columns.some((c) => {
							const cell = row[c.key];
							return typeof cell === 'number' ? Number.isFinite(cell) : hasText(cell);
						})
				)
			);
	}
}
