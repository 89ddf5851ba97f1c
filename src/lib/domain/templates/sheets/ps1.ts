import type { Section, Template } from '../types';
import { choice, date, opt, rich, section, t, text } from '../builders';

/** The header shared by PS1–PS3: names, date and whether it was a meeting or an e-mail. */
export function psHeader(): Section {
	return section('details', t('Gegevens', 'Details'), [
		text('mentee-name', t('Voornaam en naam van de mentee', "Mentee's first name and surname"), {
			prefill: 'mentee-name'
		}),
		text('mentor-name', t('Voornaam en naam van de mentor', "Mentor's first name and surname"), {
			prefill: 'mentor-name'
		}),
		date('date', t('Datum', 'Date'), { prefill: 'today' }),
		choice('contact', t('Bijeenkomst / e-mail', 'Meeting / e-mail'), [
			opt('meeting', 'Bijeenkomst', 'Meeting'),
			opt('email', 'E-mail', 'E-mail')
		])
	]);
}

/**
 * PS1 – Eerste analyse van de behoeften (`001…` L1412). The intro says the source's sentence ("Een
 * checklist die moet worden besproken, uitgelegd, ondervraagd of opgeschreven door de mentee…", a
 * word-for-word translation) in plainer Dutch; the prompts keep the source's wording.
 */
export const ps1: Template = {
	key: 'PS1',
	version: 1,
	title: t('PS1 Eerste analyse van de behoeften', 'PS1 First needs analysis'),
	phase: 'SD',
	mode: 'either',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['mentor'],
	readers: ['mentor', 'mentee'],
	source: { file: '001_0651839e5917bf82.txt', line: 1412 },
	intro: t(
		'Een checklist die de mentee bespreekt, toelicht, bevraagt of opschrijft: een eerste analyse van de behoeften, nu en in de toekomst.',
		'A checklist the mentee discusses, explains, questions or writes down: a first analysis of needs, now and in the future.'
	),
	sections: [
		psHeader(),
		section('needs', t('Initiële analyse van de behoeften', 'Initial needs analysis'), [
			rich(
				'liked-most',
				t(
					'Wat mij het meest beviel tijdens mijn professionele opleiding',
					'What I liked most during my vocational training'
				)
			),
			rich(
				'most-traumatic',
				t(
					'De meest traumatische gebeurtenis op school of tijdens mijn beroepsopleiding',
					'The most traumatic event at school or during my vocational training'
				)
			),
			rich(
				'worries',
				t(
					'Wat mij het meest zorgen baart over de toekomst',
					'What worries me most about the future'
				)
			),
			rich(
				'positive-future',
				t(
					'Wat zijn de positieve aspecten van mijn toekomst',
					'What are the positive aspects of my future'
				)
			),
			rich(
				'ambitions',
				t('Wat zijn mijn professionele ambities', 'What are my professional ambitions')
			),
			rich(
				'fields-of-work',
				t(
					'Wat zijn de vakgebieden waarin ik graag zou willen werken',
					'In which fields would I like to work'
				)
			),
			rich(
				'sector-knowledge',
				t(
					'Wat weet ik over deze sectoren, wat is de perceptie die ik erover heb',
					'What do I know about these sectors, how do I perceive them'
				)
			),
			rich('why', t('Waarom', 'Why'), {
				help: t('Waarom kies ik voor deze sectoren?', 'Why do I choose these sectors?')
			}),
			rich('disoriented', t('Ik voel me gedesoriënteerd wanneer …', 'I feel disoriented when …')),
			rich(
				'self-summary',
				t(
					'Ik geloof dat mijn competentie, persoonlijk profiel en vaardigheden, motivatie, waarden en ideeën als volgt kunnen worden samengevat',
					'I believe my competence, personal profile and skills, motivation, values and ideas can be summarised as follows'
				)
			),
			rich('missing', t('Wat ik mis is...', 'What I lack is...')),
			rich(
				'school-experience',
				t(
					'Welk deel van mijn schoolervaring kan ik in de toekomst gebruiken',
					'Which part of my school experience can I use in the future'
				)
			),
			rich(
				'learning-style',
				t(
					'Hoe het best kan ik leren (zelfstandig, met andere collega’s/studenten, door video’s te kijken, met leraar/coach, enz.)',
					'How do I learn best (on my own, with other colleagues/students, by watching videos, with a teacher/coach, etc.)'
				)
			),
			rich('need', t('Ik veronderstel dat ik ... nodig heb', 'I suppose I need ...')),
			rich(
				'question-for-mentor',
				t(
					'Een vraag waar ik graag met mijn mentor mee wil praten',
					'A question I would like to talk about with my mentor'
				)
			),
			rich(
				'other',
				t(
					'Overige (diepgaande vragen, enz., aantekeningen voor mijn logboek)',
					'Other (in-depth questions, etc., notes for my logbook)'
				)
			)
		])
	]
};
