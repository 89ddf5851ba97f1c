import type { Template } from '../types';
import { rich, section, t, table, text } from '../builders';
import { psHeader } from './ps1';

/** PS2 – Aan de ervaringen uit het verleden – school – opleiding denken (`001…` L1477). */
export const ps2: Template = {
	key: 'PS2',
	version: 1,
	title: t(
		'PS2 Aan de ervaringen uit het verleden – school – opleiding denken',
		'PS2 Thinking about past experience – school – training'
	),
	phase: 'SD',
	mode: 'either',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['mentor'],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1477 },
	intro: t(
		'[Invullen door de mentee. Beoordeling, commentaar en analyse door de mentor]',
		'[To be filled in by the mentee. Assessment, comments and analysis by the mentor]'
	),
	sections: [
		psHeader(),
		section(
			'training-steps',
			t(
				'Volg de ervaring - de stappen van de training van de mentee',
				"Follow the experience - the steps of the mentee's training"
			),
			[
				table(
					'training-steps',
					t(
						'Volg de ervaring - de stappen van de training van de mentee',
						"Follow the experience - the steps of the mentee's training"
					),
					[
						text('year', t('Jaar', 'Year')),
						rich('schooling', t('Schoolonderwijs', 'Schooling')),
						rich('knowledge', t('Kennis', 'Knowledge'), { copyToPlan: true }),
						rich('skills', t('Technische of soft skills', 'Technical or soft skills'), {
							copyToPlan: true
						}),
						rich('assessment', t('Persoonlijke beoordeling', 'Personal assessment'))
					],
					{
						initialRows: 2,
						help: t(
							'Voeg elk formaat toe voor elke werkervaring. De kolommen Kennis en Technische of soft skills: [dit deel kan worden gekopieerd naar het persoonlijke ontwikkelingsplan]',
							'Add a block for every work experience. The columns Knowledge and Technical or soft skills: [this part can be copied to the personal development plan]'
						)
					}
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
