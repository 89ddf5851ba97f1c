import { describe, expect, it } from 'vitest';
import { describeAnswers, getTemplate } from '$lib/domain/templates';

describe('describeAnswers', () => {
	const template = getTemplate('mentee-intake');
	if (!template) throw new Error('mentee-intake is missing');

	it('labels answers with the form’s own words, never its keys, and skips empty ones', () => {
		const sections = describeAnswers(
			template,
			{
				'support-topics': { finance: true, wellbeing: false },
				availability: { 'weekday-evening': true, weekend: true },
				setting: 'primary',
				region: '  Antwerpen ',
				needs: '',
				'secret-key': 'never shown'
			},
			'nl'
		);
		expect(sections.map((s) => s.key)).toEqual(['needs-goals', 'profile', 'practical']);
		const lines = Object.fromEntries(
			sections.flatMap((s) => s.answers).map((a) => [a.label, a.lines])
		);
		expect(lines).toEqual({
			'Op welke domeinen wil ik vooral ondersteuning?': ['Financiën en infrastructuur'],
			'Mijn werkomgeving': ['Basisonderwijs'],
			Beschikbaarheid: ['Weekdagen – avond', 'Weekend'],
			'Regio / plaats': ['Antwerpen']
		});
		expect(JSON.stringify(sections)).not.toContain('secret-key');
		expect(JSON.stringify(sections)).not.toContain('weekday-evening');
	});

	it('speaks English too, and gives nothing for an empty form', () => {
		const [section] = describeAnswers(template, { setting: 'primary' }, 'en');
		expect(section.answers[0]).toMatchObject({
			label: 'My work setting',
			lines: ['Primary education']
		});
		expect(describeAnswers(template, {}, 'en')).toEqual([]);
	});

	it('shows a table row as its labelled cells', () => {
		const match = getTemplate('match-mentee');
		if (!match) throw new Error('match-mentee is missing');
		const [section] = describeAnswers(
			match,
			{ favourites: [{ mentor: 'Carla', 'preferred-place': 'Antwerpen' }, { mentor: '' }] },
			'nl'
		);
		expect(section.answers[0].lines).toEqual([
			'Mentor: Carla · Voorkeursplek voor zijn bijeenkomsten: Antwerpen'
		]);
	});
});
