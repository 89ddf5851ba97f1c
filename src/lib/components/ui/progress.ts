import { getLocale } from '$lib/paraglide/runtime';

/** The share of `max` that `value` is, from 0 to 1 (0 when max is not positive). */
export function fraction(value: number, max: number): number {
	if (!(max > 0) || !Number.isFinite(value)) return 0;
	return Math.min(1, Math.max(0, value / max));
}

/** "40%" in the current language. */
export function percentText(share: number): string {
	return new Intl.NumberFormat(getLocale() === 'en' ? 'en-GB' : 'nl-BE', {
		style: 'percent',
		maximumFractionDigits: 0
	}).format(share);
}
