import { describe, expect, it } from 'vitest';
import {
	addYears,
	hasControlCharacters,
	isCalendarDate,
	isoDate,
	plainText
} from '$lib/domain/input';
import { fieldErrors, programInput } from '$lib/domain/programs/schemas';

describe('isCalendarDate', () => {
	it('accepts real dates, leap days included', () => {
		for (const date of ['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01']) {
			expect(isCalendarDate(date), date).toBe(true);
		}
	});

	it('refuses dates Date.parse accepts but the calendar (or PostgreSQL) does not', () => {
		for (const date of ['2026-02-30', '2026-04-31', '2026-02-29', '1900-02-29', '0000-01-01']) {
			expect(Number.isNaN(Date.parse(date)), `Date.parse(${date})`).toBe(false);
			expect(isCalendarDate(date), date).toBe(false);
		}
	});

	it('refuses anything that is not YYYY-MM-DD', () => {
		for (const date of ['2026-13-01', '2026-00-10', '2026-01-00', '26-01-01', '2026-1-1', '']) {
			expect(isCalendarDate(date), date).toBe(false);
		}
		expect(isCalendarDate('2026-01-01\u0000')).toBe(false);
		expect(isCalendarDate('2026-01-01T00:00')).toBe(false);
		expect(isoDate().safeParse(undefined).error?.issues[0].message).toBe('required');
		expect(isoDate().safeParse('2026-02-30').error?.issues[0].message).toBe('date');
	});
});

describe('plainText', () => {
	it('refuses NUL and the other C0 controls, but keeps tab and line breaks', () => {
		for (const code of [0, 1, 7, 8, 11, 12, 14, 27, 31, 127]) {
			const value = `a${String.fromCharCode(code)}b`;
			expect(hasControlCharacters(value), `U+${code.toString(16)}`).toBe(true);
			expect(plainText().safeParse(value).error?.issues[0].message).toBe('control_characters');
		}
		expect(plainText().parse('line 1\r\nline 2\n\tindented')).toBe('line 1\r\nline 2\n\tindented');
		expect(plainText().parse('é ü — 😀')).toBe('é ü — 😀');
	});

	it('chains like z.string()', () => {
		const name = plainText().trim().min(1, 'required').max(3, 'too_long');
		expect(name.parse('  ab ')).toBe('ab');
		expect(name.safeParse('   ').error?.issues[0].message).toBe('required');
		expect(name.safeParse('abcd').error?.issues[0].message).toBe('too_long');
		expect(name.safeParse(42).error?.issues[0].message).toBe('required');
	});
});

describe('addYears', () => {
	it('adds whole years; 29 February becomes 28 February, as in PostgreSQL', () => {
		expect(addYears('2026-09-01', 10)).toBe('2036-09-01');
		expect(addYears('2024-02-29', 10)).toBe('2034-02-28');
		expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
	});
});

describe('programme dates', () => {
	const program = (startsOn: string, endsOn: string) => {
		const parsed = programInput.safeParse({ name: 'P', kind: 'youth', startsOn, endsOn });
		return parsed.success ? {} : fieldErrors(parsed.error);
	};

	it('lie between 2000-01-01 and 2100-12-31', () => {
		expect(program('1900-01-01', '2026-01-01')).toEqual({
			startsOn: 'date_range',
			endsOn: 'period_too_long'
		});
		expect(program('2026-01-01', '2101-01-01')).toEqual({ endsOn: 'date_range' });
		expect(program('2000-01-01', '2000-01-01')).toEqual({});
		expect(program('2091-01-01', '2100-12-31')).toEqual({});
	});

	it('span at most 10 years', () => {
		expect(program('2026-09-01', '2036-09-01')).toEqual({});
		expect(program('2026-09-01', '2036-09-02')).toEqual({ endsOn: 'period_too_long' });
		expect(program('2024-02-29', '2034-02-28')).toEqual({});
		expect(program('2024-02-29', '2034-03-01')).toEqual({ endsOn: 'period_too_long' });
	});

	it('are calendar dates', () => {
		expect(program('2026-02-30', '2026-12-31')).toEqual({ startsOn: 'date' });
		expect(program('2026-01-01', '2026-04-31')).toEqual({ endsOn: 'date' });
	});

	it('refuses control characters in the name and description', () => {
		const parsed = programInput.safeParse({
			name: 'P\u0000',
			description: 'x\u0001',
			kind: 'youth',
			startsOn: '2026-01-01',
			endsOn: '2026-12-31'
		});
		expect(parsed.success ? {} : fieldErrors(parsed.error)).toEqual({
			name: 'control_characters',
			description: 'control_characters'
		});
	});
});
