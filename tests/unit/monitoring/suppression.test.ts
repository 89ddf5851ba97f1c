import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	chartValue,
	csvCell,
	formatCell,
	suppressCumulative,
	suppressedMarker,
	suppressPartition
} from '$lib/domain/monitoring';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('suppressPartition', () => {
	it('publishes cells of at least the minimum and hides smaller ones, zero included', () => {
		// The empty cell hides nobody, so the smallest published cell (5) is hidden with it.
		expect(suppressPartition([ids('a', 6), ids('b', 5), []], 5)).toEqual([false, true, true]);
		expect(suppressPartition([ids('a', 6), ids('b', 5), ids('c', 5)], 5)).toEqual([
			false,
			false,
			false
		]);
	});

	it('hides the smallest published cell too when the hidden ones add up to fewer than the minimum', () => {
		// P=1, WU=0, MO=0 hide one pair together: SD (5) goes with them, BR (6) stays.
		const cells = [ids('br', 6), ids('sd', 5), ids('p', 1), [], []];
		expect(suppressPartition(cells, 5)).toEqual([false, true, true, true, true]);
	});

	it('needs no second cell when the hidden ones together reach the minimum', () => {
		const cells = [[], ids('active', 6), ids('paused', 2), ids('exit', 1), ids('ended', 3)];
		expect(suppressPartition(cells, 5)).toEqual([true, false, true, true, true]);
	});

	it('hides everything when the whole breakdown concerns fewer than the minimum', () => {
		expect(suppressPartition([ids('a', 3), ids('b', 1)], 5)).toEqual([true, true]);
		expect(suppressPartition([], 5)).toEqual([]);
	});

	it('counts distinct units: the same pair in two hidden cells counts once', () => {
		// Hidden: {x,y} and {x,y,z}: 3 distinct, so the 5-cell is hidden as well.
		const cells = [['x', 'y'], ['x', 'y', 'z'], ids('k', 5), ids('m', 7)];
		expect(suppressPartition(cells, 5)).toEqual([true, true, true, false]);
	});

	it('picks the earliest of equally small cells', () => {
		expect(suppressPartition([ids('a', 5), ids('b', 5), ['c']], 5)).toEqual([true, false, true]);
	});

	it('never leaves a recomputable small remainder (property)', () => {
		const cell = fc.array(fc.constantFrom(...ids('u', 12)), { maxLength: 8 });
		fc.assert(
			fc.property(
				fc.array(cell, { maxLength: 7 }),
				fc.integer({ min: 2, max: 8 }),
				(cells, min) => {
					const hidden = suppressPartition(cells, min);
					const units = (list: string[][]) => new Set(list.flat()).size;
					expect(hidden).toHaveLength(cells.length);
					// Every published cell is large enough.
					cells.forEach((c, i) => {
						if (!hidden[i]) expect(new Set(c).size).toBeGreaterThanOrEqual(min);
					});
					// What can be recomputed (total minus published) is large enough, or nothing is published.
					const hiddenCells = cells.filter((_, i) => hidden[i]);
					if (hidden.includes(false) && hiddenCells.length)
						expect(units(hiddenCells)).toBeGreaterThanOrEqual(min);
					if (units(cells) < min) expect(hidden.every(Boolean)).toBe(true);
				}
			)
		);
	});
});

describe('suppressCumulative', () => {
	it('publishes a running total only once enough new units have added to it', () => {
		const steps = [ids('a', 6), ['b', 'c', 'd'], ['e', 'f'], ids('g', 7), [], ['h']];
		expect(suppressCumulative(steps, 5)).toEqual([false, true, false, false, true, true]);
	});

	it('every difference between two published points comes from enough units (property)', () => {
		const step = fc.array(fc.constantFrom(...ids('u', 10)), { maxLength: 6 });
		fc.assert(
			fc.property(
				fc.array(step, { maxLength: 10 }),
				fc.integer({ min: 2, max: 6 }),
				(steps, min) => {
					const hidden = suppressCumulative(steps, min);
					let since: string[] = [];
					steps.forEach((s, i) => {
						since = [...since, ...s];
						if (!hidden[i]) {
							expect(new Set(since).size).toBeGreaterThanOrEqual(min);
							since = [];
						}
					});
				}
			)
		);
	});
});

describe('cell text', () => {
	it('marks suppressed cells as "< N" in tables and CSV files, and leaves charts a gap', () => {
		const hidden = { value: null, suppressed: true };
		expect(suppressedMarker(5)).toBe('< 5');
		expect(formatCell(hidden, 'count', 5, 'nl')).toBe('< 5');
		expect(csvCell(hidden, 7)).toBe('< 7');
		expect(chartValue(hidden, 'count')).toBeNull();
	});

	it('formats counts, shares, dates and days per language', () => {
		expect(formatCell({ value: 1234, suppressed: false }, 'count', 5, 'nl')).toBe('1.234');
		expect(formatCell({ value: 1234, suppressed: false }, 'count', 5, 'en')).toBe('1,234');
		expect(formatCell({ value: 0.611, suppressed: false }, 'share', 5, 'en')).toBe('61%');
		expect(formatCell({ value: 0.611, suppressed: false }, 'share', 5, 'nl')).toMatch(/^61\s?%$/);
		expect(formatCell({ value: '2026-10-07', suppressed: false }, 'date', 5, 'en')).toBe(
			'7 Oct 2026'
		);
		expect(formatCell({ value: null, suppressed: false }, 'date', 5, 'en')).toBe('—');
		expect(formatCell({ value: 27, suppressed: false }, 'days', 5, 'nl')).toBe('27');
	});

	it('plots shares in percent and counts as they are', () => {
		expect(chartValue({ value: 0.6111, suppressed: false }, 'share')).toBe(61.1);
		expect(chartValue({ value: 12, suppressed: false }, 'count')).toBe(12);
		expect(chartValue({ value: null, suppressed: false }, 'count')).toBeNull();
	});

	it('writes an empty CSV field for a value that is absent but not suppressed', () => {
		expect(csvCell({ value: null, suppressed: false }, 5)).toBe('');
		expect(csvCell({ value: 0.5, suppressed: false }, 5)).toBe('0.5');
	});
});
