import type { Field, Section, Template } from '../types';
import { rich, section, t, text } from '../builders';
import { otherNotes } from './s1';
import { meetingHeader } from './v2';

/** The mentor's preparation, phases and the three time levels A/B/C with their goals. */
export function timedWorkSchema(): Section[] {
	const level = (l: 'A' | 'B' | 'C'): Field[] => [
		text(`time-${l.toLowerCase()}`, t(`Tijd ${l}`, `Time ${l}`)),
		rich(`time-${l.toLowerCase()}-goals`, t(`Doelen voor de tijd ${l}`, `Goals for time ${l}`))
	];
	return [
		section('work-schema', t('Werkschema', 'Work schema'), [
			text('exercise', t('Oefening:', 'Exercise:'))
		]),
		section('mentor', t('Mentor', 'Mentor'), [
			rich('preparation', t('Voorbereiding', 'Preparation')),
			rich('phases', t('Oefeningsfasen - Spel:', 'Phases of the exercise - Game:')),
			...level('A'),
			...level('B'),
			...level('C')
		])
	];
}

export const whyReached = rich(
	'why-reached',
	t('Waarom bereikte ik de doelen?', 'Why did I reach the goals?')
);
export const resourcesUsed = rich(
	'resources-used',
	t(
		'Welke soorten persoonlijke middelen heb ik gebruikt voor het bereiken van de doelen?',
		'What kinds of personal resources did I use to reach the goals?'
	)
);
export const whyFailed = rich(
	'why-failed',
	t('Waarom heb ik er niet in geslaagd?', "Why didn't I succeed?")
);
export const resourcesToUse = rich(
	'resources-to-use',
	t(
		'Welke persoonlijke middelen moet ik beter gebruiken om het doel te bereiken?',
		'Which personal resources should I use better to reach the goal?'
	)
);

/**
 * S2 – Soft skills: tijdmanagement – nauwkeurigheid (`001…` L1992). The intro's first sentence is
 * plainer Dutch for the source's "Het is raadzaam om met dit instrument te werken alleen na het
 * voltooien van…"; "een tijd C voor moeilijkheid" is the source's (a difficult time C).
 */
export const s2: Template = {
	key: 'S2',
	version: 1,
	title: t(
		'S2 Soft skills – Tijdmanagement – nauwkeurigheid',
		'S2 Soft skills – Time management – punctuality'
	),
	phase: 'P',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1992 },
	intro: t(
		'Werk pas met dit instrument nadat je WAARDEN V1 DOELEN STELLEN hebt afgerond. De mentor kan zo te werk gaan: kies een lichamelijke oefening, een technische sportoefening of een spel dat de mentee kent en waarbij hij zich veilig voelt; bepaal duidelijk en eenvoudig de verschillende fasen van de oefening en toon ze aan de mentee; definieer de doelen van de oefening door de exacte tijd A in te vullen, laat de mentee de oefening uitvoeren en vraag hoe hij zich voelt en of de oefening gemakkelijk of moeilijk was; herhaal dit met een gemiddelde tijd B en een tijd C voor moeilijkheid; vraag de mentee wat hij heeft geleerd, wat hij deed om de doelen binnen de bepaalde tijd te volgen, waarom hij erin geslaagd of niet geslaagd is, en in welke andere levenssituaties het geleerde kan worden toegepast.',
		'Work with this tool only after completing VALUES V1 GOAL SETTING. The mentor can follow this process: choose a physical exercise, a technical sports exercise or a game the mentee knows and feels safe with; define the phases of the exercise clearly and simply and show them to the mentee; set the goals of the exercise by filling in the exact time A, let the mentee do the exercise and ask how he feels and whether it was easy or difficult; repeat with an average time B and a difficult time C; ask the mentee what he has learned, what he did to meet the goals within the set time, why he did or did not succeed, and in which other situations in life it can be applied.'
	),
	sections: [
		meetingHeader(),
		...timedWorkSchema(),
		section('mentee', t('Mentee', 'Mentee'), [
			whyReached,
			resourcesUsed,
			whyFailed,
			resourcesToUse
		]),
		section('other', t('Andere vragen', 'Other questions'), [
			otherNotes(
				'Andere vragen (inzichten, vragen en inhoud van een gesprek) (aantekeningen voor de toekomstige bijeenkomsten)',
				'Other questions (insights, questions and content of a conversation) (notes for future meetings)'
			)
		])
	]
};
