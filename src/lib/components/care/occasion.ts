import { m } from '$lib/paraglide/messages.js';

/** The name of a check-in's occasion: after the first meeting, interim n, at the end. */
export function occasionName(occasion: string, round: number): string {
	if (occasion === 'end') return m.care_occasion_end();
	if (occasion === 'periodic') return m.care_occasion_periodic({ round });
	return m.care_occasion_first();
}
