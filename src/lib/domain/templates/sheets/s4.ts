import type { Template } from '../types';
import { checklist, date, opt, rich, section, t, table, text } from '../builders';
import { otherNotes } from './s1';
import { meetingHeader } from './v2';

/** S4 – Soft skills: vaardigheden voor opbouw van relaties (`001…` L2218). */
export const s4: Template = {
	key: 'S4',
	version: 1,
	title: t(
		'S4 Soft skills – Vaardigheden voor opbouw van relaties',
		'S4 Soft skills – Relationship-building skills'
	),
	phase: 'P',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 2218 },
	intro: t(
		'Het vermogen – de vaardigheid om relaties op te bouwen wordt hier op twee manieren begrepen, die nauw met elkaar verbonden zijn en synoniem zijn voor participatie en autonomie. Het is raadzaam om aan dit blad te werken wanneer de mentee in staat is om vergelijkingen te maken en in een toestand van "stress" is als gevolg van een nieuwe omgeving en nieuwe mensen.',
		'The ability – the skill to build relationships is understood here in two ways, closely linked and synonymous with participation and autonomy. It is advisable to work on this sheet when the mentee is able to make comparisons and is under "stress" because of a new environment and new people.'
	),
	sections: [
		meetingHeader(),
		section(
			'part-a',
			t(
				'A) Vermogen om goede en positieve relaties op te bouwen',
				'A) Ability to build good and positive relationships'
			),
			[
				rich(
					'mentor-questions',
					t('Vragen van de mentor aan de mentee', "The mentor's questions to the mentee"),
					{
						help: t(
							'Vermogen om een zinvolle dialoog te voeren.',
							'Ability to hold a meaningful dialogue.'
						)
					}
				),
				rich('mentee-questions', t('Vragen van de mentee', "The mentee's questions"))
			],
			t(
				'Laat de mentor een reeks vragen stellen aan de mentee aan het begin van de relatie, waarbij de communicatie moeilijk kan zijn door angst/ gebrek aan vertrouwen. Laat de mentee een reeks vragen te stellen zodat men nieuwe relaties en methoden kan ontwikkelen om vriendschappen en positieve attitudes op te bouwen.',
				'Let the mentor ask the mentee a series of questions at the start of the relationship, when communication may be hard because of fear/ lack of trust. Let the mentee ask a series of questions, so that new relationships and ways of building friendships and positive attitudes can be developed.'
			)
		),
		section(
			'part-b',
			t(
				'B) Relationele vaardigheden (werk en ontwikkeling van netwerken)',
				'B) Relational skills (working on and developing networks)'
			),
			[
				table(
					'contacts',
					t(
						'Maak een lijst met contacten die de mentee kunnen helpen.',
						'Make a list of contacts who can help the mentee.'
					),
					[
						text('contact', t('Contactpersoon', 'Contact')),
						rich(
							'how-help',
							t(
								'Hoe kan deze persoon de mentee helpen om de doelen te bereiken?',
								'How can this person help the mentee reach the goals?'
							)
						),
						date('introduced-on', t('Geïntroduceerd op', 'Introduced on'))
					],
					{ initialRows: 3 }
				)
			],
			t(
				'Introduceer vindingrijke mensen die de mentee kunnen helpen om hun doelen te bereiken. Zorg ervoor dat anderen de prestaties van de mentee herkennen. De mentoren kunnen een belangrijke rol spelen bij het uitbreiden van het netwerk met contacten van de mentee.',
				"Introduce resourceful people who can help the mentee reach their goals. Make sure others recognise the mentee's achievements. Mentors can play an important part in widening the mentee's network of contacts."
			)
		),
		section('other', t('Andere vragen', 'Other questions'), [
			otherNotes(
				'Andere vragen (gegevens, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten)',
				'Other questions (facts, questions and content of the conversation) (notes for future meetings)'
			)
		]),
		section('mentor-checklist', t('Controlelijst voor de mentor:', 'Checklist for the mentor:'), [
			checklist(
				'mentor-checklist',
				t('Controlelijst voor de mentor:', 'Checklist for the mentor:'),
				[
					opt(
						'training-sessions',
						"Organiseer trainingssessies met andere sport- of gemeenschapsstudenten of collega's op school, of studeer samen in het trainingscentrum of anderszins;",
						'Organise training sessions with other sports or community students or classmates at school, or study together at the training centre or elsewhere;'
					),
					opt(
						'meet-new-people',
						'Moedig de mentee aan om nieuwe mensen te ontmoeten;',
						'Encourage the mentee to meet new people;'
					),
					opt(
						'meet-other-mentees',
						'Moedig de mentee aan om andere mentees te ontmoeten, om samen aan sportsessies deel te nemen, of om samen te sporten of om samen naar een show te gaan;',
						'Encourage the mentee to meet other mentees, to take part in sports sessions together, to do sport together or to go to a show together;'
					),
					opt(
						'learn-with-others',
						'Moedig de mentee aan om samen met anderen te leren die geen mentees zijn;',
						'Encourage the mentee to learn together with others who are not mentees;'
					),
					opt(
						'relationship-tasks',
						'Geef specifieke taken om "nieuwe relaties op te bouwen" tussen de ene en de andere mentorsessie;',
						'Give specific tasks to "build new relationships" between one mentoring session and the next;'
					),
					opt(
						'introduce-coaches',
						'Introduceer andere coaches of andere sportinstructeurs of professionals die de mentee zullen aanmoedigen om andere sporten of andere spellen te proberen;',
						'Introduce other coaches, sports instructors or professionals who will encourage the mentee to try other sports or games;'
					),
					opt(
						'introduce-learners',
						'Introduceer andere leerlingen door hen aan te moedigen om te proberen om samen sportsessies of spelletjes te organiseren;',
						'Introduce other learners by encouraging them to try organising sports sessions or games together;'
					),
					opt(
						'friendship',
						'Moedig de vriendschap aan en neem samen ijs of ga op sportevenementen met andere leerlingen;',
						'Encourage friendship: have an ice cream together or go to sports events with other learners;'
					),
					opt(
						'gather-information',
						'Moedig de mentee aan om informatie te verzamelen over sportevenementen of tentoonstellingen, spellen, enz.;',
						'Encourage the mentee to gather information about sports events or exhibitions, games, etc.;'
					),
					opt(
						'greet-people',
						'Moedig de mentee aan om de mensen altijd te "begroeten" die elkaar in de sportomgeving of in het leercentrum hebben ontmoet om hun "zichtbaarheid" in de sportorganisatie te ondersteunen.',
						'Encourage the mentee to always "greet" the people met in the sports setting or at the learning centre, to support their "visibility" in the sports organisation.'
					)
				]
			),
			text('checklist-other', t('Overige', 'Other'))
		])
	]
};
