import type { Template } from '../types';
import { rich, section, t } from '../builders';
import { meetingHeader } from './v2';

/**
 * V3 – Waarden: deelname (`001…` L1869). The intro's last sentence is the source's "Een feedback
 * geven via het controleblad" as an instruction ("Geef feedback…"); the rest is the source's.
 */
export const v3: Template = {
	key: 'V3',
	version: 1,
	title: t('V3 Waarden – Deelname', 'V3 Values – Participation'),
	phase: 'P',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['mentor'],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1869 },
	intro: t(
		'Het concept van deelname hier is deelname aan een sportgemeenschap en kan daarom van toepassing zijn op de lokale gemeenschap als geheel. Ga met de mentee naar een sportevenement in de gemeenschap, een tentoonstelling of een soort van training; vraag de mentee na het evenement hoe hij/zij zich heeft gevoeld en wat hij/zij heeft geleerd volgens de lijst hieronder, en in welke levenssituaties het geleerde kan worden toegepast. Geef feedback via het controleblad (direct na het evenement invullen).',
		'Participation here means taking part in a sports community, and so it can apply to the local community as a whole. Go with the mentee to a sports event in the community, an exhibition or some kind of training; after the event ask the mentee how he/she felt and what he/she learned, following the list below, and in which situations in life it can be applied. Give feedback through the control sheet (fill it in right after the event).'
	),
	sections: [
		meetingHeader(),
		section('control-sheet', t('Controleblad', 'Control sheet'), [
			rich('liked', t('Wat vond ik leuk?', 'What did I like?')),
			rich('disliked', t('Wat vond ik niet leuk?', "What didn't I like?")),
			rich('learned', t('Wat heb ik geleerd?', 'What have I learned?')),
			rich(
				'learned-from-other',
				t('Wat heb ik geleerd van de andere persoon?', 'What have I learned from the other person?')
			),
			rich('met', t('Wie heb ik ontmoet?', 'Whom did I meet?')),
			rich(
				'benefits-events',
				t(
					'Wat zijn de voordelen van de deelname aan dergelijke evenementen?',
					'What are the benefits of taking part in such events?'
				)
			),
			rich(
				'benefits-organisation',
				t(
					'Wat zijn de voordelen van deelname aan het leven van de organisatie?',
					'What are the benefits of taking part in the life of the organisation?'
				)
			),
			rich(
				'benefits-community',
				t(
					'Wat zijn de voordelen van deelname aan de gemeenschap?',
					'What are the benefits of taking part in the community?'
				)
			)
		])
	]
};
