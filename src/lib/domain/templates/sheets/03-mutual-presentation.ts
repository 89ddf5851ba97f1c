import type { Field, LocalizedText, Template } from '../types';
import { date, rich, section, t, text } from '../builders';

type Prompt = readonly [key: string, label: LocalizedText, short?: 'short'];

const mentorPrompts: readonly Prompt[] = [
	['current-role', t('De huidige werkrol', 'My current role at work')],
	[
		'key-experience',
		t('Belangrijkste ervaring in mijn leven', 'The most important experience of my life')
	],
	[
		'most-satisfying',
		t('Het incident dat mij meer voldoening gaf', 'The event that gave me the most satisfaction')
	],
	[
		'most-regret',
		t('De situatie waar ik het meest spijt van heb gehad', 'The situation I have regretted most')
	],
	[
		'hobbies',
		t("Mijn hobby's en interesses buiten het werk", 'My hobbies and interests outside work')
	],
	['favourite-film', t('Mijn favoriete film', 'My favourite film'), 'short'],
	[
		'what-people-say',
		t('De dingen die velen over mij praten', 'The things many people say about me')
	],
	[
		'expect-path',
		t('Wat verwacht ik van het mentortraject?', 'What do I expect from the mentoring path?')
	],
	['expect-self', t('Wat verwacht ik van mezelf', 'What do I expect of myself')],
	['expect-you', t('Wat verwacht ik van jou', 'What do I expect of you')],
	['questions-about-me', t('Heb je vragen over mij?', 'Do you have any questions about me?')],
	[
		'why-this-project',
		t(
			'Waarom hebben de projectpartners voor dit project gekozen?',
			'Why did the project partners choose this project?'
		)
	],
	['other', t('Andere vragen/ vrijelijk beantwoorden', 'Other questions/ answered freely')]
];

const menteePrompts: readonly Prompt[] = [
	...mentorPrompts
		.filter(([key]) => key !== 'why-this-project')
		.map(([key, label, short]): Prompt =>
			key === 'hobbies'
				? [
						key,
						t(
							"Mijn hobby's en interesses buiten het werk/ de school",
							'My hobbies and interests outside work/ school'
						)
					]
				: [key, label, short]
		)
];

function promptFields(prefix: 'mentor' | 'mentee', prompts: readonly Prompt[]): Field[] {
	return prompts.map(([key, label, short]) =>
		short ? text(`${prefix}-${key}`, label) : rich(`${prefix}-${key}`, label)
	);
}

/** 03 – Wederzijdse presentatie (`001…` L1336). */
export const mutualPresentation: Template = {
	key: '03-mutual-presentation',
	version: 1,
	title: t('03. Wederzijdse presentatie', '03. Mutual presentation'),
	phase: 'BR',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1336 },
	intro: t(
		'Een checklist van mogelijke projecten om wederzijdse informatie te vragen en krijgen, om verhalen te vertellen van beide kanten.',
		'A checklist of possible topics for asking for and receiving information from each other, so that both sides can tell their stories.'
	),
	sections: [
		section('details', t('Bijeenkomst', 'Meeting'), [
			text('mentor-name', t('Naam van de mentor', "Mentor's name"), { prefill: 'mentor-name' }),
			text('mentee-name', t('Naam van de mentee', "Mentee's name"), { prefill: 'mentee-name' }),
			date('meeting-date', t('Datum van de bijeenkomst', 'Date of the meeting'), {
				prefill: 'today'
			})
		]),
		section('mentor', t('Mentor:', 'Mentor:'), promptFields('mentor', mentorPrompts)),
		section('mentee', t('Mentee:', 'Mentee:'), promptFields('mentee', menteePrompts)),
		section('notes', t('Overig', 'Other'), [
			rich(
				'notes',
				t(
					'Overig (inzichten, vragen en een willekeurig aantal gesprekken) (aantekeningen voor volgende bijeenkomsten en/ of opname in het logboek)',
					'Other (insights, questions and any number of conversations) (notes for next meetings and/ or for the logbook)'
				)
			)
		])
	]
};
