import { describe, expect, it } from 'vitest';
import {
	DATASETS,
	isDatasetKey,
	isEmptyTable,
	isFullySuppressed,
	shapeDifficulties,
	shapeExitRequests,
	shapeInstruments,
	shapeLogbook,
	shapeMeetings,
	shapePairs,
	shapeStalled,
	stalledDaysOf,
	type PairsRow
} from '$lib/domain/monitoring';

const pairs: PairsRow[] = [
	{ breakdown: 'phase', category: null, pairs: 12, suppressed: false },
	{ breakdown: 'phase', category: 'BR', pairs: 6, suppressed: false },
	{ breakdown: 'phase', category: 'SD', pairs: null, suppressed: true },
	{ breakdown: 'status', category: null, pairs: 12, suppressed: false },
	{ breakdown: 'status', category: 'active', pairs: 12, suppressed: false }
];

describe('shaping the SQL rows into tables', () => {
	it('splits the pairs into the phase and status charts, each with its total', () => {
		const phase = shapePairs(pairs, 'phase');
		expect(phase).toEqual({
			dataset: 'pairs-by-phase',
			rowKind: 'phase',
			columns: [{ key: 'pairs', kind: 'count' }],
			rows: [
				{ key: 'BR', cells: [{ value: 6, suppressed: false }] },
				{ key: 'SD', cells: [{ value: null, suppressed: true }] }
			],
			total: [{ value: 12, suppressed: false }]
		});
		expect(shapePairs(pairs, 'status').rows.map((r) => r.key)).toEqual(['active']);
	});

	it('never carries a value in a suppressed cell, whatever the row says', () => {
		const table = shapePairs(
			[{ breakdown: 'phase', category: 'BR', pairs: 3, suppressed: true }],
			'phase'
		);
		expect(table.rows[0].cells[0]).toEqual({ value: null, suppressed: true });
		expect(table.total).toBeNull();
	});

	it('orders meetings by fortnight, with held and planned side by side', () => {
		const table = shapeMeetings([
			{
				fortnight: 1,
				starts_on: '2026-09-15',
				held: null,
				held_suppressed: true,
				planned: 24,
				planned_suppressed: false
			},
			{
				fortnight: 0,
				starts_on: '2026-09-01',
				held: 6,
				held_suppressed: false,
				planned: 12,
				planned_suppressed: false
			}
		]);
		expect(table.rows.map((r) => [r.key, ...r.cells.map((c) => c.value)])).toEqual([
			['2026-09-01', 6, 12],
			['2026-09-15', null, 24]
		]);
	});

	it('orders instruments as the toolkit does and marks a small denominator as suppressed', () => {
		const table = shapeInstruments(
			[
				{ template_key: 'zz', pairs: 12, completed: 6, share: 0.5, suppressed: false },
				{ template_key: 'PS1', pairs: 12, completed: null, share: null, suppressed: true },
				{
					template_key: '01-agreement',
					pairs: null,
					completed: null,
					share: null,
					suppressed: true
				}
			],
			['01-agreement', 'PS1']
		);
		expect(table.rows.map((r) => r.key)).toEqual(['01-agreement', 'PS1', 'zz']);
		expect(table.rows[0].cells.every((c) => c.suppressed)).toBe(true);
		expect(table.rows[2].cells.map((c) => c.value)).toEqual([12, 6, 0.5]);
	});

	it('puts mentor and mentee submissions in one row per fortnight, with the totals', () => {
		const table = shapeLogbook([
			{
				author_role: 'mentor',
				fortnight: 0,
				starts_on: '2026-09-01',
				submissions: 6,
				suppressed: false
			},
			{
				author_role: 'mentor',
				fortnight: null,
				starts_on: null,
				submissions: 6,
				suppressed: false
			},
			{
				author_role: 'mentee',
				fortnight: 0,
				starts_on: '2026-09-01',
				submissions: null,
				suppressed: true
			},
			{
				author_role: 'mentee',
				fortnight: null,
				starts_on: null,
				submissions: null,
				suppressed: true
			}
		]);
		expect(table.rows).toEqual([
			{
				key: '2026-09-01',
				cells: [
					{ value: 6, suppressed: false },
					{ value: null, suppressed: true }
				]
			}
		]);
		expect(table.total?.map((c) => c.value)).toEqual([6, null]);
	});

	it('shapes difficulties, stalled pairs and both exit-request breakdowns', () => {
		const difficulties = shapeDifficulties([
			{ fortnight: 0, starts_on: '2026-09-01', flagged: 5, suppressed: false },
			{ fortnight: null, starts_on: null, flagged: 5, suppressed: false }
		]);
		expect(difficulties.rows).toHaveLength(1);
		expect(difficulties.total).toEqual([{ value: 5, suppressed: false }]);

		const stalled = shapeStalled([
			{ pseudonym: 'P-02', last_held_on: null, days_without_meeting: 30 }
		]);
		expect(stalled.rows).toEqual([
			{
				key: 'P-02',
				cells: [
					{ value: 30, suppressed: false },
					{ value: null, suppressed: false }
				]
			}
		]);

		const exits = [
			{
				breakdown: 'status' as const,
				category: 'open',
				fortnight: null,
				starts_on: null,
				requests: 5,
				suppressed: false
			},
			{
				breakdown: 'status' as const,
				category: null,
				fortnight: null,
				starts_on: null,
				requests: 9,
				suppressed: false
			},
			{
				breakdown: 'fortnight' as const,
				category: null,
				fortnight: 0,
				starts_on: '2026-09-01',
				requests: null,
				suppressed: true
			},
			{
				breakdown: 'fortnight' as const,
				category: null,
				fortnight: null,
				starts_on: null,
				requests: 9,
				suppressed: false
			}
		];
		expect(shapeExitRequests(exits, 'status').rows.map((r) => r.key)).toEqual(['open']);
		const perFortnight = shapeExitRequests(exits, 'fortnight');
		expect(perFortnight.rows.map((r) => r.key)).toEqual(['2026-09-01']);
		expect(perFortnight.total).toEqual([{ value: 9, suppressed: false }]);
	});

	it('tells an empty table and a fully suppressed one apart', () => {
		expect(isEmptyTable(shapeStalled([]))).toBe(true);
		expect(isFullySuppressed(shapeStalled([]))).toBe(false);
		const hidden = shapePairs(
			[
				{ breakdown: 'phase', category: 'BR', pairs: null, suppressed: true },
				{ breakdown: 'phase', category: null, pairs: null, suppressed: true }
			],
			'phase'
		);
		expect(isFullySuppressed(hidden)).toBe(true);
		expect(isFullySuppressed(shapePairs(pairs, 'phase'))).toBe(false);
	});
});

describe('datasets and parameters', () => {
	it('knows its dataset keys', () => {
		expect(DATASETS).toHaveLength(9);
		expect(isDatasetKey('meetings')).toBe(true);
		expect(isDatasetKey('profiles')).toBe(false);
	});

	it('reads the stalled-days parameter, falling back to 21 days', () => {
		expect(stalledDaysOf(new URLSearchParams('days=14'))).toBe(14);
		expect(stalledDaysOf(new URLSearchParams())).toBe(21);
		expect(stalledDaysOf(new URLSearchParams('days=0'))).toBe(21);
		expect(stalledDaysOf(new URLSearchParams('days=abc'))).toBe(21);
		expect(stalledDaysOf(new URLSearchParams('days=2.5'))).toBe(21);
		expect(stalledDaysOf(new URLSearchParams('days=366'))).toBe(21);
	});
});
