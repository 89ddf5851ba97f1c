import type { Template } from '../types';
import { choice, opt, rich, section, t, table, text } from '../builders';
import { lessonContext } from './lesson-observation';

/**
 * Het gezamenlijk voorbereiden van een les (`003…` L271): "het gezamenlijk voorbereiden van
 * lessen, co-teaching/team teaching". The seed gives no form; the parts follow its wording where
 * it has one: the beginning situation ("de leerkracht kan de beginsituatie van de leerling en van
 * de groep achterhalen", L119), the pupils' "gedifferentieerde behoeften" (L172), the lesson that
 * runs smoothly ("een vlot lopende en efficiënte les", L122), who does what (L264: "wie waarvoor
 * verantwoordelijk is") and the reflection afterwards ("reflecteren op de impact hiervan op de
 * praktijk", L172).
 */
export const lessonPreparation: Template = {
	key: 'lesson-preparation',
	version: 1,
	title: t('Samen een les voorbereiden', 'Preparing a lesson together'),
	phase: 'WU',
	mode: 'either',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '003_b2b14fc9eb67e501.txt', line: 271 },
	intro: t(
		'Het gezamenlijk voorbereiden van lessen, co-teaching/team teaching. Jullie bereiden samen een les voor, spreken af wie wat doet en blikken na de les samen terug.',
		'Preparing lessons together, co-teaching/team teaching. You prepare a lesson together, agree who does what and look back together after the lesson.'
	),
	sections: [
		lessonContext(t('De les', 'The lesson')),
		section('start', t('Beginsituatie', 'Beginning situation'), [
			rich(
				'beginning-situation',
				t(
					'Wat is de beginsituatie van de leerlingen en van de groep?',
					'What is the beginning situation of the pupils and of the group?'
				),
				{
					help: t(
						'Wat kennen en kunnen ze al, wat speelt er in de groep?',
						'What do they already know and can do, what is going on in the group?'
					)
				}
			)
		]),
		section('steps', t('Lesverloop', 'Course of the lesson'), [
			choice('form', t('Hoe geven we de les?', 'How do we teach the lesson?'), [
				opt(
					'mentee-teaches',
					'De beginnende leerkracht geeft de les, de mentor observeert',
					'The beginning teacher teaches, the mentor observes'
				),
				opt(
					'co-teaching',
					'Samen: co-teaching/team teaching',
					'Together: co-teaching/team teaching'
				),
				opt(
					'mentor-teaches',
					'De mentor geeft de les, de beginnende leerkracht observeert',
					'The mentor teaches, the beginning teacher observes'
				)
			]),
			table(
				'steps',
				t('Lesstappen', 'Lesson steps'),
				[
					text('minutes', t('Tijd', 'Time')),
					rich('activity', t('Wat gebeurt er?', 'What happens?')),
					choice('who', t('Wie doet wat?', 'Who does what?'), [
						opt('mentee', 'De beginnende leerkracht', 'The beginning teacher'),
						opt('mentor', 'De mentor', 'The mentor'),
						opt('both', 'Samen', 'Together')
					]),
					text('step-materials', t('Materiaal bij deze stap', 'Materials for this step'))
				],
				{ initialRows: 3 }
			)
		]),
		section('differentiation', t('Differentiatie', 'Differentiation'), [
			rich(
				'differentiation',
				t(
					'Hoe spelen we in op de verschillen tussen leerlingen?',
					'How do we respond to the differences between pupils?'
				)
			),
			rich('materials', t('Materiaal en middelen', 'Materials and resources'))
		]),
		section(
			'reflection',
			t('Na de les: samen terugblikken', 'After the lesson: looking back together'),
			[
				rich(
					'went',
					t(
						'Hoe verliep de les? Werd het lesdoel bereikt?',
						'How did the lesson go? Was the lesson goal reached?'
					)
				),
				rich(
					'next-time',
					t('Wat nemen we mee naar een volgende les?', 'What do we take along to a next lesson?')
				)
			]
		)
	]
};
