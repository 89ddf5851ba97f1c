import type { ChartConfiguration, ChartDataset } from 'chart.js';
import {
	chartValue,
	formatCell,
	shortDay,
	type ColumnKey,
	type DatasetKey,
	type MonitoringTable
} from '$lib/domain/monitoring';
import { m } from '$lib/paraglide/messages.js';
import { COLUMNS, rowLabel } from './labels';

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

function axisLabel(table: MonitoringTable, key: string, locale: string): string {
	if (table.rowKind === 'fortnight') return shortDay(key, locale);
	if (table.rowKind === 'instrument') return key;
	return rowLabel(table.rowKind, key, locale);
}

/** The Chart.js configuration of a monitoring table: suppressed cells are gaps, never zeros. */
export function chartConfig(
	table: MonitoringTable,
	locale: string,
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
	return {
		type: plot.type,
		data: { labels: table.rows.map((r) => axisLabel(table, r.key, locale)), datasets },
		options: {
			responsive: true,
			maintainAspectRatio: false,
			animation: reducedMotion ? false : undefined,
			indexAxis: plot.horizontal ? 'y' : 'x',
			scales: plot.horizontal ? { x: valueAxis } : { y: valueAxis },
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
	locale: string
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
		const label = rowLabel(table.rowKind, row.key, locale);
		if (indexes.length === 1) return `${label}: ${say(indexes[0], row)}`;
		return `${label}: ${indexes.map((i) => `${COLUMNS[table.columns[i].key]()} ${say(i, row)}`).join(', ')}`;
	});
	return m.monitoring_chart_label({
		title,
		values: parts.length ? parts.join('; ') : m.monitoring_chart_no_values()
	});
}
