import { CLOSING_SHEET_KEY } from '../keys';
import type { Template } from '../types';
import { choice, opt, rich, section, t, table, text } from '../builders';
import { meetingHeader } from './v2';

const AREAS = [
	opt('values', 'Waarden', 'Values'),
	opt('soft-skills', 'Soft skills', 'Soft skills'),
	opt('personal-resources', 'Persoonlijke middelen', 'Personal resources'),
	opt('other', 'Overige, die niet tot de andere gebieden behoren', 'Other, outside the other areas')
];

/**
 * MO – Het afsluitend gesprek ("Wij – het doorgaan", `001…` L2259–2299): the goals the mentee
 * reached per area (L2280–2285), what comes next (L2270–2277, L2289–2290) and the farewell that
 * celebrates what was achieved (L2296–2299). Not a numbered form of the toolkit: the guide
 * describes the stage and its list of reached goals, and this sheet holds that conversation.
 */
export const closingConversation: Template = {
	key: CLOSING_SHEET_KEY,
	version: 1,
	title: t('MO Afsluitend gesprek – Wij, het doorgaan', 'MO Closing conversation – Moving on'),
	phase: 'MO',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 2259 },
	intro: t(
		'Dit is het moment waarop het mentorschap zijn kracht en intensiteit begint te verliezen. De mentee en de mentor vullen samen de lijst van bereikte doelen aan, met het plan voor ontwikkeling (04) en zijn actieplan ernaast: wat werd bereikt, wat niet, en waarom.',
		'This is the moment when the mentoring starts to lose its strength and intensity. The mentee and the mentor complete the list of goals reached together, with the development plan (04) and its action plan beside them: what was reached, what was not, and why.'
	),
	sections: [
		meetingHeader(),
		section(
			'goals',
			t('Bereikte doelen', 'Goals reached'),
			[
				table(
					'goals',
					t(
						'Gedetailleerde lijst van de doelen, bereikt door de mentee',
						'Detailed list of the goals reached by the mentee'
					),
					[
						choice('area', t('Gebied', 'Area'), AREAS),
						rich('goal', t('Doel (uit het actieplan van 04)', 'Goal (from the action plan of 04)')),
						choice('reached', t('Bereikt?', 'Reached?'), [
							opt('reached', 'Bereikt', 'Reached'),
							opt('partly', 'Gedeeltelijk bereikt', 'Partly reached'),
							opt('not-reached', 'Niet bereikt', 'Not reached')
						]),
						rich(
							'why',
							t(
								'Waarom (en waar deed ik het wel of niet goed)',
								'Why (and where did I do well or not so well)'
							)
						)
					],
					{ initialRows: 4 }
				)
			],
			t(
				'Op de volgende gebieden: waarden, soft skills, persoonlijke middelen en overige, die niet tot de andere gebieden behoren. Controleer het actieplan, de timing voor de uitvoering ervan en de resultaten (positief en negatief, met hun verklaring).',
				'In the following areas: values, soft skills, personal resources and other, outside the other areas. Check the action plan, its timing and the results (positive and negative, with their explanation).'
			)
		),
		section(
			'next',
			t('Wat nu?', 'What next?'),
			[
				choice(
					'continuation',
					t('Hoe gaat de relatie verder?', 'How does the relationship go on?'),
					[
						opt(
							'ends',
							'Ze wordt beëindigd: de mentee is verantwoordelijk voor wat in het project werd vastgelegd',
							'It ends: the mentee is responsible for what was agreed in the project'
						),
						opt(
							'feedback',
							'We spreken tijd af voor feedback en een periodieke opvolging, met instemming van ons beiden',
							'We agree on time for feedback and a periodic follow-up, with the consent of us both'
						),
						opt(
							'informal',
							'De formele mentorrelatie wordt informeel',
							'The formal mentoring relationship becomes informal'
						)
					]
				),
				rich(
					'feedback-agreement',
					t(
						'Wat spreken we af over feedback en opvolging (wanneer, hoe vaak)?',
						'What do we agree about feedback and follow-up (when, how often)?'
					)
				),
				rich(
					'future-goals',
					t(
						'Doelen in de toekomst voor autonome ontwikkeling stellen/onderhandelen',
						'Setting/negotiating future goals for autonomous development'
					)
				),
				rich(
					'role-models',
					t(
						'Gebieden voor ontwikkeling waarin de mentee met andere rolmodellen kan werken',
						'Areas of development in which the mentee can work with other role models'
					)
				)
			],
			t(
				'De relatie blijft belangrijk voor het pad van de mentee, die om andere hulp kan vragen of feedback kan geven en volgende acties ondernemen indien overeengekomen met de mentor.',
				"The relationship stays important for the mentee's path: the mentee can ask for other help or give feedback, and take next steps if agreed with the mentor."
			)
		),
		section(
			'farewell',
			t('Afscheid', 'Farewell'),
			[
				rich('celebrate', t('Wat vieren we samen?', 'What do we celebrate together?'), {
					help: t(
						'Dit kan de basis zijn voor het certificaat aan het einde van de mentorrelatie.',
						'This can be the basis of the certificate at the end of the mentoring relationship.'
					)
				}),
				text('mentee-words', t('Een woord van de mentee', 'A word from the mentee')),
				text('mentor-words', t('Een woord van de mentor', 'A word from the mentor'))
			],
			t(
				'Het afscheid dient als ceremoniële voorbereiding op het sluiten van de officiële mentorrelatie: vier samen jullie prestaties.',
				'The farewell is a ceremonial preparation for closing the official mentoring relationship: celebrate your achievements together.'
			)
		)
	]
};
