/**
 * Intl formatters for the interface's two languages, built once per language and options and then
 * reused. Building one loads locale data and takes a few hundred microseconds; formatting with
 * one takes a few. The monitoring page of a 10-year programme labels 261 fortnights in each of
 * its tables and chart summaries: with a new formatter per label its server render held the event
 * loop for about 300 ms (measured, issue #15).
 */

/** The Intl locale of an interface language: 'en' → en-GB, anything else → nl-BE. */
export const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-BE');

// The options always come from the code, so these hold a handful of formatters each.
const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

/** A date (and time) formatter for `locale` with `options`, shared by every caller. */
export function dateFormat(
	locale: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = `${intlLocale(locale)} ${JSON.stringify(options)}`;
	let format = dates.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(intlLocale(locale), options);
		dates.set(key, format);
	}
	return format;
}

/** A number formatter for `locale` with `options`, shared by every caller. */
export function numberFormat(
	locale: string,
	options: Intl.NumberFormatOptions = {}
): Intl.NumberFormat {
	const key = `${intlLocale(locale)} ${JSON.stringify(options)}`;
	let format = numbers.get(key);
	if (!format) {
		format = new Intl.NumberFormat(intlLocale(locale), options);
		numbers.set(key, format);
	}
	return format;
}
