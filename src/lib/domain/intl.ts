/**
 * Intl formatters for the interface's two languages, built once per language and options and then
 * reused. Building one loads locale data and takes a few hundred microseconds; formatting with
 * one takes a few. The monitoring page of a 10-year programme labels 261 fortnights in each of
 * its tables and chart summaries: with a new formatter per label its server render held the event
 * loop for about 300 ms (measured, issue #15).
 */

/** The Intl locale of an interface language: 'en' → en-GB, anything else → nl-BE. */
export const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'nl-BE');

/** One cache per kind of formatter; the options always come from the code, so each holds a few. */
function cached<Options, Format>(build: (locale: string, options: Options) => Format) {
	const formats = new Map<string, Format>();
	return (locale: string, options: Options): Format => {
		const key = `${intlLocale(locale)} ${JSON.stringify(options)}`;
		let format = formats.get(key);
		if (!format) {
			format = build(intlLocale(locale), options);
			formats.set(key, format);
		}
		return format;
	};
}

const dates = cached(
	(locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options)
);
const numbers = cached(
	(locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options)
);

/** A date (and time) formatter for `locale` with `options`, shared by every caller. */
export function dateFormat(
	locale: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	return dates(locale, options);
}

/**
 * Day, month and year of a calendar day, read in UTC so that no time zone moves it a day:
 * `long` "1 december 2026", `short` "1 dec 2026", `dayMonth` "1 december".
 */
export const CALENDAR_DAY = {
	long: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
	short: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
	dayMonth: { day: 'numeric', month: 'long', timeZone: 'UTC' }
} as const;

/** A calendar date ('YYYY-MM-DD') in the reader's language. */
export function formatCalendarDay(
	iso: string,
	locale: string,
	length: keyof typeof CALENDAR_DAY = 'long'
): string {
	const [y, m, d] = iso.split('-').map(Number);
	return dateFormat(locale, CALENDAR_DAY[length]).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A number formatter for `locale` with `options`, shared by every caller. */
export function numberFormat(
	locale: string,
	options: Intl.NumberFormatOptions = {}
): Intl.NumberFormat {
	return numbers(locale, options);
}
