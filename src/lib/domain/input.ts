import { z } from 'zod';

/**
 * The building blocks every form schema uses for free text and dates, so hostile input gets a
 * field error (a 400 with the form kept) instead of reaching the database: PostgreSQL refuses a
 * NUL character in text and a date such as 2026-02-30 or 0000-01-01, which `Date.parse` accepts.
 * Issue messages are keys the UI translates (see `errorText` in $lib/i18n).
 */

/**
 * C0 control characters and DEL, except tab, line feed and carriage return (a textarea sends
 * its line breaks as CRLF). They cannot be typed, PostgreSQL refuses NUL, and the others only
 * corrupt what is shown, exported or put in a calendar file.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacters(value: string): boolean {
	return CONTROL_CHARACTERS.test(value);
}

/**
 * A string without control characters ('control_characters'); chain `.trim()`, `.min()`,
 * `.max()` as with `z.string()`. Missing or not a string: 'required'.
 */
export function plainText() {
	return z
		.string('required')
		.refine((v) => !hasControlCharacters(v), { message: 'control_characters', abort: true });
}

/** Whether `value` is a real calendar date written 'YYYY-MM-DD', from year 0001 on. */
export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	if (year < 1) return false;
	// Round trip: 2026-02-30 comes back as 2026-03-02. setUTCFullYear keeps years below 100 as
	// they are (Date.UTC would read 0099 as 1999).
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** A calendar date 'YYYY-MM-DD' ('date' when it is not one, 'required' when missing). */
export function isoDate() {
	return z.string('required').refine(isCalendarDate, { message: 'date', abort: true });
}

/** `date` ('YYYY-MM-DD') plus whole years; 29 February becomes 28 February, as in PostgreSQL. */
export function addYears(date: string, years: number): string {
	const [year, month, day] = date.split('-').map(Number);
	const target = year + years;
	const last = new Date(Date.UTC(2000, month, 0));
	last.setUTCFullYear(target, month, 0);
	const clamped = Math.min(day, last.getUTCDate());
	return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}
