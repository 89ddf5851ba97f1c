import type { Template } from '../types';
import { rich, section, t, text } from '../builders';

/** "In je rol als mentor" (`002…` L1): planning the conversations together. */
export const rolePlanning: Template = {
	key: 'role-planning',
	version: 1,
	title: t('In je rol als mentor', 'In your role as mentor'),
	phase: 'BR',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	source: { file: '002_8591d75584ab30d3.txt', line: 1 },
	sections: [
		section('planning', t('In je rol als mentor:', 'In your role as mentor:'), [
			text(
				'how-often',
				t('Hoe vaak ga je met elkaar in gesprek?', 'How often will you talk to each other?')
			),
			text(
				'best-time',
				t(
					'Wat is de beste tijd voor een coachingsgesprek?',
					'What is the best time for a coaching conversation?'
				)
			),
			text(
				'where-meet',
				t('Waar kan je elkaar het best ontmoeten?', 'Where is the best place to meet each other?')
			),
			text('where-sit', t('Waar kan je het best gaan zitten?', 'Where is the best place to sit?')),
			text(
				'how-long',
				t('Hoelang plan je voor de gesprekken?', 'How much time do you plan for the conversations?')
			),
			rich(
				'what-discuss',
				t('Wat ga je met elkaar bespreken?', 'What will you discuss with each other?')
			)
		])
	]
};
