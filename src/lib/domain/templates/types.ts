/**
 * The worksheet template model: a typed, framework-free description of every instrument in the
 * toolkit (`/work/shared/TOOLKIT.md`), from which the workspace renders a live, co-editable sheet.
 *
 * ## Yjs layout of a sheet document
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

import type { PathPhase } from '../phases';

export type Locale = 'nl' | 'en';

/** A user-facing string in every supported locale: Dutch (the source) first, English second. */
export interface LocalizedText {
	readonly nl: string;
	readonly en: string;
}

/** Where a template is used: a relationship stage, the matching day, or "the whole path". */
export type Phase = PathPhase | 'matching' | 'whole';

export const PHASES: readonly Phase[] = ['matching', 'BR', 'SD', 'P', 'WU', 'MO', 'whole'];

/** Programme roles that fill, review, read or sign a sheet. */
export type Role = 'mentor' | 'mentee' | 'coordinator' | 'supporter';

/** Who may sign a template; signatures are database rows, never CRDT fields. */
export type Signer = 'mentor' | 'mentee' | 'coordinator';

/**
 * Who may read a sheet. `author` means only the person who wrote it (a logbook's first part);
 * the permission policy, not the template, turns this into access decisions.
 */
export type Reader = Role | 'author';

/** How the instrument is normally used (TOOLKIT "default mode"). */
export type Mode = 'face-to-face' | 'online' | 'either' | 'after-meeting';

/**
 * Whether there is one instance of the sheet, a new one for every meeting (logbooks), or a new
 * one whenever it is asked again (a needs questionnaire repeated to see needs evolve).
 */
export type Instances = 'single' | 'per-meeting' | 'repeatable';

/** Where a template's form starts in the source documents (`/work/shared/seeds`). */
export interface SourceRef {
	readonly file: string;
	readonly line: number;
}

/** A value the workspace can fill in before anyone types (names of the pair, today's date). */
export type Prefill = 'mentee-name' | 'mentor-name' | 'today';

interface FieldBase {
	/** Stable, kebab-case, unique within the template; also the Yjs slot name. */
	readonly key: string;
	readonly label: LocalizedText;
	readonly help?: LocalizedText;
	/** The source marks this part "can be copied to the personal development plan". */
	readonly copyToPlan?: true;
	/** Content marked `copyToPlan` on earlier sheets may be pulled into this field (sheet 04). */
	readonly planTarget?: true;
	/**
	 * The content may become a goal of the development plan: a new row of 04's action-plan table
	 * (a growth wish of the teacher-roles self-assessment, `003…` L117).
	 */
	readonly planGoal?: true;
	readonly prefill?: Prefill;
}

export interface RichField extends FieldBase {
	readonly kind: 'rich';
}

export interface TextField extends FieldBase {
	readonly kind: 'text';
}

export interface DateField extends FieldBase {
	readonly kind: 'date';
}

export interface NumberField extends FieldBase {
	readonly kind: 'number';
	readonly min?: number;
	readonly max?: number;
	readonly unit?: LocalizedText;
}

/** An option of a choice / multi field or an item of a checklist. */
export interface Option {
	/** Kebab-case, unique within its field. */
	readonly key: string;
	readonly label: LocalizedText;
}

export interface ChoiceField extends FieldBase {
	readonly kind: 'choice';
	readonly options: readonly Option[];
}

export interface MultiField extends FieldBase {
	readonly kind: 'multi';
	readonly options: readonly Option[];
}

export type AgreeValue = 'agree' | 'disagree';

/** A statement to agree or disagree with, plus a shared discussion note. */
export interface AgreeField extends FieldBase {
	readonly kind: 'agree';
	/** When set, each of these people answers separately so the answers can be compared. */
	readonly respondents?: readonly ('mentor' | 'mentee')[];
}

export interface ChecklistField extends FieldBase {
	readonly kind: 'checklist';
	readonly items: readonly Option[];
}

export type ColumnField = TextField | RichField | DateField | ChoiceField | NumberField;

/** Repeatable rows; every column is itself a field (keys unique within the table). */
export interface TableField extends FieldBase {
	readonly kind: 'table';
	readonly columns: readonly ColumnField[];
	/** Rows shown before anyone adds one (the source form's printed rows). */
	readonly initialRows?: number;
	readonly maxRows?: number;
	/** Prefix for row captions, e.g. "Waarde" → "Waarde A", "Waarde B" … */
	readonly rowLabel?: LocalizedText;
}

export type Field =
	| RichField
	| TextField
	| DateField
	| NumberField
	| ChoiceField
	| MultiField
	| AgreeField
	| ChecklistField
	| TableField;

export type FieldKind = Field['kind'];

export const FIELD_KINDS: readonly FieldKind[] = [
	'rich',
	'text',
	'date',
	'number',
	'choice',
	'multi',
	'agree',
	'checklist',
	'table'
];

export const COLUMN_KINDS: readonly ColumnField['kind'][] = [
	'text',
	'rich',
	'date',
	'choice',
	'number'
];

/**
 * Who reads a submitted intake answer, and what for; shown on the form before it is sent. It must
 * say what the database allows (the person and the programme's coordinator read intake answers;
 * nobody else does), which a unit test checks for every intake form.
 */
export interface AnswerVisibility {
	readonly readers: readonly ('self' | 'coordinator')[];
	/** `matching`: the coordinator matches with it; `follow-up`: follows the person's needs. */
	readonly purpose: 'matching' | 'follow-up';
}

export interface Section {
	readonly key: string;
	/** Overrides the template's `answerVisibility` for this section. */
	readonly visibility?: AnswerVisibility;
	readonly title: LocalizedText;
	/** Fixed text of the form shown above the fields (instructions, a statement to accept). */
	readonly intro?: LocalizedText;
	/** May be empty for a section that only states fixed text (02's data-use statement). */
	readonly fields: readonly Field[];
}

export interface Template {
	/** As in TOOLKIT.md's key column: `01-agreement`, `PS1`, `A-mentor-log` … */
	readonly key: string;
	/** Bumped when a field is added, removed or re-keyed; stored with every sheet instance. */
	readonly version: number;
	readonly title: LocalizedText;
	readonly phase: Phase;
	readonly mode: Mode;
	readonly instances: Instances;
	readonly filledBy: readonly Role[];
	readonly reviewedBy: readonly Role[];
	readonly readers: readonly Reader[];
	readonly signers?: readonly Signer[];
	readonly source: SourceRef;
	readonly intro?: LocalizedText;
	readonly sections: readonly Section[];
	/** For forms submitted as answers (intake): who reads them; sections may override it. */
	readonly answerVisibility?: AnswerVisibility;
}

/** The visibility of a section's answers: its own, else the template's. */
export function visibilityOf(template: Template, section: Section): AnswerVisibility | undefined {
	return section.visibility ?? template.answerVisibility;
}

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

/** Labels of an agree field's two answers and of its discussion note. */
export const AGREE_LABELS: Readonly<Record<AgreeValue | 'note', LocalizedText>> = {
	agree: { nl: 'Eens', en: 'Agree' },
	disagree: { nl: 'Oneens', en: 'Disagree' },
	note: { nl: 'Notitie bij de bespreking', en: 'Discussion note' }
};

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

/** All fields of a template in reading order. */
export function fieldsOf(template: Template): Field[] {
	return template.sections.flatMap((s) => s.fields);
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

// ---------------------------------------------------------------------------------------------
// Builders: keep the sheet definitions short and uniform.

type FieldExtra = Pick<FieldBase, 'help' | 'copyToPlan' | 'planTarget' | 'planGoal' | 'prefill'>;

/** A localized string: Dutch (source wording) and English. */
export function t(nl: string, en: string): LocalizedText {
	return { nl, en };
}

export function opt(key: string, nl: string, en: string): Option {
	return { key, label: { nl, en } };
}

export function rich(key: string, label: LocalizedText, extra: FieldExtra = {}): RichField {
	return { kind: 'rich', key, label, ...extra };
}

export function text(key: string, label: LocalizedText, extra: FieldExtra = {}): TextField {
	return { kind: 'text', key, label, ...extra };
}

export function date(key: string, label: LocalizedText, extra: FieldExtra = {}): DateField {
	return { kind: 'date', key, label, ...extra };
}

export function num(
	key: string,
	label: LocalizedText,
	extra: FieldExtra & Pick<NumberField, 'min' | 'max' | 'unit'> = {}
): NumberField {
	return { kind: 'number', key, label, ...extra };
}

export function choice(
	key: string,
	label: LocalizedText,
	options: readonly Option[],
	extra: FieldExtra = {}
): ChoiceField {
	return { kind: 'choice', key, label, options, ...extra };
}

export function multi(
	key: string,
	label: LocalizedText,
	options: readonly Option[],
	extra: FieldExtra = {}
): MultiField {
	return { kind: 'multi', key, label, options, ...extra };
}

export function checklist(
	key: string,
	label: LocalizedText,
	items: readonly Option[],
	extra: FieldExtra = {}
): ChecklistField {
	return { kind: 'checklist', key, label, items, ...extra };
}

export function agree(
	key: string,
	label: LocalizedText,
	extra: FieldExtra & Pick<AgreeField, 'respondents'> = {}
): AgreeField {
	return { kind: 'agree', key, label, ...extra };
}

export function table(
	key: string,
	label: LocalizedText,
	columns: readonly ColumnField[],
	extra: FieldExtra & Pick<TableField, 'initialRows' | 'maxRows' | 'rowLabel'> = {}
): TableField {
	return { kind: 'table', key, label, columns, ...extra };
}

export function section(
	key: string,
	title: LocalizedText,
	fields: readonly Field[],
	intro?: LocalizedText
): Section {
	return intro ? { key, title, intro, fields } : { key, title, fields };
}
