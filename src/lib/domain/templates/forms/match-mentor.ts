import { MATCH_MENTOR_KEY } from '../keys';
import type { Template } from '../types';
import { checklist, opt, rich, section, t, table, text } from '../builders';

/** 02 – Dag voor matching – mentor: self-presentation and three preferred mentees (`001…` L1055). */
export const matchMentor: Template = {
	key: MATCH_MENTOR_KEY,
	version: 1,
	title: t('Dag voor matching – mentor', 'Matching day – mentor'),
	phase: 'matching',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor'],
	reviewedBy: ['coordinator'],
	readers: ['mentor', 'coordinator'],
	answerVisibility: { readers: ['self', 'coordinator'], purpose: 'matching' },
	source: { file: '001_0651839e5917bf82.txt', line: 1055 },
	intro: t(
		'Gebruik de volgende lijst om een zelfstandige presentatie vóór de mentee te maken. Beschikbare tijd: 3 minuten.',
		'Use the following list to prepare a self-presentation for the mentee. Time available: 3 minutes.'
	),
	sections: [
		section('mentor', t('Voor de mentoren', 'For the mentors'), [
			text('mentor-name', t('Naam van de mentor', "Mentor's name"), { prefill: 'mentor-name' })
		]),
		section('ask-mentee', t('De mentee vragen:', 'Ask the mentee:'), [
			checklist('questions-for-mentee', t('De mentee vragen:', 'Ask the mentee:'), [
				opt('name', 'Wat is je naam?', 'What is your name?'),
				opt('sports', 'Welke sporten vind je leuk?', 'Which sports do you like?'),
				opt(
					'satisfaction',
					'De situatie die je een gevoel van voldoening op school gaf;',
					'The situation that gave you a feeling of satisfaction at school;'
				),
				opt(
					'regret',
					'De situatie waar je het meest spijt van hebt op school;',
					'The situation you regret most at school;'
				),
				opt(
					'hobbies',
					"Je hobby's en interesses buiten de school;",
					'Your hobbies and interests outside school;'
				),
				opt(
					'passions',
					'Interesses, sport en passies die je hebt;',
					'Interests, sports and passions you have;'
				),
				opt('film', 'Je favoriete film;', 'Your favourite film;'),
				opt(
					'about-you',
					'De dingen die iets over je zeggen (bijvoorbeeld wat voor jou belangrijk is in het leven, enz.)',
					'The things that say something about you (for example what is important to you in life, etc.)'
				)
			])
		]),
		section(
			'self-presentation',
			t('Zelfpresentatie van de mentor', "The mentor's self-presentation"),
			[
				text('my-name', t('Mijn naam is…', 'My name is…'), { prefill: 'mentor-name' }),
				rich('my-hobbies', t("Mijn hobby's en interesses;", 'My hobbies and interests;')),
				rich(
					'most-satisfaction',
					t(
						'De situatie die mij gevoel van meeste voldoening gaf toen ik op school zat;',
						'The situation that gave me the greatest satisfaction when I was at school;'
					)
				),
				rich(
					'most-pain',
					t(
						'De situatie die mij meer pijn gaf toen ik op school zat;',
						'The situation that hurt me most when I was at school;'
					)
				),
				rich(
					'passions',
					t(
						'Interesses, sport en passies waar ik van hou en oefen;',
						'Interests, sports and passions I love and practise;'
					)
				),
				text('favourite-film', t('Mijn favoriete film;', 'My favourite film;')),
				rich('other', t('Andere vragen/ antwoorden ...', 'Other questions/ answers ...'))
			]
		),
		section(
			'preferred-mentees',
			t('Aan het einde van de sessie', 'At the end of the session'),
			[
				table(
					'preferred-mentees',
					t('Drie mentees van mijn voorkeur', 'Three mentees I prefer'),
					[
						text('mentee', t('Naam van de mentee', "Mentee's name")),
						rich('wishes', t('Wensen', 'Wishes')),
						text(
							'preferred-place',
							t('Voorkeursplek voor de ontmoetingen', 'Preferred place for the meetings')
						)
					],
					{ initialRows: 3, maxRows: 3, rowLabel: t('Voorkeur', 'Choice') }
				)
			],
			t(
				'De mentor schrijft de namen van drie mentees op die zo dicht mogelijk bij jou staan en die het meest betrokken leken bij hun zelfpresentatie, en de voorkeursplek voor de ontmoetingen.',
				'The mentor writes down the names of three mentees who are as close as possible to you and who seemed most committed in their self-presentation, and the preferred place for the meetings.'
			)
		)
	]
};
