/**
 * The worksheet template model: a typed, framework-free description of every instrument in the
 * toolkit (`/work/shared/TOOLKIT.md`), from which the workspace renders a live, co-editable sheet.
 * Where each field lives in a sheet's Y.Doc is yjs-layout.ts; the short constructors the
 * template files are written with are builders.ts.
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

/** The optional parts every field builder accepts (builders.ts). */
export type FieldExtra = Pick<
	FieldBase,
	'help' | 'copyToPlan' | 'planTarget' | 'planGoal' | 'prefill'
>;

/** All fields of a template in reading order. */
export function fieldsOf(template: Template): Field[] {
	return template.sections.flatMap((s) => s.fields);
}

/** Labels of an agree field's two answers and of its discussion note. */
export const AGREE_LABELS: Readonly<Record<AgreeValue | 'note', LocalizedText>> = {
	agree: { nl: 'Eens', en: 'Agree' },
	disagree: { nl: 'Oneens', en: 'Disagree' },
	note: { nl: 'Notitie bij de bespreking', en: 'Discussion note' }
};
