import { MENTOR_LOG_PART2_KEY, MENTOR_LOG_KEY } from '../keys';
import type { Field, Template } from '../types';
import { date, multi, opt, rich, section, t, text } from '../builders';

/**
 * Options of "Gebruikt blad": the pair sheets, keyed by template key, plus "other". Written out
 * here (not derived from the registry) so the logbooks do not import every sheet.
 */
export const sheetUsedOptions = [
	opt('01-agreement', '01 – Mentorovereenkomst', '01 – Mentoring agreement'),
	opt('01b-agreement-weeks', 'Mentorovereenkomst (weken)', 'Mentoring agreement (weeks)'),
	opt(
		'02-confidentiality',
		'02 – Vertrouwelijkheidsovereenkomst',
		'02 – Confidentiality agreement'
	),
	opt('03-mutual-presentation', '03 – Wederzijdse presentatie', '03 – Mutual presentation'),
	opt('role-planning', 'In je rol als mentor', 'In your role as mentor'),
	opt('statements-20', '20 uitspraken', '20 statements'),
	opt('PS1', 'PS1 – Eerste analyse van de behoeften', 'PS1 – First needs analysis'),
	opt('PS2', 'PS2 – Ervaringen uit het verleden', 'PS2 – Past experience'),
	opt('PS3', 'PS3 – Waarden en problemen van leren', 'PS3 – Values and problems of learning'),
	opt('V1', 'V1 – Doelen stellen', 'V1 – Goal setting'),
	opt('teacher-roles', 'Zelfevaluatie: de tien rollen', 'Self-assessment: the ten roles'),
	opt('V2', 'V2 – Samenwerking', 'V2 – Collaboration'),
	opt('V3', 'V3 – Deelname', 'V3 – Participation'),
	opt('S1', 'S1 – Organisatorisch vermogen', 'S1 – Organisational capability'),
	opt('S2', 'S2 – Tijdmanagement – nauwkeurigheid', 'S2 – Time management – punctuality'),
	opt('S3', 'S3 – Resultaatgerichtheid', 'S3 – Results orientation'),
	opt('S4', 'S4 – Vaardigheden voor opbouw van relaties', 'S4 – Relationship-building skills'),
	opt('04-development-plan', '04 – Plan voor ontwikkeling', '04 – Development plan'),
	opt('lesson-preparation', 'Samen een les voorbereiden', 'Preparing a lesson together'),
	opt('lesson-observation', 'Lesobservatie in de klas', 'Lesson observation in class'),
	opt('MO-closing', 'MO – Afsluitend gesprek', 'MO – Closing conversation'),
	opt('other', 'Ander werkblad', 'Another worksheet')
] as const;

export const otherQuestionsLabel = t(
	'Andere vragen (gegevens, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten)',
	'Other questions (facts, questions and content of the conversation) (notes for future meetings)'
);

/** The fields of a logbook's second part, the same for mentor and mentee. */
export function monitoringFields(): Field[] {
	return [
		date('meeting-date', t('Datum van de bijeenkomst', 'Date of the meeting'), {
			prefill: 'today'
		}),
		multi(
			'sheet-used',
			// The source's own words ("blad", "i.v.t.": indien van toepassing).
			t('Gebruikt blad (geef aan welk blad i.v.t.)', 'Worksheet used (say which, if any)'),
			sheetUsedOptions
		),
		rich(
			'difficulties',
			t(
				'Moeilijkheden die tijdens het traject zijn ondervonden [specificeer welke]',
				'Difficulties met along the way [specify which]'
			)
		),
		rich(
			'strengthening',
			t('De relatie versterken [specificeer welke]', 'Strengthening the relationship [specify how]')
		),
		rich('other', otherQuestionsLabel)
	];
}

export const monitoringIntro = t(
	'Tweede deel. Kwalitatieve en kwantitatieve monitoring, die via e-mail wordt gestuurd naar de projectcoördinator / coördinator die verantwoordelijk is voor de monitoring.',
	'Second part. Qualitative and quantitative monitoring, sent to the project coordinator / the coordinator responsible for monitoring.'
);

/** A – Logboek van de mentor, eerste deel: private to the mentor (`001…` L2486). */
export const mentorLog: Template = {
	key: MENTOR_LOG_KEY,
	version: 1,
	title: t('A – Logboek van de mentor (eerste deel)', "A – Mentor's logbook (part one)"),
	phase: 'whole',
	mode: 'after-meeting',
	instances: 'per-meeting',
	filledBy: ['mentor'],
	reviewedBy: [],
	readers: ['author'],
	source: { file: '001_0651839e5917bf82.txt', line: 2486 },
	intro: t(
		'Het eerste deel is gereserveerd voor de mentor. Het logboek is nuttig voor het rationaliseren / noteren / onthouden niet alleen van de inhoud die tijdens de sessies wordt weergegeven, maar ook van de zwakke en sterke punten van de communicatie / relatie. Het invullen van het logboek is verplicht na elk interview.',
		'The first part is reserved for the mentor. The logbook helps to think through / note / remember not only the content of the sessions but also the weak and strong points of the communication / relationship. Filling in the logbook is required after every interview.'
	),
	sections: [
		section('part-1', t('Eerste deel', 'Part one'), [
			text('mentor-name', t('Naam van de mentor', "Mentor's name"), { prefill: 'mentor-name' }),
			date('meeting-date', t('Datum van de bijeenkomst', 'Date of the meeting'), {
				prefill: 'today'
			}),
			rich(
				'who',
				t(
					'Wie is hij/zij (datums en persoonlijke informatie voor de mentee)',
					'Who is he/she (dates and personal information about the mentee)'
				)
			),
			rich(
				'observations',
				t(
					'Persoonlijke observaties (indrukken, emoties tijdens de relatie)',
					'Personal observations (impressions, emotions during the relationship)'
				)
			),
			rich('remarks', t('Opmerkingen', 'Remarks')),
			rich('other', otherQuestionsLabel)
		])
	]
};

/** A – Logboek van de mentor, tweede deel: the monitoring form for the coordinator. */
export const mentorLogPart2: Template = {
	key: MENTOR_LOG_PART2_KEY,
	version: 1,
	title: t('A – Logboek van de mentor (tweede deel)', "A – Mentor's logbook (part two)"),
	phase: 'whole',
	mode: 'after-meeting',
	instances: 'per-meeting',
	filledBy: ['mentor'],
	reviewedBy: ['coordinator'],
	readers: ['mentor', 'coordinator', 'supporter'],
	source: { file: '001_0651839e5917bf82.txt', line: 2517 },
	intro: monitoringIntro,
	sections: [section('part-2', t('Tweede deel', 'Part two'), monitoringFields())]
};
