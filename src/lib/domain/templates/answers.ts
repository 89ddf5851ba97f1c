import { hasControlCharacters, isCalendarDate } from '$lib/domain/input';
import { fieldsOf, type Field, type Template } from './types';

/** Limits for a submitted form: generous for real answers, small enough to refuse abuse. */
export const ANSWER_LIMITS = { textChars: 20_000, tableRows: 50, totalBytes: 200_000 } as const;

export type AnswersCheck =
	| { ok: true; answers: Record<string, unknown> }
	| {
			ok: false;
			field: string | null;
			problem: 'unknown_field' | 'wrong_type' | 'too_long' | 'too_large' | 'control_characters';
	  };

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(field: Field, value: unknown): 'wrong_type' | 'too_long' | null {
	if (value === null || value === undefined) return null;
	switch (field.kind) {
		case 'rich':
		case 'text':
			if (typeof value !== 'string') return 'wrong_type';
			return value.length > ANSWER_LIMITS.textChars ? 'too_long' : null;
		case 'date':
			return typeof value === 'string' && (value === '' || isCalendarDate(value))
				? null
				: 'wrong_type';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) ? null : 'wrong_type';
		case 'choice':
			return typeof value === 'string' &&
				(value === '' || field.options.some((o) => o.key === value))
				? null
				: 'wrong_type';
		case 'multi':
		case 'checklist': {
			const keys = new Set(
				(field.kind === 'multi' ? field.options : field.items).map((o) => o.key)
			);
			if (!isRecord(value)) return 'wrong_type';
			return Object.entries(value).every(([k, v]) => keys.has(k) && typeof v === 'boolean')
				? null
				: 'wrong_type';
		}
		case 'agree':
			return isRecord(value) ? null : 'wrong_type';
		case 'table': {
			if (!Array.isArray(value)) return 'wrong_type';
			if (value.length > ANSWER_LIMITS.tableRows) return 'too_long';
			const columns = new Set(field.columns.map((c) => c.key));
			for (const row of value) {
				if (!isRecord(row)) return 'wrong_type';
				for (const [key, cell] of Object.entries(row)) {
					if (!columns.has(key)) return 'wrong_type';
					if (cell !== null && !['string', 'number', 'boolean'].includes(typeof cell))
						return 'wrong_type';
					if (typeof cell === 'string' && cell.length > ANSWER_LIMITS.textChars) return 'too_long';
				}
			}
			return null;
		}
	}
}

/** Whether any string in `value` (keys included, at any depth) holds a control character. */
function holdsControlCharacters(value: unknown): boolean {
	if (typeof value === 'string') return hasControlCharacters(value);
	if (Array.isArray(value)) return value.some(holdsControlCharacters);
	if (isRecord(value))
		return Object.entries(value).some(
			([key, item]) => hasControlCharacters(key) || holdsControlCharacters(item)
		);
	return false;
}

/**
 * Checks a form's answers (as the browser read them out of its document) against the template:
 * only the template's fields, each with a value of its kind, within the size limits.
 */
export function checkAnswers(template: Template, raw: unknown): AnswersCheck {
	if (!isRecord(raw)) return { ok: false, field: null, problem: 'wrong_type' };
	if (JSON.stringify(raw).length > ANSWER_LIMITS.totalBytes)
		return { ok: false, field: null, problem: 'too_large' };
	const fields = new Map(fieldsOf(template).map((f) => [f.key, f]));
	for (const [key, value] of Object.entries(raw)) {
		const field = fields.get(key);
		if (!field) return { ok: false, field: key, problem: 'unknown_field' };
		const problem = checkValue(field, value);
		if (problem) return { ok: false, field: key, problem };
		// PostgreSQL refuses "\u0000" in jsonb; the other controls only corrupt what is shown.
		if (holdsControlCharacters(value))
			return { ok: false, field: key, problem: 'control_characters' };
	}
	return { ok: true, answers: raw };
}
