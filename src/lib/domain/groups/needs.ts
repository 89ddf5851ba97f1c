/**
 * The needs analysis of a learning community (seed 004: "Via een beginsituatieanalyse en
 * zelfevaluatie leer je jouw noden als schoolleider benoemen"): one theme per aim of the track,
 * in the seed's wording, each rated from 1 (no need for support) to 4 (a great need). Filled at
 * the start and again at the end of each year, so the change shows.
 */

export const NEEDS_MOMENTS = ['start', 'year1_end', 'year2_end'] as const;
export type NeedsMoment = (typeof NEEDS_MOMENTS)[number];

export const NEEDS_SCALE = [1, 2, 3, 4] as const;

export interface NeedsTheme {
	key: string;
	nl: string;
	en: string;
}

export const NEEDS_THEMES: readonly NeedsTheme[] = [
	{
		key: 'pedagogy',
		nl: 'Pedagogisch-didactische benaderingen en praktijkvoorbeelden (m.i.v. het inspelen op een grootstedelijke context)',
		en: 'Pedagogical-didactic approaches and practice examples (including responding to a metropolitan context)'
	},
	{
		key: 'vision_planning',
		nl: 'Participatieve visieontwikkeling en strategische planning (zelfevaluatie, prioriteitenbepaling, formulering van kritische succesfactoren)',
		en: 'Participatory vision development and strategic planning (self-evaluation, setting priorities, critical success factors)'
	},
	{
		key: 'policy_interplay',
		nl: 'De wisselwerking tussen onderwijskundig beleid, HRD-beleid (inclusief professionaliseringsbeleid) en het werken met leergemeenschappen',
		en: 'The interplay between educational policy, HRD policy (including professional development) and working with learning communities'
	},
	{
		key: 'wellbeing',
		nl: 'Een HRD-beleid dat voortdurend het welbevinden en de draagkracht van het schoolteam bewaakt',
		en: 'An HRD policy that keeps watching over the wellbeing and resilience of the school team'
	},
	{
		key: 'learning_gaps',
		nl: 'Brede basiszorg, preventie en remediëring van leerachterstanden in de klas- en begeleidingspraktijk',
		en: 'Broad basic care, prevention and remediation of learning gaps in classroom and support practice'
	},
	{
		key: 'co_creation',
		nl: 'Het co-creatief vormgeven van het onderwijskundig beleid in de eigen school via vormen van leergemeenschappen',
		en: 'Shaping educational policy in one’s own school co-creatively through learning communities'
	},
	{
		key: 'collective_learning',
		nl: 'Collectief leren opstarten en stimuleren, als architect, inspirator en coach-the-coach',
		en: 'Starting and stimulating collective learning, as architect, inspirer and coach-the-coach'
	},
	{
		key: 'leadership',
		nl: 'Persoonlijke leiderschapsontwikkeling in interactie met het voeren van een schoolbeleid',
		en: 'Personal leadership development in interaction with running school policy'
	},
	{
		key: 'coaching',
		nl: 'Structuren voor individueel waarderend coachen en het bewaken van draagkracht, ook bij jezelf als leider',
		en: 'Structures for individual appreciative coaching and watching over resilience, your own as a leader too'
	}
];
