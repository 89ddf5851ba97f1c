import { TEACHER_NEEDS_KEY } from '../keys';
import type { Template } from '../types';
import { choice, date, multi, opt, rich, section, t, text } from '../builders';

const supportNeed = (key: string, nl: string, en: string) =>
	choice(key, t(nl, en), [
		opt('none', 'Geen', 'None'),
		opt('some', 'Een beetje', 'Some'),
		opt('much', 'Veel', 'A lot')
	]);

/**
 * Behoeftenbevraging van de beginnende leerkracht (`003…` L190–226): differentiated needs, asked
 * at the start and repeated later "om te zien hoe de behoeften evolueren", over the three support
 * planes (persoonlijk, sociaal, professioneel), the ten roles of the professional profile
 * (L118–143), mentor models (L251–256) and activities (L270–273).
 */
export const teacherNeeds: Template = {
	key: TEACHER_NEEDS_KEY,
	version: 1,
	title: t('Behoeftenbevraging beginnende leerkracht', 'Beginning teacher needs questionnaire'),
	phase: 'whole',
	mode: 'either',
	instances: 'repeatable',
	filledBy: ['mentee'],
	reviewedBy: ['mentor', 'coordinator'],
	readers: ['mentee', 'mentor', 'coordinator'],
	answerVisibility: { readers: ['self', 'coordinator'], purpose: 'follow-up' },
	source: { file: '003_b2b14fc9eb67e501.txt', line: 190 },
	intro: t(
		'Beginnende leerkrachten zijn lerenden en hebben gedifferentieerde behoeften. Die behoeften vaststellen is een belangrijke stap om een doeltreffend aanvangsbegeleidings- en professionaliseringsbeleid vorm te geven dat leidt tot een aanbod van zinvolle activiteiten. De bevraging kan later herhaald worden, om te zien hoe de behoeften evolueren en het aanbod hierop afgestemd moet worden.',
		'Beginning teachers are learners with differentiated needs. Identifying those needs is an important step in shaping an effective induction and professional development policy that leads to a range of meaningful activities. The questionnaire can be repeated later, to see how the needs evolve and how the support should be adjusted.'
	),
	sections: [
		section('background', t('Achtergrond', 'Background'), [
			date('date', t('Datum', 'Date'), { prefill: 'today' }),
			choice('background', t('Mijn achtergrond', 'My background'), [
				opt(
					'graduate',
					'Beginnende leerkracht die net de lerarenopleidingen voltooid heeft',
					'Beginning teacher who has just completed teacher education'
				),
				opt(
					'returner',
					'Leerkracht die na een lange periode na het afstuderen opnieuw les komt geven',
					'Returning to teaching a long time after graduating'
				),
				opt(
					'side-entrant',
					'Zij-instromer zonder opleiding of beroepservaring in het onderwijs',
					'Career changer without teacher education or teaching experience'
				)
			]),
			text(
				'assignment',
				t(
					'Mijn opdracht (onderwijsniveau, vak, klassen)',
					'My assignment (level, subject, classes)'
				)
			)
		]),
		section(
			'personal',
			t('Persoonlijk vlak', 'Personal plane'),
			[
				supportNeed(
					'personal-need',
					'Hoeveel ondersteuning heb ik nodig op persoonlijk vlak?',
					'How much support do I need on the personal plane?'
				),
				rich(
					'stress',
					t(
						'Stress, angst en de praktijkschok in de eerste weken als leerkracht: wat ervaar ik?',
						'Stress, anxiety and reality shock in the first weeks as a teacher: what do I experience?'
					)
				),
				rich(
					'confidence',
					t(
						'Wat heb ik nodig om zelfvertrouwen op te bouwen?',
						'What do I need to build self-confidence?'
					)
				)
			],
			t(
				'Om stress, angst en de praktijkschok in de eerste weken als leerkracht te verminderen, en zelfvertrouwen op te bouwen.',
				'To reduce stress, anxiety and reality shock in the first weeks as a teacher, and to build self-confidence.'
			)
		),
		section(
			'social',
			t('Sociaal vlak', 'Social plane'),
			[
				supportNeed(
					'social-need',
					'Hoeveel ondersteuning heb ik nodig op sociaal vlak?',
					'How much support do I need on the social plane?'
				),
				rich(
					'team',
					t(
						'Lid worden van het schoolteam: hoe gaat het en wat heb ik daarvoor nodig?',
						'Becoming a member of the school team: how is it going and what do I need?'
					)
				),
				rich(
					'stakeholders',
					t(
						'Contact met stakeholders zoals ouders en de lokale gemeenschap: waar heb ik nood aan?',
						'Contact with stakeholders such as parents and the local community: what do I need?'
					)
				)
			],
			t(
				'Om de beginnende leerkracht lid te laten worden van het schoolteam, met inbegrip van alle stakeholders zoals ouders en de lokale gemeenschap.',
				'To help the beginning teacher become a member of the school team, including all stakeholders such as parents and the local community.'
			)
		),
		section(
			'professional',
			t('Professioneel vlak', 'Professional plane'),
			[
				supportNeed(
					'professional-need',
					'Hoeveel ondersteuning heb ik nodig op professioneel vlak?',
					'How much support do I need on the professional plane?'
				),
				multi('guidance', t('Welke begeleiding heb ik nodig?', 'Which guidance do I need?'), [
					opt('orientation', 'Wegwijsbegeleiding', 'Finding my way (orientation)'),
					opt('work', 'Werkbegeleiding', 'Guidance in the job'),
					opt('learning', 'Leerbegeleiding', 'Guidance in learning')
				]),
				rich(
					'school-culture',
					t(
						'Kennismaken met de schoolorganisatie en met haar cultuur, normen en waarden: wat wil ik beter leren kennen?',
						'Getting to know the school organisation and its culture, norms and values: what do I want to know better?'
					)
				),
				multi(
					'profile-roles',
					t(
						'In welke rollen van het beroepsprofiel van de leraar wil ik groeien?',
						"In which roles of the teacher's professional profile do I want to grow?"
					),
					[
						opt(
							'learning-guide',
							'Begeleider van leer- en ontwikkelingsprocessen',
							'Guide of learning and development processes'
						),
						opt('educator', 'Opvoeder', 'Educator'),
						opt('content-expert', 'Inhoudelijke expert', 'Subject expert'),
						opt('organiser', 'Organisator', 'Organiser'),
						opt('innovator', 'Innovator en onderzoeker', 'Innovator and researcher'),
						opt(
							'parents-partner',
							'Partner van de ouders of verzorgers',
							'Partner of parents or carers'
						),
						opt('team-member', 'Lid van een schoolteam', 'Member of a school team'),
						opt('external-partner', 'Partner van externen', 'Partner of external parties'),
						opt(
							'education-community',
							'Lid van de onderwijsgemeenschap',
							'Member of the education community'
						),
						opt('culture-participant', 'Cultuurparticipant', 'Participant in culture')
					]
				)
			],
			t(
				'Om via onder meer wegwijsbegeleiding, werkbegeleiding en leerbegeleiding, de nieuwe leerkracht kennis te laten maken met de schoolorganisatie en met haar cultuur, normen en waarden.',
				'To introduce the new teacher to the school organisation and its culture, norms and values through, among other things, orientation, guidance in the job and guidance in learning.'
			)
		),
		section(
			'learner',
			t(
				'Noden, interesse, leerprofiel en overtuigingen',
				'Needs, interests, learning profile and beliefs'
			),
			[
				rich('interests', t('Interesse', 'Interests'), {
					help: t('Waar gaat mijn interesse naar?', 'What am I interested in?')
				}),
				rich('learning-profile', t('Leerprofiel', 'Learning profile'), {
					help: t('Hoe leer ik het best?', 'How do I learn best?')
				}),
				rich('beliefs', t('Overtuigingen', 'Beliefs'), {
					help: t(
						'Mijn overtuigingen over lesgeven en leren',
						'My beliefs about teaching and learning'
					)
				})
			]
		),
		section('support', t('Ondersteuning en activiteiten', 'Support and activities'), [
			multi(
				'activities',
				t('Welke activiteiten zouden mij helpen?', 'Which activities would help me?'),
				[
					opt(
						'lesson-observation',
						'Lesobservatie in de klas, met debriefing in de vorm van een professioneel gesprek',
						'Lesson observation in class, with a debrief as a professional conversation'
					),
					opt(
						'co-preparation',
						'Het gezamenlijk voorbereiden van lessen, co-teaching/team teaching',
						'Preparing lessons together, co-teaching/team teaching'
					),
					opt(
						'learning-activities',
						'Leeractiviteiten: studiedagen en workshops, zelfreflectie, vakgroepen, peer learning',
						'Learning activities: study days and workshops, self-reflection, subject groups, peer learning'
					),
					opt(
						'informal',
						'Informele uitwisselingen (bv. samen koffiepauze nemen, lunchen)',
						'Informal exchanges (e.g. coffee breaks or lunch together)'
					)
				]
			),
			multi('support-from', t('Van wie wil ik ondersteuning?', 'From whom do I want support?'), [
				opt('mentors', 'Door mentoren', 'From mentors'),
				opt('colleagues', "Door collega's in het schoolteam", 'From colleagues in the school team'),
				opt('external', 'Door externe ondersteuning', 'From external support'),
				opt('self-reflection', 'Door zelfreflectie', 'Through self-reflection')
			]),
			multi(
				'mentor-model',
				t('Welke vorm van mentoring past bij mij?', 'Which form of mentoring suits me?'),
				[
					opt('one-to-one', 'Eén-op-één-mentoring', 'One-to-one mentoring'),
					opt('group', 'Groepsmentoring', 'Group mentoring'),
					opt(
						'experienced-teachers',
						'Ervaren leerkrachten inzetten',
						'A pool of experienced teachers'
					),
					opt('informal', 'Informeel mentorschap', 'Informal mentoring')
				]
			),
			rich('other', t('Andere noden of opmerkingen', 'Other needs or remarks'))
		])
	]
};

/** The three support planes (`003…` L222–226) and where the questionnaire asks about each. */
export const NEEDS_PLANES = [
	{ plane: 'personal', need: 'personal-need', notes: ['stress', 'confidence'] },
	{ plane: 'social', need: 'social-need', notes: ['team', 'stakeholders'] },
	{ plane: 'professional', need: 'professional-need', notes: ['school-culture'] }
] as const;

export type NeedsPlane = (typeof NEEDS_PLANES)[number]['plane'];
export type NeedLevel = 'none' | 'some' | 'much';
const LEVELS: readonly NeedLevel[] = ['none', 'some', 'much'];

/** One submitted round of the questionnaire as the mentor's card compares them. */
export interface NeedsRoundView {
	number: number;
	/** The date the teacher gave, else the day it was submitted ('YYYY-MM-DD'). */
	date: string;
	planes: Record<
		NeedsPlane,
		{ level: NeedLevel | null; change: 'more' | 'less' | 'same' | null; notes: string[] }
	>;
}

/**
 * The rounds in order, each plane's level compared with the round before (more, less, the
 * same; nothing when either round left it open), with the plane's written answers.
 */
export function compareNeedsRounds(
	rows: readonly { submittedAt: Date | string; answers: Record<string, unknown> }[]
): NeedsRoundView[] {
	const sorted = [...rows].sort(
		(a, b) => new Date(a.submittedAt).getTime() - new Date(b.submittedAt).getTime()
	);
	const rounds: NeedsRoundView[] = [];
	for (const [index, row] of sorted.entries()) {
		const given = row.answers.date;
		const date =
			typeof given === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(given)
				? given
				: new Date(row.submittedAt).toISOString().slice(0, 10);
		const before = rounds[index - 1];
		const planes = Object.fromEntries(
			NEEDS_PLANES.map(({ plane, need, notes }) => {
				const raw = row.answers[need];
				const level = LEVELS.find((l) => l === raw) ?? null;
				const previous = before?.planes[plane].level ?? null;
				const change =
					level === null || previous === null
						? null
						: LEVELS.indexOf(level) > LEVELS.indexOf(previous)
							? 'more'
							: LEVELS.indexOf(level) < LEVELS.indexOf(previous)
								? 'less'
								: 'same';
				const written = notes
					.map((key) => row.answers[key])
					.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
				return [plane, { level, change, notes: written }];
			})
		) as NeedsRoundView['planes'];
		rounds.push({ number: index + 1, date, planes });
	}
	return rounds;
}
