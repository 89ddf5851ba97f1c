import { MENTEE_LOG_PART2_KEY, MENTEE_LOG_KEY } from '../keys';
import type { Template } from '../types';
import { date, rich, section, t, text } from '../builders';
import { monitoringFields, monitoringIntro, otherQuestionsLabel } from './a-mentor-log';

/** B – Logboek van de mentee, eerste deel: private to the mentee (`001…` L2564). */
export const menteeLog: Template = {
	key: MENTEE_LOG_KEY,
	version: 1,
	title: t('B – Logboek van de mentee (eerste deel)', "B – Mentee's logbook (part one)"),
	phase: 'whole',
	mode: 'after-meeting',
	instances: 'per-meeting',
	filledBy: ['mentee'],
	reviewedBy: [],
	readers: ['author'],
	source: { file: '001_0651839e5917bf82.txt', line: 2564 },
	intro: t(
		'Het eerste deel is gereserveerd voor de mentee. Het is raadzaam om het na elk belangrijk gesprek / mail / chat of aan het einde van elke werkblad van de set in te vullen. Indien de mentee dit niet alleen kan, dan helpt de mentor hem of vult de mentor het direct in door de mentee te interviewen.',
		'The first part is reserved for the mentee. It is advisable to fill it in after every important conversation / mail / chat or at the end of each worksheet of the set. If the mentee cannot do this alone, the mentor helps or fills it in directly by interviewing the mentee.'
	),
	sections: [
		section('part-1', t('Eerste deel', 'Part one'), [
			text('mentee-name', t('Naam van de mentee', "Mentee's name"), { prefill: 'mentee-name' }),
			date('meeting-date', t('Datum van de bijeenkomst', 'Date of the meeting'), {
				prefill: 'today'
			}),
			rich(
				'what-happened',
				t('Wat is gebeurd tijdens de sessie?', 'What happened during the session?')
			),
			rich(
				'thoughts-on-activities',
				t('Wat denk ik over de activiteiten?', 'What do I think of the activities?')
			),
			rich(
				'to-clarify',
				t(
					'Wat wou ik graag verduidelijken met mijn mentor?',
					'What would I like to clarify with my mentor?'
				)
			),
			rich('remarks', t('Opmerkingen', 'Remarks')),
			rich('other', otherQuestionsLabel)
		])
	]
};

/** B – Logboek van de mentee, tweede deel: the monitoring form for the coordinator. */
export const menteeLogPart2: Template = {
	key: MENTEE_LOG_PART2_KEY,
	version: 1,
	title: t('B – Logboek van de mentee (tweede deel)', "B – Mentee's logbook (part two)"),
	phase: 'whole',
	mode: 'after-meeting',
	instances: 'per-meeting',
	filledBy: ['mentee'],
	reviewedBy: ['coordinator'],
	readers: ['mentee', 'coordinator'],
	source: { file: '001_0651839e5917bf82.txt', line: 2594 },
	intro: monitoringIntro,
	sections: [section('part-2', t('Tweede deel', 'Part two'), monitoringFields())]
};
