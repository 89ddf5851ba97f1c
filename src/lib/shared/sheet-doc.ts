import * as Y from 'yjs';
// The narrow modules, not the catalogue: the live sheet reads its document without every template.
import {
	isFilled,
	progress,
	type FieldContent,
	type Progress
} from '$lib/domain/templates/progress';
import { fieldsOf, type Field, type Template } from '$lib/domain/templates/types';
import { agreeNoteKey, subValueKey, VALUES_MAP } from '$lib/domain/templates/yjs-layout';

/**
 * Reads a sheet document as plain data, following the layout in `domain/templates/types.ts`.
 * Used by the server (progress, signature hashes, copying to the plan) and the browser alike.
 */

/** The plain text of a Y type or value: rich text loses its marks, blocks become lines. */
export function plainText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value instanceof Y.Text) return value.toString();
	if (value instanceof Y.XmlText) {
		return (value.toDelta() as { insert?: unknown }[])
			.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	if (value instanceof Y.XmlElement || value instanceof Y.XmlFragment) {
		const parts = value.toArray().map((child) => plainText(child));
		return value instanceof Y.XmlElement && value.nodeName === 'paragraph'
			? parts.join('')
			: parts.filter((p) => p !== '').join('\n');
	}
	return '';
}

function cell(value: unknown): string | number | boolean | null {
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	if (value === undefined || value === null) return null;
	return plainText(value);
}

/** One field's content, in the shape `isFilled` expects. */
export function readFieldContent(doc: Y.Doc, field: Field): FieldContent {
	const values = doc.getMap(VALUES_MAP);
	switch (field.kind) {
		case 'rich':
			return plainText(doc.getXmlFragment(field.key));
		case 'text':
			return doc.getText(field.key).toString();
		case 'date':
		case 'choice':
		case 'number': {
			const value = values.get(field.key);
			return typeof value === 'string' || typeof value === 'number' ? value : null;
		}
		case 'multi':
		case 'checklist': {
			const keys = field.kind === 'multi' ? field.options : field.items;
			return Object.fromEntries(
				keys.map((o) => [o.key, values.get(subValueKey(field.key, o.key)) === true])
			);
		}
		case 'agree': {
			const read = (entry: string) => {
				const value = values.get(entry);
				return value && typeof value === 'object' ? (value as { value?: string }) : undefined;
			};
			return field.respondents
				? Object.fromEntries(field.respondents.map((r) => [r, read(subValueKey(field.key, r))]))
				: (read(field.key) ?? {});
		}
		case 'table':
			return doc
				.getArray<Y.Map<unknown>>(field.key)
				.toArray()
				.filter((row) => row instanceof Y.Map)
				.map((row) =>
					Object.fromEntries(field.columns.map((column) => [column.key, cell(row.get(column.key))]))
				);
	}
}

/** The agree field's discussion note (kept apart from the answers). */
export function readAgreeNote(doc: Y.Doc, fieldKey: string): string {
	return doc.getText(agreeNoteKey(fieldKey)).toString();
}

/** Filled / total fields of a sheet document. */
export function sheetProgress(doc: Y.Doc, template: Template): Progress {
	return progress(template, (field) => isFilled(field, readFieldContent(doc, field)));
}

/**
 * Everything a signature covers, as canonical JSON (fields in template order, agree notes
 * included; comments and presence excluded). Its hash changes exactly when the content does.
 */
export function canonicalContent(doc: Y.Doc, template: Template): string {
	const content: [string, unknown][] = [];
	for (const field of fieldsOf(template)) {
		content.push([field.key, readFieldContent(doc, field)]);
		if (field.kind === 'agree')
			content.push([agreeNoteKey(field.key), readAgreeNote(doc, field.key)]);
	}
	return JSON.stringify(content);
}

/**
 * Writes plain content into an empty document (the inverse of `readFieldContent`), to start a
 * form from earlier answers. Rich text becomes one paragraph per line. Tables are left empty.
 */
export function writeFieldContent(doc: Y.Doc, field: Field, content: unknown): void {
	if (content === null || content === undefined) return;
	const values = doc.getMap(VALUES_MAP);
	switch (field.kind) {
		case 'rich':
			if (typeof content === 'string' && content !== '') {
				doc.getXmlFragment(field.key).push(
					content.split('\n').map((line) => {
						const paragraph = new Y.XmlElement('paragraph');
						paragraph.insert(0, [new Y.XmlText(line)]);
						return paragraph;
					})
				);
			}
			return;
		case 'text':
			if (typeof content === 'string') doc.getText(field.key).insert(0, content);
			return;
		case 'date':
		case 'choice':
		case 'number':
			if (typeof content === 'string' || typeof content === 'number')
				values.set(field.key, content);
			return;
		case 'multi':
		case 'checklist':
			if (typeof content === 'object') {
				for (const [key, on] of Object.entries(content as Record<string, unknown>)) {
					if (on === true) values.set(subValueKey(field.key, key), true);
				}
			}
			return;
		case 'agree':
		case 'table':
			return;
	}
}
