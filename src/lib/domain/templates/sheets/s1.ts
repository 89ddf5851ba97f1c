import type { Field, Template } from '../types';
import { rich, section, t, text } from '../builders';
import { meetingHeader } from './v2';

/** The "other questions" box that closes the S sheets. */
export function otherNotes(nl: string, en: string): Field {
	return rich('other', t(nl, en));
}

/**
 * S1 – Soft skills: organisatorisch vermogen (`001…` L1908). The intro says what the source says in
 * plainer Dutch (the source: "Het is raadzaam om met dit instrument te werken alleen na het voltooien
 * van…", a word-for-word translation); the prompts keep the source's wording.
 */
export const s1: Template = {
	key: 'S1',
	version: 1,
	title: t(
		'S1 Soft skills – Organisatorisch vermogen',
		'S1 Soft skills – Organisational capability'
	),
	phase: 'P',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1908 },
	intro: t(
		'Werk pas met dit instrument nadat je WAARDEN V1 Doelen stellen (betekenis creëren) hebt afgerond. De mentor kan zo te werk gaan: kies een lichamelijke oefening, een technische sportbeweging of een technische vaardigheid die de mentee kent; beschrijf elke fase duidelijk en eenvoudig en schrijf ze op in het schema hieronder; laat de mentee de oefening herhalen; vraag de mentee daarna om jouw coach te zijn door de rollen om te wisselen en de oefening voor jou te organiseren aan de hand van hetzelfde model; vraag de mentee hoe hij zich voelt en wat hij heeft geleerd, en in welke levenssferen het geleerde kan worden toegepast.',
		'Work with this tool only after completing VALUES V1 Goal setting (sense making). The mentor can follow this process: choose a physical exercise, a technical sports movement or a technical skill the mentee knows; define each phase clearly and simply and write them down in the schema below; let the mentee repeat the exercise; then ask the mentee to be your coach by swapping roles and organising the exercise for you on the same model; ask the mentee how he feels and what he has learned, and in which areas of life it can be applied.'
	),
	sections: [
		meetingHeader(),
		section('work-schema', t('Werkschema', 'Work schema'), [
			text('exercise', t('Oefening - Spel:', 'Exercise - Game:')),
			rich('phases', t('Oefeningsfasen - Spel:', 'Phases of the exercise - Game:')),
			rich('materials', t('Lijst van benodigde materialen:', 'List of materials needed:')),
			rich(
				'placement',
				t(
					'Plaatsten en positionering van de materialen in de fasen en ruimte van het spel:',
					'Placing and positioning of the materials in the phases and space of the game:'
				)
			)
		]),
		section('other', t('Andere vragen', 'Other questions'), [
			otherNotes(
				'Andere vragen (inzichten, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten)',
				'Other questions (insights, questions and content of the conversation) (notes for future meetings)'
			)
		])
	]
};
