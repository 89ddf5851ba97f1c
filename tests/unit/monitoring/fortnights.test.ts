import { describe, expect, it } from 'vitest';
import { fortnightEnd, fortnightLabel, fortnightStart, shortDay } from '$lib/domain/monitoring';

describe('fortnights', () => {
	it('counts fortnights of 14 days from the programme start, across month ends and DST', () => {
		expect(fortnightStart('2026-09-01', 0)).toBe('2026-09-01');
		expect(fortnightStart('2026-09-01', 5)).toBe('2026-11-10');
		expect(fortnightStart('2026-10-20', 1)).toBe('2026-11-03');
		expect(fortnightEnd('2026-09-29')).toBe('2026-10-12');
		expect(fortnightEnd('2026-12-25')).toBe('2027-01-07');
	});

	it('labels the same fortnight the same after thousands of others (the labels kept)', () => {
		const first = fortnightLabel('2026-09-29', 'en');
		for (let index = 0; index < 5_000; index++)
			fortnightLabel(fortnightStart('1990-01-01', index), 'nl');
		expect(fortnightLabel('2026-09-29', 'en')).toBe(first);
		expect(fortnightLabel('2026-09-29', 'en')).toMatch(/29 Sept?\s?[–-]\s?12 Oct 2026/);
		expect(fortnightLabel(fortnightStart('1990-01-01', 4_999), 'nl')).toMatch(/ 2181$/);
	});

	it('labels a fortnight with its dates in the reader language', () => {
		expect(fortnightLabel('2026-09-29', 'en')).toMatch(/29 Sept?\s?[–-]\s?12 Oct 2026/);
		expect(fortnightLabel('2026-09-29', 'nl')).toMatch(/29 sep\.?\s?[–-]\s?12 okt\.? 2026/);
		expect(shortDay('2026-10-01', 'en')).toMatch(/^1 Oct$/);
		expect(shortDay('2026-10-01', 'nl')).toMatch(/^1 okt\.?$/);
	});
});
