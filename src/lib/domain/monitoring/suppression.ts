import { formatCalendarDay, numberFormat } from '$lib/domain/intl';
import type { Cell, ColumnKind } from './types';

/**
 * The small-cell rule, as the SQL applies it (`monitoring_suppress_partition` and
 * `monitoring_suppress_cumulative` in `supabase/migrations/20261124000600_monitoring.sql`). The
 * database is what enforces it; this is its executable specification, which the integration
 * tests hold the SQL to.
 *
 * Each cell is given as the ids of the people or pairs behind it (its units).
 * 1. A cell with fewer units than `min` (zero included) is suppressed.
 * 2. When the whole breakdown has fewer than `min` distinct units, every cell is suppressed.
 * 3. The suppressed cells can be recomputed together from the published total, so the distinct
 *    units behind them together must reach `min`: until they do, the published cell with the
 *    fewest units (then the earliest) is suppressed too.
 */
export function suppressPartition(cells: readonly (readonly string[])[], min: number): boolean[] {
	const units = cells.map((ids) => new Set(ids).size);
	if (new Set(cells.flat()).size < min) return cells.map(() => true);
	const hidden = units.map((n) => n < min);
	for (;;) {
		if (!hidden.includes(true) || !hidden.includes(false)) return hidden;
		const behindHidden = new Set(cells.filter((_, i) => hidden[i]).flat()).size;
		if (behindHidden >= min) return hidden;
		let pick = -1;
		for (let i = 0; i < units.length; i++)
			if (!hidden[i] && (pick < 0 || units[i] < units[pick])) pick = i;
		hidden[pick] = true;
	}
}

/**
 * 4. A cumulative series: `steps` holds the ids behind each period's increment. A point is
 *    published only when the increments since the previous published point come from at least
 *    `min` distinct units, so the difference of two published points is never a small cell.
 */
export function suppressCumulative(steps: readonly (readonly string[])[], min: number): boolean[] {
	let pending = new Set<string>();
	return steps.map((ids) => {
		for (const id of ids) pending.add(id);
		if (pending.size < min) return true;
		pending = new Set();
		return false;
	});
}

/** How a suppressed cell reads in tables and CSV files: "< 5". */
export function suppressedMarker(min: number): string {
	return `< ${min}`;
}

/** A cell as text for a table: the marker when suppressed, '—' when empty. */
export function formatCell(cell: Cell, kind: ColumnKind, min: number, locale: string): string {
	if (cell.suppressed) return suppressedMarker(min);
	if (cell.value === null) return '—';
	if (kind === 'date' && typeof cell.value === 'string')
		return formatCalendarDay(cell.value, locale, 'short');
	const value = Number(cell.value);
	if (kind === 'share')
		return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
	return numberFormat(locale).format(value);
}

/** A cell for a CSV file: the marker when suppressed, empty when there is no value, else plain. */
export function csvCell(cell: Cell, min: number): string {
	if (cell.suppressed) return suppressedMarker(min);
	return cell.value === null ? '' : String(cell.value);
}

/** The number a chart plots: null (a gap) when suppressed or empty; shares in percent. */
export function chartValue(cell: Cell, kind: ColumnKind): number | null {
	if (cell.suppressed || cell.value === null) return null;
	const value = Number(cell.value);
	return kind === 'share' ? Math.round(value * 1000) / 10 : value;
}
