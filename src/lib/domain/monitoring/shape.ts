import type {
	Cell,
	DifficultiesRow,
	ExitRequestsRow,
	InstrumentRow,
	LogbookRow,
	MeetingsRow,
	MonitoringTable,
	PairsRow,
	StalledRow
} from './types';

/** Turns the SQL functions' rows into the table model; pure, so charts, tables and CSV agree. */

const cell = (value: number | string | null, suppressed: boolean): Cell => ({
	value: suppressed ? null : value,
	suppressed
});

export function shapePairs(
	rows: readonly PairsRow[],
	breakdown: 'phase' | 'status'
): MonitoringTable {
	const own = rows.filter((r) => r.breakdown === breakdown);
	const total = own.find((r) => r.category === null);
	return {
		dataset: breakdown === 'phase' ? 'pairs-by-phase' : 'pairs-by-status',
		rowKind: breakdown === 'phase' ? 'phase' : 'pair_status',
		columns: [{ key: 'pairs', kind: 'count' }],
		rows: own
			.filter((r) => r.category !== null)
			.map((r) => ({ key: r.category ?? '', cells: [cell(r.pairs, r.suppressed)] })),
		total: total ? [cell(total.pairs, total.suppressed)] : null
	};
}

export function shapeMeetings(rows: readonly MeetingsRow[]): MonitoringTable {
	return {
		dataset: 'meetings',
		rowKind: 'fortnight',
		columns: [
			{ key: 'held', kind: 'count' },
			{ key: 'planned', kind: 'count' }
		],
		rows: [...rows]
			.sort((a, b) => a.fortnight - b.fortnight)
			.map((r) => ({
				key: r.starts_on,
				cells: [cell(r.held, r.held_suppressed), cell(r.planned, r.planned_suppressed)]
			})),
		total: null
	};
}

/** Instruments in the toolkit's order (`order`: template keys); unknown keys last, by key. */
export function shapeInstruments(
	rows: readonly InstrumentRow[],
	order: readonly string[] = []
): MonitoringTable {
	const rank = (key: string) => {
		const i = order.indexOf(key);
		return i < 0 ? order.length : i;
	};
	return {
		dataset: 'instruments',
		rowKind: 'instrument',
		columns: [
			{ key: 'pairs', kind: 'count' },
			{ key: 'completed', kind: 'count' },
			{ key: 'share', kind: 'share' }
		],
		rows: [...rows]
			.sort(
				(a, b) =>
					rank(a.template_key) - rank(b.template_key) ||
					a.template_key.localeCompare(b.template_key)
			)
			.map((r) => ({
				key: r.template_key,
				cells: [
					cell(r.pairs, r.pairs === null),
					cell(r.completed, r.suppressed),
					cell(r.share === null ? null : Number(r.share), r.suppressed)
				]
			})),
		total: null
	};
}

export function shapeLogbook(rows: readonly LogbookRow[]): MonitoringTable {
	const periods = new Map<number, string>();
	for (const r of rows)
		if (r.fortnight !== null && r.starts_on) periods.set(r.fortnight, r.starts_on);
	const find = (role: 'mentor' | 'mentee', fortnight: number | null) =>
		rows.find((r) => r.author_role === role && r.fortnight === fortnight);
	const cellOf = (row: LogbookRow | undefined) =>
		row ? cell(row.submissions, row.suppressed) : cell(null, true);
	const hasTotal = rows.some((r) => r.fortnight === null);
	return {
		dataset: 'logbook',
		rowKind: 'fortnight',
		columns: [
			{ key: 'mentor', kind: 'count' },
			{ key: 'mentee', kind: 'count' }
		],
		rows: [...periods.entries()]
			.sort(([a], [b]) => a - b)
			.map(([fortnight, start]) => ({
				key: start,
				cells: [cellOf(find('mentor', fortnight)), cellOf(find('mentee', fortnight))]
			})),
		total: hasTotal ? [cellOf(find('mentor', null)), cellOf(find('mentee', null))] : null
	};
}

export function shapeDifficulties(rows: readonly DifficultiesRow[]): MonitoringTable {
	const total = rows.find((r) => r.fortnight === null);
	return {
		dataset: 'difficulties',
		rowKind: 'fortnight',
		columns: [{ key: 'flagged', kind: 'count' }],
		rows: rows
			.filter((r) => r.fortnight !== null)
			.sort((a, b) => (a.fortnight ?? 0) - (b.fortnight ?? 0))
			.map((r) => ({ key: r.starts_on ?? '', cells: [cell(r.flagged, r.suppressed)] })),
		total: total ? [cell(total.flagged, total.suppressed)] : null
	};
}

/** Stalled pairs: a list by pseudonym, never suppressed (it is not a breakdown). */
export function shapeStalled(rows: readonly StalledRow[]): MonitoringTable {
	return {
		dataset: 'stalled-pairs',
		rowKind: 'pseudonym',
		columns: [
			{ key: 'days_without_meeting', kind: 'days' },
			{ key: 'last_held_on', kind: 'date' }
		],
		rows: rows.map((r) => ({
			key: r.pseudonym,
			cells: [cell(r.days_without_meeting, false), cell(r.last_held_on, false)]
		})),
		total: null
	};
}

export function shapeExitRequests(
	rows: readonly ExitRequestsRow[],
	breakdown: 'status' | 'fortnight'
): MonitoringTable {
	const own = rows.filter((r) => r.breakdown === breakdown);
	const isTotal = (r: ExitRequestsRow) =>
		breakdown === 'status' ? r.category === null : r.fortnight === null;
	const total = own.find(isTotal);
	return {
		dataset: breakdown === 'status' ? 'exit-requests-by-status' : 'exit-requests-by-fortnight',
		rowKind: breakdown === 'status' ? 'exit_status' : 'fortnight',
		columns: [{ key: 'requests', kind: 'count' }],
		rows: own
			.filter((r) => !isTotal(r))
			.map((r) => ({
				key: (breakdown === 'status' ? r.category : r.starts_on) ?? '',
				cells: [cell(r.requests, r.suppressed)]
			})),
		total: total ? [cell(total.requests, total.suppressed)] : null
	};
}

/** Whether a table has anything to show at all (a published or suppressed cell, or a row). */
export function isEmptyTable(table: MonitoringTable): boolean {
	return table.rows.length === 0;
}

/** Whether every cell (and the total) of a table is suppressed: the chart would be blank. */
export function isFullySuppressed(table: MonitoringTable): boolean {
	const cells = [...table.rows.flatMap((r) => r.cells), ...(table.total ?? [])];
	return cells.length > 0 && cells.every((c) => c.suppressed);
}
