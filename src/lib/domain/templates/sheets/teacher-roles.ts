import type { LocalizedText, Section, Template } from '../types';
import { choice, date, opt, rich, section, t, text } from '../builders';

/** One role of the professional profile: its key, its name as a noun phrase and the seed's example. */
export interface TeacherRole {
	readonly key: string;
	readonly name: LocalizedText;
	readonly example: LocalizedText;
}

/**
 * The ten roles of the beroepsprofiel van de leraar, in the seed's own wording and order
 * (`003…` L117–143: "Ze zien de leraar als: 1. begeleider van leer- en ontwikkelingsprocessen …").
 */
export const TEACHER_ROLES: readonly TeacherRole[] = [
	{
		key: 'learning-guide',
		name: t(
			'begeleider van leer- en ontwikkelingsprocessen',
			'guide of learning and development processes'
		),
		example: t(
			'bv. de leerkracht kan de beginsituatie van de leerling en van de groep achterhalen',
			'e.g. the teacher can find out the beginning situation of the pupil and of the group'
		)
	},
	{
		key: 'educator',
		name: t('opvoeder', 'educator'),
		example: t(
			'bv. de leerkracht kan een positief klimaat creëren voor de lerende',
			'e.g. the teacher can create a positive climate for the learner'
		)
	},
	{
		key: 'content-expert',
		name: t('inhoudelijke expert', 'subject expert'),
		example: t(
			'bv. de leerkracht beheerst de kennis en vaardigheden met betrekking tot zijn leergebied of vak',
			'e.g. the teacher masters the knowledge and skills of their learning area or subject'
		)
	},
	{
		key: 'organiser',
		name: t('organisator', 'organiser'),
		example: t(
			'bv. de leerkracht kan een vlot lopende en efficiënte les geven',
			'e.g. the teacher can give a smoothly running and efficient lesson'
		)
	},
	{
		key: 'innovator',
		name: t('innovator en onderzoeker', 'innovator and researcher'),
		example: t(
			'bv. de leerkracht kan de kwaliteit van het onderwijs verbeteren door onderzoek te gebruiken of kritisch te reflecteren over de eigen praktijk',
			'e.g. the teacher can improve the quality of education by using research or by reflecting critically on their own practice'
		)
	},
	{
		key: 'parents-partner',
		name: t('partner van de ouders of verzorgers', 'partner of parents or carers'),
		example: t(
			'bv. de leerkracht kan zich informeren over de leerling of communiceren met ouders of verzorgers',
			'e.g. the teacher can find out about the pupil or communicate with parents or carers'
		)
	},
	{
		key: 'team-member',
		name: t('lid van een schoolteam', 'member of a school team'),
		example: t(
			'bv. de leerkracht kan samenwerken binnen het schoolteam',
			'e.g. the teacher can work together within the school team'
		)
	},
	{
		key: 'external-partner',
		name: t('partner van externen', 'partner of external parties'),
		example: t(
			'bv. de leerkracht kan contacten leggen en onderhouden met externe partners, zoals de brede socio-culturele sector, onderzoekers of instellingen voor hoger onderwijs',
			'e.g. the teacher can make and keep contacts with external partners, such as the wider socio-cultural sector, researchers or institutions of higher education'
		)
	},
	{
		key: 'education-community',
		name: t('lid van de onderwijsgemeenschap', 'member of the education community'),
		example: t(
			'bv. de leerkracht is zich bewust van zijn rol en invloed op de samenleving',
			'e.g. the teacher is aware of their role and influence on society'
		)
	},
	{
		key: 'culture-participant',
		name: t('cultuurparticipant', 'participant in culture'),
		example: t(
			"bv. de leerkracht kan een reeks sociaalpolitieke, sociaaleconomische of culturele thema's benaderen",
			'e.g. the teacher can approach a range of socio-political, socio-economic or cultural themes'
		)
	}
];

/** The self-rating scale, from "just starting" to "a strength of mine". */
const SCALE = [
	opt('starting', 'Ik sta nog aan het begin', 'I am just starting'),
	opt('growing', 'Ik ben aan het groeien', 'I am growing'),
	opt('confident', 'Ik voel me zeker', 'I feel confident'),
	opt('strength', 'Dit is een sterkte van mij', 'This is a strength of mine')
];

function roleSection(role: TeacherRole, index: number): Section {
	const n = index + 1;
	return section(
		role.key,
		t(`${n}. De leraar als ${role.name.nl}`, `${n}. The teacher as ${role.name.en}`),
		[
			choice(
				`${role.key}-rating`,
				t(`Hoe sta ik er nu voor als ${role.name.nl}?`, `Where do I stand now as ${role.name.en}?`),
				SCALE
			),
			rich(
				`${role.key}-strengths`,
				t(`Mijn sterktes als ${role.name.nl}`, `My strengths as ${role.name.en}`)
			),
			rich(
				`${role.key}-growth`,
				t(
					`Waarin wil ik groeien als ${role.name.nl}?`,
					`Where do I want to grow as ${role.name.en}?`
				),
				{ planGoal: true }
			)
		],
		t(
			`De leraar als ${role.name.nl} (${role.example.nl}).`,
			`The teacher as ${role.name.en} (${role.example.en}).`
		)
	);
}

/**
 * Zelfevaluatie tegenover de tien rollen van het beroepsprofiel van de leraar (`003…` L117–143):
 * "Het beroepsprofiel … en de basiscompetenties van de leerkracht … vereisen dat alle leerkrachten,
 * ook beginnende, specifieke competenties ontwikkelen". Per role a self-rating, strengths and a
 * growth wish; a growth wish becomes a goal of the development plan (04's action plan) with one
 * button (`planGoal`), as the framework makes professional development the aim of induction (L113).
 */
export const teacherRoles: Template = {
	key: 'teacher-roles',
	version: 1,
	title: t(
		'Zelfevaluatie: de tien rollen van het beroepsprofiel',
		'Self-assessment: the ten roles of the professional profile'
	),
	phase: 'SD',
	mode: 'either',
	instances: 'single',
	filledBy: ['mentee'],
	reviewedBy: ['mentor'],
	readers: ['mentor', 'mentee'],
	source: { file: '003_b2b14fc9eb67e501.txt', line: 117 },
	intro: t(
		'Het beroepsprofiel en de basiscompetenties van de leerkracht vereisen dat alle leerkrachten, ook beginnende, specifieke competenties ontwikkelen die hen definiëren als professionals. Geef per rol aan hoe je er nu voor staat, wat je sterktes zijn en waarin je wilt groeien. Een groeiwens kan met één knop een doel worden in je ontwikkelingsplan.',
		'The professional profile and the basic competences of the teacher require all teachers, beginning ones too, to develop specific competences that define them as professionals. For each role, say where you stand now, what your strengths are and where you want to grow. A growth wish can become a goal in your development plan with one button.'
	),
	sections: [
		section('details', t('Gegevens', 'Details'), [
			text('mentee-name', t('Naam van de beginnende leerkracht', "Beginning teacher's name"), {
				prefill: 'mentee-name'
			}),
			date('date', t('Datum', 'Date'), { prefill: 'today' })
		]),
		...TEACHER_ROLES.map(roleSection),
		section('mentor', t('Reactie van de mentor', "The mentor's response"), [
			rich(
				'mentor-response',
				t(
					'Wat herken je als mentor, en waar wil je bij helpen?',
					'What do you recognise as a mentor, and what do you want to help with?'
				)
			)
		])
	]
};
