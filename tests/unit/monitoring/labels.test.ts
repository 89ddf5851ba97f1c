import { describe, expect, it } from 'vitest';
import { tableToCsv, type MonitoringTable } from '$lib/domain/monitoring';
import { pairSheets, sheetTitles, type Locale } from '$lib/domain/templates';
import {
	chartConfig,
	chartSummary,
	shortLabel
} from '../../../src/routes/programs/[id]/monitoring/chart-config';
import { csvLabels, rowLabel } from '../../../src/routes/programs/[id]/monitoring/labels';

/**
 * A worksheet is named by its title wherever a reader sees it: monitoring tables, chart axes, the
 * chart's description and the CSV files. A template key ("01-agreement", "04-development-plan")
 * never shows, neither alone nor next to the title ("01-agreement · 01. Mentorovereenkomst").
 */
const KEYS = pairSheets.map((t) => t.key);
/** Keys that cannot occur in a title by accident: the hyphenated ones. */
const HYPHENATED = KEYS.filter((key) => key.includes('-'));

function showsAKey(text: string): boolean {
	return (
		HYPHENATED.some((key) => text.includes(key)) || KEYS.some((key) => text.includes(`${key} ·`))
	);
}

const instruments: MonitoringTable = {
	dataset: 'instruments',
	rowKind: 'instrument',
	columns: [
		{ key: 'completed', kind: 'count' },
		{ key: 'share', kind: 'share' }
	],
	total: null,
	rows: KEYS.map((key) => ({
		key,
		cells: [
			{ value: 6, suppressed: false },
			{ value: 0.5, suppressed: false }
		]
	}))
};

describe.each(['nl', 'en'] as Locale[])('worksheet names in monitoring (%s)', (locale) => {
	const titles = sheetTitles(locale);

	it('has a title for every pair sheet, and no title is a key', () => {
		expect(Object.keys(titles).sort()).toEqual([...KEYS].sort());
		for (const [key, title] of Object.entries(titles)) {
			expect(title).not.toBe(key);
			expect(showsAKey(title), title).toBe(false);
		}
	});

	it('names table rows by the title alone', () => {
		for (const template of pairSheets) {
			const label = rowLabel('instrument', template.key, locale, titles);
			expect(label).toBe(template.title[locale]);
			expect(showsAKey(label), label).toBe(false);
		}
		// An unknown key (a template retired since) is named generically, not by its key.
		expect(rowLabel('instrument', '99-retired', locale, titles)).not.toContain('99-retired');
	});

	it('labels the chart axis and describes the chart without a key', () => {
		const config = chartConfig(instruments, locale, titles, true);
		const labels = (config.data.labels ?? []) as string[];
		expect(labels).toHaveLength(KEYS.length);
		for (const label of labels) expect(showsAKey(label), label).toBe(false);
		const summary = chartSummary(instruments, 'Werkbladen', 5, locale, titles);
		expect(showsAKey(summary), summary).toBe(false);
		expect(summary).toContain(titles['01-agreement']);
	});

	it('writes titles, not keys, into the CSV file', () => {
		const csv = tableToCsv(instruments, csvLabels('instrument', locale, titles), 5);
		expect(showsAKey(csv), csv).toBe(false);
		for (const title of Object.values(titles)) expect(csv).toContain(title);
	});
});

describe('shortLabel', () => {
	it('leaves short names alone and cuts long ones at a word with an ellipsis', () => {
		expect(shortLabel('PS2 Doelen')).toBe('PS2 Doelen');
		const long = 'PS1 Eerste analyse van de situatie: wat gaat goed en wat kan beter';
		const short = shortLabel(long);
		expect(short.length).toBeLessThanOrEqual(36);
		expect(short.endsWith('…')).toBe(true);
		expect(long.startsWith(short.slice(0, -1))).toBe(true);
	});
});
