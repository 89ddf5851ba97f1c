import type { Section, Template } from '../types';
import { date, rich, section, t, table, text } from '../builders';

/** Names of the pair and the lesson: shared by the lesson observation and the co-prepared lesson. */
export function lessonContext(title: ReturnType<typeof t>): Section {
	return section('context', title, [
		text('mentee-name', t('Naam van de beginnende leerkracht', "Beginning teacher's name"), {
			prefill: 'mentee-name'
		}),
		text('mentor-name', t('Naam van de mentor', "Mentor's name"), { prefill: 'mentor-name' }),
		text('class', t('Klas', 'Class')),
		text('subject', t('Vak of leergebied', 'Subject or learning area')),
		date('lesson-date', t('Datum van de les', 'Date of the lesson'), { prefill: 'today' }),
		rich(
			'lesson-goal',
			t(
				'Lesdoel: wat moeten de leerlingen na de les kennen of kunnen?',
				'Lesson goal: what should the pupils know or be able to do after the lesson?'
			)
		)
	]);
}

/**
 * Lesobservatie in de klas (`003…` L270): "lesobservatie in de klas, met debriefing in de vorm van
 * een professioneel gesprek". The framework asks for classroom practice made visible "zonder angst
 * om zich beoordeeld, bekritiseerd, geëvalueerd of bedreigd te voelen" (L200) and for "open
 * (niet-oordelende) professionele gesprekken over lesgeven … op basis van observatie en op
 * verbetering gerichte feedback … en te reflecteren op de impact hiervan op de praktijk" (L172);
 * the mentor is "een kritische en constructieve observator, een facilitator van leergesprekken"
 * (L246). The seed names no form: the parts (context, focus agreed beforehand, observations as
 * time / what I see / what I think, debrief, agreements) are the usual observation sheet, and the
 * debrief's questions are built from L172's wording.
 */
export const lessonObservation: Template = {
	key: 'lesson-observation',
	version: 1,
	title: t('Lesobservatie in de klas', 'Lesson observation in class'),
	phase: 'WU',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '003_b2b14fc9eb67e501.txt', line: 270 },
	intro: t(
		'Lesobservatie in de klas, met debriefing in de vorm van een professioneel gesprek. Jullie maken de klaspraktijk zichtbaar om met en van elkaar te leren, zonder angst om je beoordeeld, bekritiseerd, geëvalueerd of bedreigd te voelen. Spreek vooraf samen de focus af; noteer tijdens de les wat je ziet en wat je denkt; voer daarna een open, niet-oordelend gesprek.',
		'Lesson observation in class, with a debrief as a professional conversation. You make classroom practice visible to learn with and from each other, without fear of being judged, criticised, evaluated or threatened. Agree on the focus together beforehand; during the lesson note what you see and what you think; afterwards have an open, non-judgemental conversation.'
	),
	sections: [
		lessonContext(t('Lescontext', 'Lesson context')),
		section(
			'focus',
			t('Focus, vooraf afgesproken', 'Focus, agreed beforehand'),
			[
				rich(
					'focus',
					t(
						'Waarop let de observator? (vooraf samen afgesproken)',
						'What does the observer look at? (agreed together beforehand)'
					),
					{
						help: t(
							'Bv. één rol uit het beroepsprofiel, een vraag van de beginnende leerkracht, een afspraak van een vorige keer.',
							'E.g. one role of the professional profile, a question of the beginning teacher, an agreement from last time.'
						)
					}
				)
			],
			t(
				'De beginnende leerkracht kiest mee waarop gelet wordt: de observatie dient het leren, niet het beoordelen.',
				'The beginning teacher helps choose what to look at: the observation serves learning, not assessment.'
			)
		),
		section('observations', t('Observaties', 'Observations'), [
			table(
				'observations',
				t('Observaties tijdens de les', 'Observations during the lesson'),
				[
					text('time', t('Tijd', 'Time')),
					rich('see', t('Wat zie ik?', 'What do I see?')),
					rich('think', t('Wat denk ik?', 'What do I think?'))
				],
				{ initialRows: 3 }
			)
		]),
		section(
			'debrief',
			t('Nabespreking als professioneel gesprek', 'The debrief as a professional conversation'),
			[
				rich(
					'teacher-view',
					t(
						'Hoe heb je de les zelf beleefd? (de beginnende leerkracht eerst)',
						'How did you experience the lesson yourself? (the beginning teacher first)'
					)
				),
				rich(
					'what-worked',
					t(
						'Wat werkte, en waaraan zagen we dat bij de leerlingen?',
						'What worked, and how did we see it in the pupils?'
					)
				),
				rich(
					'focus-seen',
					t(
						'Wat zag de observator bij de afgesproken focus?',
						'What did the observer see regarding the agreed focus?'
					)
				),
				rich(
					'challenges',
					t(
						'Welke uitdagingen zien we, en welke oplossingen zoeken we samen?',
						'Which challenges do we see, and which solutions do we look for together?'
					)
				),
				rich(
					'improve',
					t(
						'Op welke manieren kunnen de praktijk of de resultaten van de leerlingen verbeteren?',
						"In which ways can the practice or the pupils' results improve?"
					)
				),
				rich(
					'impact',
					t(
						'Wat betekent dit voor je praktijk? (reflectie op de impact)',
						'What does this mean for your practice? (reflecting on the impact)'
					)
				)
			],
			t(
				'Een open, niet-oordelend gesprek over lesgeven op basis van de observatie, met feedback die op verbetering gericht is. De mentor luistert actief en stelt vragen; de beginnende leerkracht trekt zelf conclusies.',
				'An open, non-judgemental conversation about teaching based on the observation, with feedback aimed at improvement. The mentor listens actively and asks questions; the beginning teacher draws their own conclusions.'
			)
		),
		section('agreements', t('Afspraken', 'Agreements'), [
			rich('agreements', t('Wat spreken we af?', 'What do we agree?')),
			date('next-observation', t('Volgende observatie', 'Next observation'))
		])
	]
};
