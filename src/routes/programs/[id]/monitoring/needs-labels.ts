import type { NeedsChangeCsvLabels } from '$lib/domain/groups/needs-change';
import { NEEDS_THEMES } from '$lib/domain/groups/needs';
import { MOMENT_LABELS } from '$lib/components/groups/group-text';
import { m } from '$lib/paraglide/messages.js';

/** The words of the needs-analysis change (page and CSV), in the reader's language. */

export const MOMENTS = MOMENT_LABELS;

/** A theme's name as the seed words it; the key when it is unknown. */
export function themeName(key: string, locale: string): string {
	const theme = NEEDS_THEMES.find((t) => t.key === key);
	if (!theme) return key;
	return locale === 'en' ? theme.en : theme.nl;
}

export function needsCsvLabels(locale: string): NeedsChangeCsvLabels {
	return {
		group: m.lc_csv_group(),
		kind: m.lc_csv_kind(),
		moment: m.lc_csv_moment(),
		respondents: m.lc_csv_respondents(),
		theme: m.lg_needs_theme(),
		first: m.lc_csv_start(),
		last: m.lc_csv_end(),
		change: m.lc_col_change(),
		momentName: (moment) => MOMENTS[moment](),
		themeName: (key) => themeName(key, locale)
	};
}
