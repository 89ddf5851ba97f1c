/** Builders: keep the sheet definitions short and uniform. */

import type {
	AgreeField,
	ChecklistField,
	ChoiceField,
	ColumnField,
	DateField,
	Field,
	FieldExtra,
	LocalizedText,
	MultiField,
	NumberField,
	Option,
	RichField,
	Section,
	TableField,
	TextField
} from './types';

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
