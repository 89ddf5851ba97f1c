import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { shortDay } from '$lib/domain/monitoring/fortnights';
import { chartValue, formatCell } from '$lib/domain/monitoring/suppression';
import type { ColumnKey, DatasetKey, MonitoringTable } from '$lib/domain/monitoring/types';
import { m } from '$lib/paraglide/messages.js';
import { COLUMNS, rowLabel, type SheetTitles } from './labels';

interface Plot {
	type: 'bar' | 'line';
	/** The columns drawn, one series each. */
	columns: ColumnKey[];
	/** Bars along the y axis, for long category names. */
	horizontal?: boolean;
	/** Values are percentages (0–100). */
	percent?: boolean;
}

const PLOTS: Record<DatasetKey, Plot> = {
	'pairs-by-phase': { type: 'bar', columns: ['pairs'] },
	'pairs-by-status': { type: 'bar', columns: ['pairs'] },
	meetings: { type: 'line', columns: ['held', 'planned'] },
	instruments: { type: 'bar', columns: ['share'], horizontal: true, percent: true },
	logbook: { type: 'bar', columns: ['mentor', 'mentee'] },
	difficulties: { type: 'bar', columns: ['flagged'] },
	'stalled-pairs': { type: 'bar', columns: ['days_without_meeting'], horizontal: true },
	'exit-requests-by-status': { type: 'bar', columns: ['requests'] },
	'exit-requests-by-fortnight': { type: 'bar', columns: ['requests'] }
};

// The app's brand blue and a contrasting orange; the second series of a line is also dashed,
// so the two never differ by colour alone.
const COLOURS = ['#1f5f8b', '#b4540f'];

/** Axis labels longer than this are cut with "…" (the tooltip, table and CSV keep the whole name). */
const AXIS_LABEL_MAX = 36;

/** The name on the axis; a worksheet is named by its title, the key never shows. */
function axisLabel(
	table: MonitoringTable,
	key: string,
	locale: string,
	titles: SheetTitles
): string {
	if (table.rowKind === 'fortnight') return shortDay(key, locale);
	return rowLabel(table.rowKind, key, locale, titles);
}

/** A long name shortened at a word boundary for a chart axis: "PS1 Eerste analyse van de …". */
export function shortLabel(label: string, max = AXIS_LABEL_MAX): string {
	if (label.length <= max) return label;
	const cut = label.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The Chart.js configuration of a monitoring table: suppressed cells are gaps, never zeros. */
export function chartConfig(
	table: MonitoringTable,
	locale: string,
	titles: SheetTitles,
	reducedMotion: boolean
): ChartConfiguration {
	const plot = PLOTS[table.dataset];
	const datasets = plot.columns.map((key, n): ChartDataset<'bar' | 'line'> => {
		const index = table.columns.findIndex((c) => c.key === key);
		const kind = table.columns[index].kind;
		return {
			label: COLUMNS[key](),
			data: table.rows.map((row) => chartValue(row.cells[index], kind)),
			backgroundColor: COLOURS[n % COLOURS.length],
			borderColor: COLOURS[n % COLOURS.length],
			...(plot.type === 'line'
				? { borderDash: n === 0 ? [] : [6, 4], pointRadius: 4, spanGaps: true, tension: 0 }
				: {})
		};
	});
	const valueAxis = {
		beginAtZero: true,
		...(plot.percent ? { max: 100, ticks: { precision: 0 } } : { ticks: { precision: 0 } })
	};
	// Long names (worksheet titles) are shortened on the axis only; the tooltip shows them whole.
	const categoryAxis = {
		ticks: {
			callback(this: { getLabelForValue(value: number): string }, value: number | string) {
				return shortLabel(this.getLabelForValue(Number(value)));
			}
		}
	};
	return {
		type: plot.type,
		data: { labels: table.rows.map((r) => axisLabel(table, r.key, locale, titles)), datasets },
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: reducedMotion ? false : undefined,
			indexAxis: plot.horizontal ? 'y' : 'x',
			scales: plot.horizontal
				? { x: valueAxis, y: categoryAxis }
				: { x: categoryAxis, y: valueAxis },
			plugins: {
				legend: { display: datasets.length > 1, labels: { usePointStyle: plot.type === 'line' } }
			}
		}
	} as ChartConfiguration;
}

/** What the chart shows, in words, for its `aria-label`. */
export function chartSummary(
	table: MonitoringTable,
	title: string,
	min: number,
	locale: string,
	titles: SheetTitles
): string {
	const plot = PLOTS[table.dataset];
	const indexes = plot.columns.map((key) => table.columns.findIndex((c) => c.key === key));
	const say = (index: number, row: MonitoringTable['rows'][number]) => {
		const cell = row.cells[index];
		return cell.suppressed
			? m.monitoring_fewer_than({ min })
			: formatCell(cell, table.columns[index].kind, min, locale);
	};
	const parts = table.rows.map((row) => {
		const label = rowLabel(table.rowKind, row.key, locale, titles);
		if (indexes.length === 1) return `${label}: ${say(indexes[0], row)}`;
		return `${label}: ${indexes.map((i) => `${COLUMNS[table.columns[i].key]()} ${say(i, row)}`).join(', ')}`;
	});
	return m.monitoring_chart_label({
		title,
		values: parts.length ? parts.join('; ') : m.monitoring_chart_no_values()
	});
}
