import { MATCH_MENTEE_KEY } from '../keys';
import type { Template } from '../types';
import { choice, opt, rich, section, t, table, text } from '../builders';

/** 01 – Dag voor matching – mentee: mentors met and three favourites (`001…` L961). */
export const matchMentee: Template = {
	key: MATCH_MENTEE_KEY,
	version: 1,
	title: t('Dag voor matching – mentee', 'Matching day – mentee'),
	phase: 'matching',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['coordinator'],
	readers: ['mentee', 'coordinator'],
	answerVisibility: { readers: ['self', 'coordinator'], purpose: 'matching' },
	source: { file: '001_0651839e5917bf82.txt', line: 961 },
	intro: t(
		'Na elke ontmoeting vult de mentee de lijst van de mentee in en hij/zij schrijft of hij/zij de mentor leuk vindt of niet (als er nood is aan extra ondersteuning, zal de organisator hiervoor zorgen).',
		'After each meeting the mentee fills in the mentee list and writes whether he/she likes the mentor or not (if extra support is needed, the organiser will provide it).'
	),
	sections: [
		section('mentee', t('Voor de mentee', 'For the mentee'), [
			text('mentee-name', t('Naam van de mentee', "Mentee's name"), { prefill: 'mentee-name' })
		]),
		section('mentors-met', t('Mentoren die ik heb ontmoet', 'Mentors I have met'), [
			table(
				'mentors-met',
				t(
					'Schrijf de naam van elke mentor die je hebt ontmoet en naast de naam zijn/haar wensen en je eerste indruk: vind je de mentor leuk of niet?',
					'Write the name of every mentor you have met and, next to the name, his/her wishes and your first impression of whether you like the mentor or not.'
				),
				[
					text('mentor', t('Naam van de mentor', "Mentor's name")),
					rich('wishes', t('Zijn/haar wensen', 'His/her wishes')),
					choice('impression', t('Eerste indruk', 'First impression'), [
						opt('like', 'Ik vind hem/haar leuk (↑)', 'I like him/her (↑)'),
						opt('neutral', 'Neutraal (=)', 'Neutral (=)'),
						opt('dislike', 'Ik vind hem/haar niet leuk (↓)', "I don't like him/her (↓)")
					])
				],
				{ initialRows: 3 }
			)
		]),
		section(
			'favourites',
			t('Kies 3 favoriete mentoren', 'Choose 3 favourite mentors'),
			[
				table(
					'favourites',
					t('Kies 3 favoriete mentoren', 'Choose 3 favourite mentors'),
					[
						text('mentor', t('Mentor', 'Mentor')),
						text(
							'preferred-place',
							t('Voorkeursplek voor zijn bijeenkomsten', 'Preferred place for the meetings')
						)
					],
					{ initialRows: 3, maxRows: 3, rowLabel: t('Voorkeur', 'Choice') }
				)
			],
			t(
				'Na het invullen van het formulier voor elke mentor die hij/zij ontmoet heeft, moet de mentee drie voorkeuren voor de mentor kenbaar maken en de voorkeursplek voor zijn bijeenkomsten opschrijven.',
				'After filling in the form for every mentor he/she has met, the mentee states three preferences for a mentor and writes down the preferred place for the meetings.'
			)
		)
	]
};
