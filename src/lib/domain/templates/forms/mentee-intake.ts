import { MENTEE_INTAKE_KEY } from '../keys';
import type { Template } from '../types';
import { choice, multi, opt, rich, section, t, text } from '../builders';
import { accessibilityOptions, settingOptions, topicOptions } from './matching-options';

export const genderOptions = [
	opt('female', 'Vrouw', 'Female'),
	opt('male', 'Man', 'Male'),
	opt('x', 'X / anders', 'X / other'),
	opt('undisclosed', 'Zeg ik liever niet', 'Prefer not to say')
] as const;

export const availabilityOptions = [
	opt('weekday-morning', 'Weekdagen – voormiddag', 'Weekdays – morning'),
	opt('weekday-afternoon', 'Weekdagen – namiddag', 'Weekdays – afternoon'),
	opt('weekday-evening', 'Weekdagen – avond', 'Weekdays – evening'),
	opt('weekend', 'Weekend', 'Weekend')
] as const;

export const meetingModeOptions = [
	opt('face-to-face', 'Face-to-face', 'Face-to-face'),
	opt('online', 'Online (e-mentoring)', 'Online (e-mentoring)'),
	opt('both', 'Beide', 'Both')
] as const;

/**
 * Zelfevaluatieformulier van de mentee (`000…` L42: "Mentees worden gevraagd een zelfevaluatie
 * formulier in te vullen"), built on the matching criteria of L50–58: ervaring, expertise,
 * geslacht, toegankelijkheid, professionele interesses.
 */
export const menteeIntake: Template = {
	key: MENTEE_INTAKE_KEY,
	version: 2,
	title: t('Zelfevaluatieformulier mentee', 'Mentee self-evaluation form'),
	phase: 'matching',
	mode: 'online',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['coordinator'],
	readers: ['mentee', 'coordinator'],
	answerVisibility: { readers: ['self', 'coordinator'], purpose: 'matching' },
	source: { file: '000_81122b04ab31608a.txt', line: 42 },
	intro: t(
		'De coördinator neemt dit formulier en de zelfevaluatie van de mentoren door en houdt bij het koppelen rekening met ervaring, expertise, geslacht, toegankelijkheid en professionele interesses.',
		"The coordinator reads this form and the mentors' self-assessments, and takes experience, expertise, gender, accessibility and professional interests into account when matching."
	),
	sections: [
		section('needs-goals', t('Behoeften en doelen', 'Needs and goals'), [
			rich('needs', t('Mijn prioritaire behoeften', 'My priority needs')),
			multi(
				'support-topics',
				t(
					'Op welke domeinen wil ik vooral ondersteuning?',
					'In which areas do I most want support?'
				),
				topicOptions
			),
			rich(
				'goals',
				t(
					'Wat wil ik bereiken met het mentorschap?',
					'What do I want to achieve through mentoring?'
				)
			)
		]),
		section('profile', t('Profiel', 'Profile'), [
			rich('professional-interests', t('Professionele interesses', 'Professional interests')),
			multi(
				'interest-topics',
				t('Mijn professionele interesses (aanvinken)', 'My professional interests (tick)'),
				topicOptions
			),
			choice('setting', t('Mijn werkomgeving', 'My work setting'), settingOptions),
			rich('experience', t('Ervaring', 'Experience'), {
				help: t(
					'Opleiding, werkervaring en ervaring in de huidige functie.',
					'Education, work experience and experience in the current role.'
				)
			})
		]),
		section('gender', t('Geslacht', 'Gender'), [
			choice('gender', t('Geslacht', 'Gender'), genderOptions),
			choice(
				'mentor-gender-preference',
				t('Voorkeur voor het geslacht van de mentor', 'Preferred gender of the mentor'),
				[
					opt('none', 'Geen voorkeur', 'No preference'),
					opt('same', 'Hetzelfde geslacht als ik', 'The same gender as me'),
					opt('other', 'Een ander geslacht dan ik', 'A different gender from me')
				]
			),
			choice(
				'gender-preference-required',
				t('Is deze voorkeur een harde voorwaarde?', 'Is this preference a hard requirement?'),
				[opt('yes', 'Ja', 'Yes'), opt('no', 'Nee, een wens', 'No, a wish')]
			)
		]),
		section('accessibility', t('Toegankelijkheid', 'Accessibility'), [
			rich(
				'accessibility-needs',
				t(
					'Toegankelijkheidsbehoeften (bv. bij een handicap of speciale behoeften)',
					'Accessibility needs (e.g. a disability, special needs)'
				)
			),
			multi(
				'accessibility-tags',
				t('Wat heb ik nodig om goed te kunnen afspreken?', 'What do I need to meet well?'),
				accessibilityOptions
			)
		]),
		section('practical', t('Praktisch', 'Practical'), [
			multi('availability', t('Beschikbaarheid', 'Availability'), availabilityOptions),
			text('availability-notes', t('Opmerkingen bij de beschikbaarheid', 'Notes on availability')),
			choice(
				'meeting-mode',
				t('Vorm van de bijeenkomsten', 'Form of the meetings'),
				meetingModeOptions
			),
			text('region', t('Regio / plaats', 'Region / place'))
		])
	]
};
