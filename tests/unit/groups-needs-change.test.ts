import { describe, expect, it } from 'vitest';
import {
	needsChangeCsv,
	shapeNeedsChange,
	type NeedsChangeRow
} from '$lib/domain/groups/needs-change';
import { NEEDS_THEMES } from '$lib/domain/groups/needs';

const row = (over: Partial<NeedsChangeRow>): NeedsChangeRow => ({
	group_id: 'g1',
	pseudonym: 'G-01',
	kind: 'LGSL',
	first_moment: 'start',
	last_moment: 'year1_end',
	theme: 'pedagogy',
	respondents: 5,
	first_average: 3,
	last_average: 2.4,
	change: -0.6,
	suppressed: false,
	...over
});

const labels = {
	group: 'Groep',
	kind: 'Soort',
	moment: 'Moment',
	respondents: 'Deelnemers',
	theme: 'Thema',
	first: 'Start',
	last: 'Einde',
	change: 'Verschil',
	momentName: (moment: string) => `M:${moment}`,
	themeName: (key: string) => `T:${key}`
};

describe('the change in the needs analysis per group', () => {
	it('gives every group every theme, in order; a missing or suppressed theme has no numbers', () => {
		const groups = shapeNeedsChange([
			row({}),
			row({ theme: 'wellbeing', respondents: null, first_average: null, suppressed: true }),
			row({
				group_id: 'g2',
				pseudonym: 'G-02',
				first_moment: null,
				last_moment: null,
				theme: null,
				respondents: null,
				first_average: null,
				last_average: null,
				change: null,
				suppressed: true
			})
		]);
		expect(groups.map((g) => g.pseudonym)).toEqual(['G-01', 'G-02']);
		for (const group of groups)
			expect(group.themes.map((t) => t.key)).toEqual(NEEDS_THEMES.map((t) => t.key));
		expect(groups[0].respondents).toBe(5);
		expect(groups[0].lastMoment).toBe('year1_end');
		expect(groups[0].themes[0]).toEqual({
			key: 'pedagogy',
			first: 3,
			last: 2.4,
			change: -0.6,
			suppressed: false
		});
		expect(groups[0].themes.filter((t) => t.suppressed)).toHaveLength(NEEDS_THEMES.length - 1);
		expect(groups[1]).toMatchObject({ lastMoment: null, respondents: null });
		expect(groups[1].themes.every((t) => t.suppressed && t.first === null)).toBe(true);
	});

	it('writes one CSV line per group and theme, "< N" for what is hidden, numbers as numbers', () => {
		const csv = needsChangeCsv(shapeNeedsChange([row({})]), labels, 5);
		const lines = csv
			.replace(/^\ufeff/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines[0]).toBe('Groep,Soort,Moment,Deelnemers,Thema,Start,Einde,Verschil');
		expect(lines).toHaveLength(1 + NEEDS_THEMES.length);
		expect(lines[1]).toBe('G-01,LGSL,M:year1_end,5,T:pedagogy,3,2.4,-0.6');
		expect(lines[2]).toBe('G-01,LGSL,M:year1_end,5,T:vision_planning,< 5,< 5,< 5');
	});
});
