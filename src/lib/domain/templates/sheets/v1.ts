import type { Section, Template } from '../types';
import { date, rich, section, t, table, text } from '../builders';

function timedTable(key: string, nl: string, en: string) {
	return table(key, t(nl, en), [
		rich('item', t(nl, en)),
		text('timing', t('Synchronisatie', 'Timing'), {
			help: t('Bv. "Eind november"', 'E.g. "End of November"')
		})
	]);
}

/**
 * Formulier 1 – the action plan (`001…` L1721): goals, actions and state of play, each with its
 * timing. Exported on its own because the plan is reused outside V1. The column headings keep the
 * source's words although they are word-for-word translations: "Synchronisatie" means timing (when),
 * "Stand van de kunst" the state of play; the examples ("Bv. Eind november") make the meaning clear.
 */
export const actionPlanSection: Section = section(
	'action-plan',
	t('Formulier 1 – Actieplan', 'Form 1 – Action plan'),
	[
		text('school', t('School', 'School')),
		text('sports-club', t('Sportvereniging', 'Sports club')),
		date('session-date', t('Datum mentoringsessie', 'Date of the mentoring session'), {
			prefill: 'today'
		}),
		timedTable('goals', 'Doelen', 'Goals'),
		timedTable('actions', 'Acties', 'Actions'),
		timedTable('state-of-play', 'Stand van de kunst', 'State of play')
	]
);

/** V1 – Doelen stellen (betekenis creëren) (`001…` L1672). */
export const v1: Template = {
	key: 'V1',
	version: 1,
	title: t('V1 Doelen stellen (betekenis creëren)', 'V1 Goal setting (sense making)'),
	phase: 'SD',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1672 },
	intro: t(
		'Belangrijk zowel voor de mentor als voor de mentee met betrekking tot het vermogen om de actie te plannen en de doelen te definiëren die je wilt bereiken (M. Perchiazzi, Apprendere il Mentoring, 2009). Na de training moet de mentee in staat zijn: om SMARTE doelen te creëren; om vertrouwen in zichzelf te hebben bij het stellen van doelen voor planning (realistisch, haalbaar en relevant op dat moment). Tijd: 40 - 45 minuten.',
		'Important for both mentor and mentee with regard to the ability to plan the action and to define the goals you want to reach (M. Perchiazzi, Apprendere il Mentoring, 2009). After the training the mentee should be able: to create SMART goals; to be confident when setting goals for planning (realistic, achievable and relevant at that moment). Time: 40 - 45 minutes.'
	),
	sections: [
		section('details', t('Bijeenkomst', 'Meeting'), [
			text('mentee-name', t('Naam van de mentee', "Mentee's name"), { prefill: 'mentee-name' }),
			text('mentor-name', t('Naam van de mentor', "Mentor's name"), { prefill: 'mentor-name' }),
			date('meeting-date', t('Datum van de bijeenkomst', 'Date of the meeting'), {
				prefill: 'today'
			})
		]),
		section(
			'exercise',
			t('Oefening', 'Exercise'),
			[
				rich('exercise-notes', t('Aantekeningen bij de oefening', 'Notes on the exercise'), {
					help: t(
						'Welk nummer koos de mentee, welke score werd verwacht en welke bereikt?',
						'Which number did the mentee choose, which score was expected and which was reached?'
					)
				})
			],
			t(
				'Voorbereiding: 1 emmer; 6 tennisballen; 15 bladen papier A4-formaat, genummerd van 1 tot en met 15; maak kopieën van de brochure 1; plaats de emmer achterin de kamer; plaats de genummerde bladen - het nummer 1 op 30 cm van de emmer en geleidelijk verder uit elkaar, op een afstand van 30 cm van elkaar.\n\nProcedures: de mentor presenteert de sessie en benadrukt de voordelen van het stellen van doelen. Iedereen beslist vanaf welk genummerd blad hij de bal in de emmer wil gooien en schrijft het nummer en zijn naam op een stuk papier. Iedereen heeft zes ballen; om een score te halen moet iedereen twee van de zes ballen van het gekozen blad in de emmer gooien, anders is de score 0. De mentor kan deze oefening ook alleen met de mentee doen. Aan het einde legt de mentor uit wat „SMART“ betekent en gebruikt hij de resultaten van de oefening om de mentee te stimuleren om te denken over het delen van ervaringen en het plannen van de activiteiten.',
				'Preparation: 1 bucket; 6 tennis balls; 15 sheets of A4 paper numbered 1 to 15; copies of handout 1; put the bucket at the back of the room; lay the numbered sheets out - number 1 at 30 cm from the bucket and each next one 30 cm further away.\n\nProcedure: the mentor introduces the session and stresses the benefits of setting goals. Everyone decides from which numbered sheet they want to throw the ball into the bucket and writes the number and their name on a piece of paper. Everyone has six balls; to score, they must get two of the six balls into the bucket from the chosen sheet, otherwise the score is 0. The mentor can also do this exercise with the mentee alone. At the end the mentor explains what "SMART" means and uses the results of the exercise to encourage the mentee to think about sharing experiences and planning activities.'
			)
		),
		section(
			'smart',
			t('SMART', 'SMART'),
			[
				text('smart-s', t('S Specifiek', 'S Specific')),
				// The source prints "M Martelend" and "A Halbaar", mistranslations of Measurable and
				// Achievable; showing them would mislead, so the intended Dutch words are used.
				text('smart-m', t('M Meetbaar', 'M Measurable')),
				text('smart-a', t('A Haalbaar / gedeeld', 'A Achievable / agreed')),
				text('smart-r', t('R Realistisch / relevant', 'R Realistic / relevant')),
				text('smart-t', t('T Tijd', 'T Time-bound'))
			],
			t(
				'Schrijf bij elke letter hoe het doel van de mentee eraan voldoet.',
				"For each letter, write how the mentee's goal meets it."
			)
		),
		section('discussion', t('Discussie', 'Discussion'), [
			rich(
				'expected-score',
				t('Heeft de mentee de verwachte score bereikt?', 'Did the mentee reach the expected score?')
			),
			rich(
				'satisfied',
				t(
					'Is de mentee tevreden van zijn prestatie en heeft hij/zij zijn best gedaan?',
					'Is the mentee satisfied with his/her performance and did he/she do his/her best?'
				)
			),
			rich(
				'disappointed',
				t(
					'Is de mentee teleurgesteld dat hij/zij het verwachte doel niet heeft bereikt?',
					'Is the mentee disappointed at not reaching the expected goal?'
				)
			)
		]),
		actionPlanSection
	]
};
