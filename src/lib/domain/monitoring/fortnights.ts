import { CALENDAR_DAY, dateFormat, intlLocale } from '$lib/domain/intl';

/** Fortnights are counted from the programme's start: fortnight 0 starts on its first day. */

const DAY = 86_400_000;

function parseIso(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	return Date.UTC(y, m - 1, d);
}

/** The last day (ISO) of the fortnight that starts on `startIso`. */
export function fortnightEnd(startIso: string): string {
	return new Date(parseIso(startIso) + 13 * DAY).toISOString().slice(0, 10);
}

/** The first day (ISO) of fortnight `index` of a programme that starts on `programStartIso`. */
export function fortnightStart(programStartIso: string, index: number): string {
	return new Date(parseIso(programStartIso) + index * 14 * DAY).toISOString().slice(0, 10);
}

const SHORT_DAY = { day: 'numeric', month: 'short', timeZone: 'UTC' } as const;

/** A short day label for a chart axis: "29 Sept" / "29 sep". */
export function shortDay(iso: string, locale: string): string {
	return dateFormat(locale, SHORT_DAY).format(new Date(parseIso(iso)));
}

/**
 * Labels already made: the monitoring page labels each fortnight in several tables and chart
 * summaries, and `formatRange` was still half of its server render with a shared formatter.
 * Emptied when full; a programme has at most 261 fortnights.
 */
const labels = new Map<string, string>();
const LABELS_KEPT = 4096;

/** The fortnight as a range for a table row: "29 Sept – 12 Oct 2026". */
export function fortnightLabel(startIso: string, locale: string): string {
	const key = `${intlLocale(locale)} ${startIso}`;
	let label = labels.get(key);
	if (label === undefined) {
		label = dateFormat(locale, CALENDAR_DAY.short).formatRange(
			new Date(parseIso(startIso)),
			new Date(parseIso(fortnightEnd(startIso)))
		);
		if (labels.size >= LABELS_KEPT) labels.clear();
		labels.set(key, label);
	}
	return label;
}
