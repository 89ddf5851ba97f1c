import type { Template } from '../types';
import { checklist, num, date, opt, section, t, table, text } from '../builders';

/**
 * Mentoring overeenkomst in weken (`002…` L50): the alternative agreement. The title is the app's
 * word for it (docs/glossary.md); 002 heads it "Mentoring overeenkomst", half English.
 */
export const agreementWeeks: Template = {
	key: '01b-agreement-weeks',
	version: 1,
	title: t('Mentorovereenkomst', 'Mentoring agreement'),
	phase: 'BR',
	mode: 'face-to-face',
	instances: 'single',
	filledBy: ['mentor', 'mentee'],
	reviewedBy: [],
	readers: ['mentor', 'mentee'],
	signers: ['mentor', 'mentee'],
	source: { file: '002_8591d75584ab30d3.txt', line: 50 },
	intro: t(
		'We zijn beide vrijwillig deze samenwerking aangegaan. We wensen dat dit een belangrijke bijdrage zal leveren om ons doel te bereiken.',
		'We have both entered into this collaboration voluntarily. We wish it to make an important contribution to reaching our goal.'
	),
	sections: [
		section('parties', t('Deze overeenkomst is tussen:', 'This agreement is between:'), [
			text('mentee-name', t('Mentee/ leerling', 'Mentee/ learner'), { prefill: 'mentee-name' }),
			text('mentor-name', t('Mentor', 'Mentor'), { prefill: 'mentor-name' })
		]),
		section('terms', t('We zijn het erover eens dat:', 'We agree that:'), [
			num(
				'duration-weeks',
				t('1. De mentorrelatie duurt … weken', '1. The mentoring relationship lasts … weeks'),
				{
					min: 1,
					unit: t('weken', 'weeks')
				}
			),
			date('start-date', t('vanaf', 'starting from')),
			num('meeting-count', t('2. We zullen elkaar … keer ontmoeten.', '2. We will meet … times.'), {
				min: 1,
				help: t(
					'Overlegtijden, eenmaal overeengekomen, mogen niet worden geannuleerd tenzij dit niet te vermijden is. Aan het einde van elke bijeenkomst zullen we een datum afspreken voor de volgende.',
					'Meeting times, once agreed, may not be cancelled unless this cannot be avoided. At the end of each meeting we will agree a date for the next one.'
				)
			}),
			num(
				'min-minutes',
				t(
					'3. Elke vergadering duurt minimaal … minuten',
					'3. Each meeting lasts at least … minutes'
				),
				{
					min: 0,
					unit: t('minuten', 'minutes')
				}
			),
			num('max-minutes', t('en maximaal … minuten.', 'and at most … minutes.'), {
				min: 0,
				unit: t('minuten', 'minutes')
			}),
			table(
				'goals',
				t(
					'4. Het doel van de samenwerking is de volgende doelstellingen te bereiken:',
					'4. The purpose of the collaboration is to achieve the following objectives:'
				),
				[text('goal', t('Doelstelling', 'Objective'))],
				{ initialRows: 4 }
			),
			checklist(
				'mentor-role',
				t(
					'5. We zijn het erover eens dat de rol van de mentor is om:',
					'5. We agree that the role of the mentor is to:'
				),
				[
					opt(
						'explore',
						'Met betrekking tot de persoon te onderzoeken welke zaken van belang zijn om de overeengekomen doelstellingen te bereiken.',
						'Explore, with regard to the person, which matters are important for reaching the agreed objectives.'
					),
					opt(
						'encourage-reflection',
						'De mentee/ leerling aan te moedigen om na te denken over vaardigheden en prestaties',
						'Encourage the mentee/ learner to reflect on skills and achievements'
					),
					opt(
						'feedback',
						'Geeft constructieve feedback en moedigt de mentee/ leerling aan om de overeengekomen doelen na te streven.',
						'Give constructive feedback and encourage the mentee/ learner to pursue the agreed goals.'
					)
				]
			),
			checklist(
				'mentee-role',
				t(
					'6. We zijn het erover eens dat de rol van de mentee/ leerling is om:',
					'6. We agree that the role of the mentee/ learner is to:'
				),
				[
					opt(
						'open',
						'Open te staan voor discussies om de overeengekomen doelstellingen te bereiken.',
						'Be open to discussion in order to reach the agreed objectives.'
					),
					opt(
						'reflect',
						'Na te denken over, en kritisch te kijken naar vaardigheden en prestaties, om de afgesproken doelstellingen te halen.',
						'Reflect on, and look critically at, skills and achievements in order to reach the agreed objectives.'
					),
					opt(
						'responsibility',
						'Verantwoordelijkheid te nemen om nieuwe dingen te leren.',
						'Take responsibility for learning new things.'
					)
				]
			),
			checklist('confidentiality', t('7. Vertrouwelijkheid', '7. Confidentiality'), [
				opt(
					'confidential',
					'We komen overeen dat de inhoud van de gesprekken vertrouwelijk is.',
					'We agree that the content of the conversations is confidential.'
				)
			])
		])
	]
};
