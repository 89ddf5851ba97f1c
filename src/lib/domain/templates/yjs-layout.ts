/**
 * The Yjs layout of a sheet document: where every field of a template (types.ts) lives.
 *
 * One Y.Doc holds one sheet instance. Every field of the template owns one slot in it, decided
 * only by the field's kind and key (see {@link yjsSlot}):
 *
 * | kind                              | where the content lives                                   |
 * |-----------------------------------|-----------------------------------------------------------|
 * | `rich`                            | `doc.getXmlFragment(field.key)` (bound to Tiptap)         |
 * | `text`                            | `doc.getText(field.key)`                                  |
 * | `date`                            | `doc.getMap('values').get(field.key)`: `'YYYY-MM-DD'`     |
 * | `number`                          | `doc.getMap('values').get(field.key)`: a finite number    |
 * | `choice`                          | `doc.getMap('values').get(field.key)`: the option key     |
 * | `multi`                           | one entry per option: `values.get('<field>.<option>')`: boolean |
 * | `checklist`                       | one entry per item: `values.get('<field>.<item>')`: boolean |
 * | `agree`                           | `values.get(field.key)`: `{ value: 'agree' \| 'disagree' }`; with `respondents`, one entry per respondent: `values.get('<field>.<role>')`; the discussion note is `doc.getText('<field>-note')` |
 * | `table`                           | `doc.getArray(field.key)`: a Y.Array of Y.Map rows        |
 *
 * Why one entry per checklist item / multi option (and per agree respondent) rather than one
 * object per field: a Y.Map entry is last-writer-wins, so two people ticking two different items
 * at the same moment would lose one tick if both wrote the whole object. Separate entries merge.
 *
 * A table row is a Y.Map keyed by column key: a `text` column holds a Y.Text, a `rich` column a
 * Y.XmlFragment, and `date` / `number` / `choice` columns hold the same plain values as above.
 * A row may carry a stable id under {@link TABLE_ROW_ID} (not a valid column key).
 *
 * Field keys are kebab-case and unique within a template (including the derived agree-note keys),
 * and never equal {@link VALUES_MAP}, because all of them share the Y.Doc's root namespace.
 */

import { fieldsOf, type Field, type Template } from './types';

/** Name of the Y.Map that holds the plain values of a sheet document. */
export const VALUES_MAP = 'values';

/** Reserved entry of a table row's Y.Map holding a stable row id (not a valid column key). */
export const TABLE_ROW_ID = '$id';

export const FIELD_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Where one piece of a field's content lives in the sheet's Y.Doc. */
export type YjsSlot =
	| { readonly type: 'xml-fragment'; readonly name: string }
	| { readonly type: 'text'; readonly name: string }
	| { readonly type: 'array'; readonly name: string }
	| { readonly type: 'map-entry'; readonly map: typeof VALUES_MAP; readonly entry: string };

/** The Y.Text key of an agree field's discussion note. */
export function agreeNoteKey(fieldKey: string): string {
	return `${fieldKey}-note`;
}

/** The `values` map entry of one checklist item, multi option or agree respondent. */
export function subValueKey(fieldKey: string, subKey: string): string {
	return `${fieldKey}.${subKey}`;
}

function entry(name: string): YjsSlot {
	return { type: 'map-entry', map: VALUES_MAP, entry: name };
}

/**
 * Every Yjs slot a field occupies, in a stable order. Table cells live inside the rows of the
 * table's array and are not listed separately.
 */
export function yjsSlots(field: Field): YjsSlot[] {
	switch (field.kind) {
		case 'rich':
			return [{ type: 'xml-fragment', name: field.key }];
		case 'text':
			return [{ type: 'text', name: field.key }];
		case 'date':
		case 'number':
		case 'choice':
			return [entry(field.key)];
		case 'multi':
			return field.options.map((o) => entry(subValueKey(field.key, o.key)));
		case 'checklist':
			return field.items.map((i) => entry(subValueKey(field.key, i.key)));
		case 'agree': {
			const answers = field.respondents
				? field.respondents.map((r) => entry(subValueKey(field.key, r)))
				: [entry(field.key)];
			return [...answers, { type: 'text', name: agreeNoteKey(field.key) }];
		}
		case 'table':
			return [{ type: 'array', name: field.key }];
	}
}

/**
 * The `values` entries that only one person may write: the per-respondent answers of agree
 * fields, keyed by entry, valued by the respondent's pair role. The collaboration server refuses
 * an update that changes such an entry for a socket whose person has another role.
 */
export function respondentEntries(template: Template): Map<string, 'mentor' | 'mentee'> {
	const entries = new Map<string, 'mentor' | 'mentee'>();
	for (const field of fieldsOf(template)) {
		if (field.kind !== 'agree' || !field.respondents) continue;
		for (const role of field.respondents) entries.set(subValueKey(field.key, role), role);
	}
	return entries;
}

/** The primary slot of a field (for an agree field: its answer, not its note). */
export function yjsSlot(field: Field): YjsSlot {
	return yjsSlots(field)[0];
}

/**
 * Every key a template claims in the Y.Doc root or the `values` map: field keys plus derived
 * agree-note keys. Used to prove there are no collisions.
 */
export function claimedKeys(template: Template): string[] {
	return fieldsOf(template).flatMap((f) =>
		f.kind === 'agree' ? [f.key, agreeNoteKey(f.key)] : [f.key]
	);
}
