/**
 * The coordinator's monitoring datasets: what the SQL functions of
 * `supabase/migrations/20261124000600_monitoring.sql` return, and the table model every chart,
 * accessible table and CSV download is drawn from. Counts only: pseudonyms, codes and dates,
 * never a name or anything a person wrote.
 */

/**
 * One chart (and one CSV download) each, in the order of the page. Used in URLs:
 * `/programs/[id]/monitoring/<key>.csv`.
 */
export const DATASETS = [
	'pairs-by-phase',
	'pairs-by-status',
	'instruments',
	'meetings',
	'logbook',
	'difficulties',
	'stalled-pairs',
	'exit-requests-by-status',
	'exit-requests-by-fortnight'
] as const;
export type DatasetKey = (typeof DATASETS)[number];

export function isDatasetKey(value: string): value is DatasetKey {
	return (DATASETS as readonly string[]).includes(value);
}

/** A value that may be suppressed: then `value` is null and `suppressed` is true. */
export interface Cell {
	value: number | string | null;
	suppressed: boolean;
}

/** How a column's values read: a count, a share (0–1), a calendar date or a number of days. */
export type ColumnKind = 'count' | 'share' | 'date' | 'days';

export type ColumnKey =
	| 'pairs'
	| 'held'
	| 'planned'
	| 'completed'
	| 'share'
	| 'mentor'
	| 'mentee'
	| 'flagged'
	| 'requests'
	| 'last_held_on'
	| 'days_without_meeting';

export interface Column {
	key: ColumnKey;
	kind: ColumnKind;
}

/** What a row's key is: a phase code, a pair status, a fortnight's first day (ISO) … */
export type RowKind =
	'phase' | 'pair_status' | 'fortnight' | 'instrument' | 'pseudonym' | 'exit_status';

export interface TableRow {
	key: string;
	cells: Cell[];
}

export interface MonitoringTable {
	dataset: DatasetKey;
	rowKind: RowKind;
	columns: Column[];
	rows: TableRow[];
	/** The breakdown's total, one cell per column; null when the dataset has none. */
	total: Cell[] | null;
}

/** The rows of the SQL functions, as the server reads them (dates as 'YYYY-MM-DD'). */
export interface PairsRow {
	breakdown: 'phase' | 'status';
	/** Null on the breakdown's total. */
	category: string | null;
	pairs: number | null;
	suppressed: boolean;
}

export interface MeetingsRow {
	fortnight: number;
	starts_on: string;
	held: number | null;
	held_suppressed: boolean;
	planned: number | null;
	planned_suppressed: boolean;
}

export interface InstrumentRow {
	template_key: string;
	pairs: number | null;
	completed: number | null;
	share: number | null;
	suppressed: boolean;
}

export interface LogbookRow {
	author_role: 'mentor' | 'mentee';
	/** Null on the role's total. */
	fortnight: number | null;
	starts_on: string | null;
	submissions: number | null;
	suppressed: boolean;
}

export interface DifficultiesRow {
	fortnight: number | null;
	starts_on: string | null;
	flagged: number | null;
	suppressed: boolean;
}

export interface StalledRow {
	pseudonym: string;
	last_held_on: string | null;
	days_without_meeting: number;
}

export interface ExitRequestsRow {
	breakdown: 'status' | 'fortnight';
	category: string | null;
	fortnight: number | null;
	starts_on: string | null;
	requests: number | null;
	suppressed: boolean;
}
