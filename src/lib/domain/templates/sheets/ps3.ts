import type { ColumnField, Template } from '../types';
import { choice, opt, rich, section, t, table, text } from '../builders';
import { psHeader } from './ps1';

function problemColumns(): ColumnField[] {
	return [
		text('problem', t('Lijst van problemen', 'List of problems')),
		rich(
			'coping',
			t(
				'Een positieve situatie of een manier om met dit probleem om te gaan',
				'A positive situation or a way of coping with this problem'
			)
		)
	];
}

/** PS3 – Waarden en problemen van leren (`001…` L1527). */
export const ps3: Template = {
	key: 'PS3',
	version: 1,
	title: t('PS3 Waarden en problemen van leren', 'PS3 Values and problems of learning'),
	phase: 'SD',
	mode: 'either',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['mentor'],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1527 },
	intro: t(
		'De persoonlijke bronnen opsporen. [Invullen door de mentee. Beoordeling, commentaar en analyse door de mentor]',
		'Tracing personal resources. [To be filled in by the mentee. Assessment, comments and analysis by the mentor]'
	),
	sections: [
		psHeader(),
		section('model-1', t('Model 1. Waarden van het leren', 'Model 1. Values of learning'), [
			table(
				'learning-values',
				t('Model 1. Waarden van het leren', 'Model 1. Values of learning'),
				[
					text('value', t('Waardenlijst', 'List of values')),
					rich('description', t('Beschrijving', 'Description')),
					choice(
						'explicitness',
						t('Indirecte/uitdrukkelijke waarden', 'Implicit/explicit values'),
						[opt('implicit', 'Indirect', 'Implicit'), opt('explicit', 'Uitdrukkelijk', 'Explicit')]
					),
					rich(
						'evidence',
						t(
							'Waar kan ik bewijs of documenten van deze waarden krijgen of waar kan ik deze vragen',
							'Where can I get evidence or documents of these values, or where can I ask for them'
						)
					)
				],
				{ initialRows: 4, rowLabel: t('Waarde', 'Value') }
			),
			rich('values-meaning', t('1. Wat zijn de waarden voor jou?', '1. What are values to you?'), {
				help: t('Voorgestelde vragen', 'Suggested questions')
			}),
			rich(
				'personal-values',
				t(
					'2. Wat zijn je persoonlijke waarden en wat geloof je in je leven?',
					'2. What are your personal values and what do you believe in your life?'
				)
			),
			rich(
				'important-in-life',
				t(
					'3. Wat denk je, wat is belangrijk (voor jou) in het leven?',
					'3. What do you think is important (to you) in life?'
				)
			),
			rich(
				'education-values',
				t(
					'4. Wat vind je van de onderwijswaarden en wat zijn jouw waarden voor de school / het leren?',
					'4. What do you think of educational values, and what are your values for school / learning?'
				)
			)
		]),
		section('model-2', t('Model 2. Leerproblemen', 'Model 2. Learning problems'), [
			table(
				'learning-problems',
				t('Model 2. Leerproblemen', 'Model 2. Learning problems'),
				problemColumns(),
				{ initialRows: 6, rowLabel: t('Probleem', 'Problem') }
			)
		]),
		section(
			'model-3',
			t(
				'Model 3. Problemen bij het kiezen van richting voor mentees van de volgende leeftijd',
				'Model 3. Problems in choosing a direction for mentees of the following age'
			),
			[
				table(
					'direction-problems',
					t(
						'Model 3. Problemen bij het kiezen van richting voor mentees van de volgende leeftijd',
						'Model 3. Problems in choosing a direction for mentees of the following age'
					),
					problemColumns(),
					{ initialRows: 6, rowLabel: t('Probleem', 'Problem') }
				)
			]
		),
		section('other', t('Andere', 'Other'), [
			rich(
				'other',
				t(
					'Andere (diepgaande vragen of vragen die ik met mijn mentor wil bespreken of in het logboek wil noteren)',
					'Other (in-depth questions, or questions I want to discuss with my mentor or note in the logbook)'
				)
			),
			rich(
				'mentor-review',
				t(
					'Beoordeling, commentaar en analyse door de mentor',
					'Assessment, comments and analysis by the mentor'
				)
			)
		])
	]
};
