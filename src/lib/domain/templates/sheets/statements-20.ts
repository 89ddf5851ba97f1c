import type { LocalizedText, Template } from '../types';
import { agree, section, t } from '../builders';

const statements: readonly LocalizedText[] = [
	t(
		"Tijdens bijeenkomsten moet de coach / mentor altijd 'in de stoel' zitten en het proces controleren.",
		"During meetings the coach / mentor should always be 'in the chair' and control the process."
	),
	t(
		'De coach / mentor zou degene moeten zijn die de vragen stelt.',
		'The coach / mentor should be the one who asks the questions.'
	),
	t(
		'De leerling zou degene moeten zijn die de vragen stelt.',
		'The learner should be the one who asks the questions.'
	),
	t(
		'De coach / mentor is degene die ervoor moet zorgen dat het gesprek op schema blijft.',
		'The coach / mentor is the one who must keep the conversation on schedule.'
	),
	t(
		'Ze moeten beide altijd bij het onderwerp blijven.',
		'They should both always stick to the subject.'
	),
	t(
		"Er is geen plaats voor 'sociale' chat in coach / mentorgesprekken.",
		"There is no place for 'social' chat in coaching / mentoring conversations."
	),
	t(
		'Elk conflict tussen de twee moet worden uitgesproken en aangepakt.',
		'Any conflict between the two must be voiced and dealt with.'
	),
	t(
		"De 'spelregels' van het proces moeten altijd vooraf worden overeengekomen.",
		"The 'rules of the game' of the process must always be agreed beforehand."
	),
	t(
		'De reden hoe en waarom is minder belangrijk dan de oplossing en in actie komen.',
		'The how and why matter less than the solution and taking action.'
	),
	t(
		'Met je hoofdschudden kan ook betekenen dat je een overeenkomst hebt.',
		'Shaking your head can also mean that you agree.'
	),
	t(
		'Beide partijen moeten de agenda altijd vooraf kennen.',
		'Both parties should always know the agenda beforehand.'
	),
	t(
		'Een actieplan moet altijd worden geschreven en overhandigd worden door de leerling.',
		'An action plan should always be written and handed over by the learner.'
	),
	t(
		'De tijdsplanning voor elk deel van de bijeenkomst moet worden gespecificeerd en nageleefd.',
		'The timing of each part of the meeting should be specified and kept to.'
	),
	t(
		'Zodra de agenda is afgehandeld eindigt de bijeenkomst.',
		'As soon as the agenda has been dealt with, the meeting ends.'
	),
	t(
		'Vooraf moet een duidelijke eindtijd voor de bijeenkomst worden afgesproken.',
		'A clear end time for the meeting should be agreed beforehand.'
	),
	t(
		'Het is belangrijk dat de coach/ mentor de bijeenkomst aan het eind samenvat.',
		'It is important that the coach/ mentor summarises the meeting at the end.'
	),
	t(
		'Een datum voor de volgende bijeenkomst moet altijd worden gepland voordat je vertrekt.',
		'A date for the next meeting should always be set before you leave.'
	),
	t(
		'De bijeenkomst moet altijd op neutraal terrein zijn.',
		'The meeting should always be on neutral ground.'
	),
	t(
		'De leidinggevende moet altijd een exemplaar van de agenda en het actieplan ontvangen.',
		'The line manager should always receive a copy of the agenda and the action plan.'
	),
	t(
		'Als de coach / mentor een probleem met de leerling ondervindt, moet hij / zij de leidinggevende hierover informeren.',
		'If the coach / mentor has a problem with the learner, he / she should inform the line manager.'
	)
];

/** Het houden van coaching / begeleidingsbijeenkomsten: 20 statements (`002…` L94). */
export const statements20: Template = {
	key: 'statements-20',
	version: 1,
	title: t(
		'Het houden van coaching / begeleidingsbijeenkomsten',
		'Holding coaching / mentoring meetings'
	),
	phase: 'BR',
	mode: 'either',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '002_8591d75584ab30d3.txt', line: 96 },
	intro: t(
		'Hieronder staan 20 uitspraken om te overwegen. Plaats een vinkje in het juiste vakje aan de hand van het feit of je het eens of oneens bent.',
		'Below are 20 statements to consider. Tick the right box depending on whether you agree or disagree.'
	),
	sections: [
		section(
			'statements',
			t('20 uitspraken', '20 statements'),
			statements.map((label, i) =>
				agree(`statement-${String(i + 1).padStart(2, '0')}`, label, {
					respondents: ['mentor', 'mentee']
				})
			)
		)
	]
};
