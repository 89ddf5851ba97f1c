import { describe, expect, it } from 'vitest';
import { dateFormat, formatCalendarDay, intlLocale, numberFormat } from '$lib/domain/intl';

const DAY = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
const day = new Date(Date.UTC(2026, 11, 1));

describe('shared Intl formatters', () => {
	it('maps the interface languages to their Intl locales', () => {
		expect(intlLocale('en')).toBe('en-GB');
		expect(intlLocale('nl')).toBe('nl-BE');
		expect(intlLocale('')).toBe('nl-BE');
	});

	it('builds a formatter once per language and options', () => {
		expect(dateFormat('nl', DAY)).toBe(dateFormat('nl', { ...DAY }));
		expect(dateFormat('en', DAY)).not.toBe(dateFormat('nl', DAY));
		expect(dateFormat('nl', { ...DAY, month: 'short' })).not.toBe(dateFormat('nl', DAY));
		expect(numberFormat('en')).toBe(numberFormat('en', {}));
		expect(numberFormat('en', { style: 'percent' })).not.toBe(numberFormat('en'));
	});

	it('formats in the language it was asked for', () => {
		expect(dateFormat('nl', DAY).format(day)).toBe('1 december 2026');
		expect(dateFormat('en', DAY).format(day)).toBe('1 December 2026');
		expect(numberFormat('nl', { maximumFractionDigits: 1 }).format(1234.56)).toBe('1.234,6');
		expect(numberFormat('en', { maximumFractionDigits: 1 }).format(1234.56)).toBe('1,234.6');
	});

	it('writes a calendar day as that day in every time zone', () => {
		expect(formatCalendarDay('2026-12-01', 'nl')).toBe('1 december 2026');
		expect(formatCalendarDay('2026-12-01', 'en')).toBe('1 December 2026');
		expect(formatCalendarDay('2026-12-31', 'nl', 'short')).toBe('31 dec 2026');
		expect(formatCalendarDay('2026-01-01', 'en', 'short')).toBe('1 Jan 2026');
		expect(formatCalendarDay('2026-12-01', 'nl', 'dayMonth')).toBe('1 december');
		expect(formatCalendarDay('2026-12-01', 'en', 'dayMonth')).toBe('1 December');
	});
});
