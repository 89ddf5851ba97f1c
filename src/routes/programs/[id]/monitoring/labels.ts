// The narrow modules: the page's JavaScript needs neither the zod schemas nor the templates.
import type { CsvLabels } from '$lib/domain/monitoring/csv';
import { fortnightLabel } from '$lib/domain/monitoring/fortnights';
import type { ColumnKey, DatasetKey, RowKind } from '$lib/domain/monitoring/types';
import { PATH_PHASES } from '$lib/domain/phases';
import { PAIR_STATUSES } from '$lib/domain/policy/pairs';
import { pairStatusName, phaseName } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

/** The words of the monitoring page and its CSV files, in the reader's language. */

export const TITLES: Record<DatasetKey, () => string> = {
	'pairs-by-phase': m.monitoring_pairs_phase_title,
	'pairs-by-status': m.monitoring_pairs_status_title,
	meetings: m.monitoring_meetings_title,
	instruments: m.monitoring_instruments_title,
	logbook: m.monitoring_logbook_title,
	difficulties: m.monitoring_difficulties_title,
	'stalled-pairs': m.monitoring_stalled_title,
	'exit-requests-by-status': m.monitoring_exits_status_title,
	'exit-requests-by-fortnight': m.monitoring_exits_fortnight_title
};

export function description(dataset: DatasetKey, min: number, days: number): string {
	switch (dataset) {
		case 'pairs-by-phase':
			return m.monitoring_pairs_phase_desc();
		case 'pairs-by-status':
			return m.monitoring_pairs_status_desc();
		case 'meetings':
			return m.monitoring_meetings_desc({ min });
		case 'instruments':
			return m.monitoring_instruments_desc();
		case 'logbook':
			return m.monitoring_logbook_desc();
		case 'difficulties':
			return m.monitoring_difficulties_desc();
		case 'stalled-pairs':
			return m.monitoring_stalled_desc({ days });
		case 'exit-requests-by-status':
			return m.monitoring_exits_status_desc();
		case 'exit-requests-by-fortnight':
			return m.monitoring_exits_fortnight_desc();
	}
}

export const COLUMNS: Record<ColumnKey, () => string> = {
	pairs: m.monitoring_col_pairs,
	held: m.monitoring_col_held,
	planned: m.monitoring_col_planned,
	completed: m.monitoring_col_completed,
	share: m.monitoring_col_share,
	mentor: m.monitoring_col_mentor,
	mentee: m.monitoring_col_mentee,
	flagged: m.monitoring_col_flagged,
	requests: m.monitoring_col_requests,
	last_held_on: m.monitoring_col_last_held_on,
	days_without_meeting: m.monitoring_col_days_without_meeting
};

export const ROW_HEADERS: Record<RowKind, () => string> = {
	phase: m.monitoring_row_phase,
	pair_status: m.monitoring_row_pair_status,
	fortnight: m.monitoring_row_fortnight,
	instrument: m.monitoring_row_instrument,
	pseudonym: m.monitoring_row_pseudonym,
	exit_status: m.monitoring_row_exit_status
};

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
	(list as readonly string[]).includes(value);

/** Worksheet titles by template key, in the reader's language (`sheetTitles` on the server). */
export type SheetTitles = Readonly<Record<string, string>>;

/**
 * A row's name for a reader: a phase's name, a status, a fortnight's dates, a worksheet's title
 * (from `titles`; a template key is never shown).
 */
export function rowLabel(kind: RowKind, key: string, locale: string, titles: SheetTitles): string {
	switch (kind) {
		case 'phase':
			return isOneOf(PATH_PHASES, key) ? phaseName(key) : key;
		case 'pair_status':
			return isOneOf(PAIR_STATUSES, key) ? pairStatusName(key) : key;
		case 'fortnight':
			return fortnightLabel(key, locale);
		case 'instrument':
			return titles[key] ?? m.monitoring_row_instrument();
		case 'exit_status':
			return key === 'open'
				? m.monitoring_exit_open()
				: key === 'handled'
					? m.monitoring_exit_handled()
					: key;
		case 'pseudonym':
			return key;
	}
}

/**
 * The header line of a dataset's CSV file, in the reader's language, and the rows' names: what the
 * page's table shows, except fortnights (their ISO first day sorts in a spreadsheet) and pseudonyms.
 */
export function csvLabels(rowKind: RowKind, locale: string, titles: SheetTitles): CsvLabels {
	const named = rowKind !== 'fortnight' && rowKind !== 'pseudonym';
	return {
		...(named ? { row: (key: string) => rowLabel(rowKind, key, locale, titles) } : {}),
		rowHeader: ROW_HEADERS[rowKind](),
		columns: Object.fromEntries(
			Object.entries(COLUMNS).map(([key, label]) => [key, label()])
		) as Record<ColumnKey, string>,
		total: m.monitoring_total()
	};
}
