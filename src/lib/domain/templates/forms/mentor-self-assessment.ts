import { MENTOR_SELF_ASSESSMENT_KEY } from '../keys';
import type { Template } from '../types';
import { choice, multi, num, rich, section, t, text } from '../builders';
import { accessibilityOptions, settingOptions, topicOptions } from './matching-options';
import { availabilityOptions, genderOptions, meetingModeOptions } from './mentee-intake';

/**
 * Zelfevaluatie van de mentor (`000…` L44: "Mentoren worden gevraagd (na training) hun eigen
 * expertise, sterktes en interesses te evalueren en krijgen de mogelijkheid specifieke
 * hulpmiddelen aan te vragen").
 */
export const mentorSelfAssessment: Template = {
	key: MENTOR_SELF_ASSESSMENT_KEY,
	version: 2,
	title: t('Zelfevaluatie van de mentor', 'Mentor self-assessment'),
	phase: 'matching',
	mode: 'online',
	instances: 'single',
	filledBy: ['mentor'],
	reviewedBy: ['coordinator'],
	readers: ['mentor', 'coordinator', 'supporter'],
	answerVisibility: { readers: ['self', 'coordinator'], purpose: 'matching' },
	source: { file: '000_81122b04ab31608a.txt', line: 44 },
	intro: t(
		'Evalueer (na de training) je eigen expertise, sterktes en interesses. Je kan ook specifieke hulpmiddelen aanvragen.',
		'Assess (after the training) your own expertise, strengths and interests. You can also request specific resources.'
	),
	sections: [
		section(
			'self-assessment',
			t('Expertise, sterktes en interesses', 'Expertise, strengths and interests'),
			[
				rich('expertise', t('Expertise', 'Expertise'), {
					help: t('Wat is mijn eigen expertise?', 'What is my own expertise?')
				}),
				multi(
					'expertise-topics',
					t('Domeinen waarin ik sterk sta', 'Areas I am strong in'),
					topicOptions
				),
				rich('strengths', t('Sterktes', 'Strengths'), {
					help: t('Wat zijn mijn sterktes?', 'What are my strengths?')
				}),
				rich('interests', t('Interesses', 'Interests'), {
					help: t(
						'Wat zijn mijn (professionele) interesses?',
						'What are my (professional) interests?'
					)
				}),
				multi(
					'interest-topics',
					t('Mijn professionele interesses (aanvinken)', 'My professional interests (tick)'),
					topicOptions
				),
				rich('experience', t('Ervaring', 'Experience'), {
					help: t(
						'Bv. jaren ervaring als schoolleider, vroegere functies.',
						'E.g. years of experience as a school leader, previous roles.'
					)
				}),
				num(
					'experience-years',
					t('Aantal jaren ervaring in deze functie', 'Years of experience in this role'),
					{ min: 0, max: 60 }
				),
				multi('settings', t('Werkomgevingen die ik ken', 'Work settings I know'), settingOptions)
			]
		),
		section('matching', t('Koppelen', 'Matching'), [
			choice('gender', t('Geslacht', 'Gender'), genderOptions),
			rich(
				'accessibility',
				t(
					'Toegankelijkheid: waar kan ik rekening mee houden (bv. locatie, hulpmiddelen)?',
					'Accessibility: what can I accommodate (e.g. location, aids)?'
				)
			),
			multi(
				'accessibility-offers',
				t('Waar kan ik voor zorgen?', 'What can I provide?'),
				accessibilityOptions
			),
			num('capacity', t('Hoeveel mentees kan ik begeleiden?', 'How many mentees can I take on?'), {
				min: 1,
				max: 3,
				help: t('Een mentor volgt maximaal 3 mentees.', 'A mentor takes at most 3 mentees.')
			}),
			multi('availability', t('Beschikbaarheid', 'Availability'), availabilityOptions),
			choice(
				'meeting-mode',
				t('Vorm van de bijeenkomsten', 'Form of the meetings'),
				meetingModeOptions
			),
			text('region', t('Regio / plaats', 'Region / place'))
		]),
		section('resources', t('Hulpmiddelen', 'Resources'), [
			rich(
				'resources-wanted',
				t(
					'Specifieke hulpmiddelen die ik wil aanvragen',
					'Specific resources I would like to request'
				)
			)
		])
	]
};
