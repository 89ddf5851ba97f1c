/**
 * The coordinator's view of the change in a learning community's needs analysis: per group and
 * per theme the average rating (1 no need … 4 a great need) at the start and at the latest
 * end-of-year moment, and the difference, from `public.group_needs_change` (which returns
 * nothing to anyone but the coordinator and suppresses small cohorts; see
 * supabase/migrations/20261204000400_community_needs_change.sql). A suppressed theme has no
 * numbers at all, never a zero.
 */
import { toCsv } from '$lib/domain/monitoring/csv';
import { suppressedMarker } from '$lib/domain/monitoring/suppression';
import type { GroupKind } from '$lib/domain/policy/groups';
import { NEEDS_THEMES, type NeedsMoment } from './needs';

/** A row of `public.group_needs_change`, as the server reads it (numbers as numbers). */
export interface NeedsChangeRow {
	group_id: string;
	pseudonym: string;
	kind: GroupKind;
	first_moment: NeedsMoment | null;
	last_moment: NeedsMoment | null;
	theme: string | null;
	respondents: number | null;
	first_average: number | null;
	last_average: number | null;
	change: number | null;
	suppressed: boolean;
}

export interface NeedsChangeTheme {
	key: string;
	first: number | null;
	last: number | null;
	change: number | null;
	suppressed: boolean;
}

export interface GroupNeedsChange {
	groupId: string;
	/** The group's stable pseudonym (G-01 …): monitoring never carries a group's name. */
	pseudonym: string;
	kind: GroupKind;
	/** The later moment compared with the start; null while no cohort is large enough. */
	lastMoment: NeedsMoment | null;
	/** The people behind the figures (a multiple of the minimum group size); null when hidden. */
	respondents: number | null;
	/** Every theme of the needs analysis, in its order. */
	themes: NeedsChangeTheme[];
}

/** Groups in the order of the rows, each with every theme (missing ones suppressed). */
export function shapeNeedsChange(rows: readonly NeedsChangeRow[]): GroupNeedsChange[] {
	const groups = new Map<string, GroupNeedsChange>();
	const found = new Map<string, Map<string, NeedsChangeRow>>();
	for (const row of rows) {
		if (!groups.has(row.group_id)) {
			groups.set(row.group_id, {
				groupId: row.group_id,
				pseudonym: row.pseudonym,
				kind: row.kind,
				lastMoment: row.last_moment,
				respondents: null,
				themes: []
			});
			found.set(row.group_id, new Map());
		}
		if (row.theme !== null) found.get(row.group_id)?.set(row.theme, row);
	}
	for (const group of groups.values()) {
		const byTheme = found.get(group.groupId) ?? new Map<string, NeedsChangeRow>();
		group.themes = NEEDS_THEMES.map((theme) => {
			const row = byTheme.get(theme.key);
			if (!row || row.suppressed)
				return { key: theme.key, first: null, last: null, change: null, suppressed: true };
			return {
				key: theme.key,
				first: row.first_average,
				last: row.last_average,
				change: row.change,
				suppressed: false
			};
		});
		const published = [...byTheme.values()].filter((r) => !r.suppressed);
		group.respondents = published.length
			? Math.max(...published.map((r) => r.respondents ?? 0))
			: null;
		if (!published.length) group.lastMoment = null;
	}
	return [...groups.values()];
}

/** Whether a group shows any figure at all. */
export const hasNeedsChange = (group: GroupNeedsChange) => group.themes.some((t) => !t.suppressed);

export interface NeedsChangeCsvLabels {
	group: string;
	kind: string;
	moment: string;
	respondents: string;
	theme: string;
	first: string;
	last: string;
	change: string;
	momentName: (moment: NeedsMoment) => string;
	themeName: (key: string) => string;
}

/** A figure as a plain number (a spreadsheet reads it as one); empty when there is none. */
const figure = (value: number | null) => (value === null ? '' : Math.round(value * 10) / 10);

/** One line per group and theme; suppressed figures read "< N" as in the other downloads. */
export function needsChangeCsv(
	groups: readonly GroupNeedsChange[],
	labels: NeedsChangeCsvLabels,
	min: number
): string {
	const hidden = suppressedMarker(min);
	const header = [
		labels.group,
		labels.kind,
		labels.moment,
		labels.respondents,
		labels.theme,
		labels.first,
		labels.last,
		labels.change
	];
	const rows = groups.flatMap((group) =>
		group.themes.map((theme) => [
			group.pseudonym,
			group.kind,
			group.lastMoment ? labels.momentName(group.lastMoment) : '',
			group.respondents === null ? hidden : group.respondents,
			labels.themeName(theme.key),
			...(theme.suppressed
				? [hidden, hidden, hidden]
				: [figure(theme.first), figure(theme.last), figure(theme.change)])
		])
	);
	return toCsv(header, rows);
}
