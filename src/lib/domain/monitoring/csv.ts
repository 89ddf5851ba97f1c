import { csvCell } from './suppression';
import type { ColumnKey, MonitoringTable } from './types';

/** Excel and LibreOffice read a UTF-8 file correctly only when it starts with a byte-order mark. */
const BOM = '\ufeff';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or surrounding
 * spaces. Text that a spreadsheet would run as a formula (=, +, -, @, tab) is prefixed with an
 * apostrophe; numbers are written as they are.
 */
export function csvField(value: string | number): string {
	if (typeof value === 'number') return String(value);
	const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: a header line and the rows, CRLF line ends, with a byte-order mark. */
export function toCsv(
	header: readonly string[],
	rows: readonly (readonly (string | number)[])[]
): string {
	return BOM + [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

export interface CsvLabels {
	/** The heading of the first column (what the row keys are). */
	rowHeader: string;
	columns: Record<ColumnKey, string>;
	/** The key written in the first column of the total row. */
	total: string;
	/** How a row's key reads (a worksheet's title, a phase's name); without it the key itself. */
	row?: (key: string) => string;
}

/** A monitoring table as CSV: row names (or ISO dates, pseudonyms) and the cells. */
export function tableToCsv(table: MonitoringTable, labels: CsvLabels, min: number): string {
	const header = [labels.rowHeader, ...table.columns.map((c) => labels.columns[c.key])];
	const name = labels.row ?? ((key: string) => key);
	const rows = table.rows.map((row) => [
		name(row.key),
		...row.cells.map((cell) => csvCell(cell, min))
	]);
	if (table.total) rows.push([labels.total, ...table.total.map((cell) => csvCell(cell, min))]);
	return toCsv(header, rows);
}
