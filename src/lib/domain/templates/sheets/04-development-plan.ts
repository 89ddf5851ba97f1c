import { DEVELOPMENT_PLAN_KEY } from '../keys';
import type { Template } from '../types';
import { date, rich, section, t, table, text } from '../builders';

const referBack = t(
	'Verwijs naar de aspecten die in de vorige bestanden werden gemarkeerd.',
	'Refer to the aspects marked in the previous sheets.'
);

/** 04 – Plan voor ontwikkeling van de mentee (`001…` L2305). */
export const developmentPlan: Template = {
	key: DEVELOPMENT_PLAN_KEY,
	version: 1,
	title: t('04. Plan voor ontwikkeling van de mentee', "04. The mentee's development plan"),
	phase: 'WU',
	mode: 'either',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['mentor'],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 2305 },
	intro: t(
		'Plan voor professionele ontwikkeling van de mentee. [Invullen door de mentee. Beoordeling, commentaar en analyse door de mentor die de mentee in contact zal brengen met anderen die nuttige informatie over een specifieke carrière aan de mentee kunnen verstrekken] Probeer in deze fase van je mentorprogramma je toekomstige carrièreplannen of strategieën voor het zoeken naar werk op korte en lange termijn te begrijpen.',
		"The mentee's professional development plan. [To be filled in by the mentee. Assessment, comments and analysis by the mentor, who will put the mentee in touch with others who can give useful information about a specific career] At this stage of your mentoring programme, try to understand your future career plans or your strategies for finding work in the short and long term."
	),
	sections: [
		section('details', t('Bijeenkomst', 'Meeting'), [
			text('mentee-name', t('Naam van de mentee', "Mentee's name"), { prefill: 'mentee-name' }),
			text('mentor-name', t('Naam van de mentor', "Mentor's name"), { prefill: 'mentor-name' }),
			date('meeting-date', t('Datum van de bijeenkomst', 'Date of the meeting'), {
				prefill: 'today'
			})
		]),
		section('aims', t('Professionele doeleinden', 'Professional aims'), [
			rich('what', t('1. Wat wil ik doen?', '1. What do I want to do?')),
			rich('where', t('2. Waar?', '2. Where?')),
			rich(
				'conditions',
				t(
					'3. Onder welke voorwaarden en omstandigheden?',
					'3. Under which conditions and circumstances?'
				)
			)
		]),
		section(
			'needed',
			t('Wat is nodig', 'What is needed'),
			[
				rich(
					'already-have',
					t(
						'1. Welke zijn de elementen die ik al heb (in termen van kennis, vaardigheden, waarden en persoonlijke competenties).',
						'1. Which elements do I already have (in terms of knowledge, skills, values and personal competences).'
					),
					{ help: referBack, planTarget: true }
				),
				rich(
					'to-improve',
					t(
						'2. Wat moet ik verbeteren (in termen van kennis die ik moet verwerven / het opbouwen van vaardigheden / houding ten opzichte van de ontwikkeling).',
						'2. What do I need to improve (in terms of knowledge to acquire / skills to build / attitude towards development).'
					),
					{ help: referBack, planTarget: true }
				),
				rich(
					'from-scratch',
					t(
						'3. Wat moet vanaf nul worden ontwikkeld (in termen van kennis die ik moet verwerven / het opbouwen van vaardigheden / houding ten opzichte van de ontwikkeling).',
						'3. What has to be developed from scratch (in terms of knowledge to acquire / skills to build / attitude towards development).'
					),
					{ help: referBack, planTarget: true }
				),
				rich(
					'difficulties',
					t(
						'4. Hoe kan ik mogelijke moeilijkheden overwinnen',
						'4. How can I overcome possible difficulties'
					)
				)
			],
			t(
				'Houd er rekening mee dat het Plan voor persoonlijke ontwikkeling rekening moet houden met alle ingevulde formulieren tijdens de mentorrelatie.',
				'Keep in mind that the personal development plan must take into account all the forms filled in during the mentoring relationship.'
			)
		),
		section('steps', t('Werkstappen', 'Work steps'), [
			rich(
				'training-needed',
				// "geheime technieken" is the source's word-for-word rendering of know-how; kept as written.
				t(
					'1. Wat voor soort training en/of geheime technieken en/of werkorganisatie zijn nodig om mijn doelen binnen en buiten het bedrijf/organisatie te bereiken of om beter te kunnen concurreren op de arbeidsmarkt',
					'1. What kind of training and/or know-how and/or work organisation do I need to reach my goals inside and outside the company/organisation, or to compete better on the labour market'
				)
			),
			rich(
				'strategies',
				t(
					'2. Welke strategieën zijn passend om mijn specifieke problemen binnen en buiten het bedrijf/organisatie of de arbeidsmarkt te overwinnen',
					'2. Which strategies are suitable for overcoming my specific problems inside and outside the company/organisation or the labour market'
				)
			),
			rich(
				'activities-time',
				t(
					'3. Welke activiteiten en hoeveel tijd zijn nodig om mijn doelen binnen en buiten het bedrijf/organisatie of de arbeidsmarkt te bereiken',
					'3. Which activities and how much time are needed to reach my goals inside and outside the company/organisation or the labour market'
				)
			),
			rich(
				'structure',
				t(
					'4. Hoe de stappen van ontwikkeling binnen en buiten het bedrijf/organisatie of de arbeidsmarkt te structureren.',
					'4. How to structure the steps of development inside and outside the company/organisation or the labour market.'
				)
			)
		]),
		section('action-plan', t('Actieplan', 'Action plan'), [
			table(
				'action-plan',
				t('Actieplan', 'Action plan'),
				[
					rich(
						'goal',
						t('Middellangetermijn- en langetermijndoelen', 'Medium-term and long-term goals')
					),
					rich('activities', t('Activiteiten (Maak een lijst)', 'Activities (make a list)')),
					date('end-date', t('Einddatum', 'End date'), {
						help: t(
							'Bepaal de einddatum waarop je het doel voor alle activiteiten zult bereiken',
							'Set the end date by which you will reach the goal for all activities'
						)
					}),
					rich(
						'assessment',
						t(
							'Beoordeling (moet op bepaalde datums met de mentor gedaan worden)',
							'Assessment (to be done with the mentor on set dates)'
						)
					),
					rich(
						'positive-result',
						t(
							'Positief resultaat (waarom en waar deed ik het wel):',
							'Positive result (why and where did I do well):'
						)
					),
					rich(
						'negative-result',
						t(
							'Negatief resultaat (waarom en waar deed ik het niet goed):',
							"Negative result (why and where didn't I do well):"
						)
					)
				],
				{ initialRows: 3 }
			)
		]),
		section('commitments', t('Verbintenissen', 'Commitments'), [
			rich(
				'commitments',
				t('Verbintenissen tussen de mentor en mentee:', 'Commitments between mentor and mentee:')
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
