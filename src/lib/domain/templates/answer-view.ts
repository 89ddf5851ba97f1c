import type { AgreeValue, Field, Locale, Option, Template } from './types';

/** One answered field, ready to show: its label and its answer as lines of text. */
export interface AnswerLine {
	key: string;
	label: string;
	lines: string[];
}

export interface AnswerSection {
	key: string;
	title: string;
	answers: AnswerLine[];
}

const labelOf = (options: readonly Option[], key: unknown, locale: Locale) =>
	typeof key === 'string' ? (options.find((o) => o.key === key)?.label[locale] ?? null) : null;

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const AGREE: Record<AgreeValue, { nl: string; en: string }> = {
	agree: { nl: 'Eens', en: 'Agree' },
	disagree: { nl: 'Oneens', en: 'Disagree' }
};

/** The answer of one field as lines of text, with option labels instead of keys; [] if empty. */
export function answerLines(field: Field, value: unknown, locale: Locale): string[] {
	switch (field.kind) {
		case 'rich':
		case 'text':
		case 'date':
			return typeof value === 'string' && value.trim() !== '' ? [value.trim()] : [];
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? [String(value)] : [];
		case 'choice': {
			const label = labelOf(field.options, value, locale);
			return label ? [label] : [];
		}
		case 'multi':
		case 'checklist': {
			if (!isRecord(value)) return [];
			const options = field.kind === 'multi' ? field.options : field.items;
			return options.filter((o) => value[o.key] === true).map((o) => o.label[locale]);
		}
		case 'agree': {
			const read = (v: unknown) =>
				isRecord(v) && (v.value === 'agree' || v.value === 'disagree')
					? AGREE[v.value][locale]
					: null;
			const one = read(value);
			return one ? [one] : [];
		}
		case 'table': {
			if (!Array.isArray(value)) return [];
			return value.flatMap((row) => {
				if (!isRecord(row)) return [];
				const cells = field.columns.flatMap((column) => {
					const text = answerLines(column, row[column.key], locale).join(', ');
					return text ? [`${column.label[locale]}: ${text}`] : [];
				});
				return cells.length ? [cells.join(' · ')] : [];
			});
		}
	}
}

/**
 * A submitted form's answers by section, labelled in `locale`; unanswered fields and sections
 * without answers are left out, and answers for keys the template does not know are never shown.
 */
export function describeAnswers(
	template: Template,
	answers: Readonly<Record<string, unknown>>,
	locale: Locale
): AnswerSection[] {
	return template.sections.flatMap((section) => {
		const lines = section.fields.flatMap((field) => {
			const value = Object.hasOwn(answers, field.key) ? answers[field.key] : undefined;
			const text = answerLines(field, value, locale);
			return text.length ? [{ key: field.key, label: field.label[locale], lines: text }] : [];
		});
		return lines.length ? [{ key: section.key, title: section.title[locale], answers: lines }] : [];
	});
}
