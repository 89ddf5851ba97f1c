import type { ProgramKind } from '$lib/domain/programs/schemas';
import { getTemplate } from '$lib/domain/templates';
import type { Tx } from '$lib/server/db/types';

type Answers = Readonly<Record<string, unknown>>;

const ticks = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, true]));

/**
 * Intake answers of the demo people (by e-mail), varied so that the matching screen shows
 * different scores and every reason it gives is true: each mentor has other strengths, moments,
 * a region and a capacity of two, and each mentee fits one mentor best. No demo answer rules a
 * pair out (every mentor offers the one accessibility need asked; gender wishes are soft), so the
 * coordinator can swap any mentee to any mentor.
 */
export const MATCHING_DEMO_ANSWERS: Readonly<
	Record<string, { form: 'mentee-intake' | 'mentor-self-assessment'; answers: Answers }>
> = {
	'mentor1@example.org': {
		form: 'mentor-self-assessment',
		answers: {
			expertise:
				'Vijftien jaar directeur in het basisonderwijs; begeleidde twee teams door een fusie.',
			'expertise-topics': ticks('pedagogical-leadership', 'team-development', 'career'),
			'interest-topics': ticks('innovation', 'team-development'),
			'experience-years': 15,
			settings: ticks('primary'),
			gender: 'female',
			'accessibility-offers': ticks('online-only', 'quiet-space'),
			capacity: 2,
			availability: ticks('weekday-evening', 'weekend'),
			'meeting-mode': 'both',
			region: 'Antwerpen'
		}
	},
	'mentor2@example.org': {
		form: 'mentor-self-assessment',
		answers: {
			expertise: 'Financieel directeur van een scholengroep; kent de planning van grote scholen.',
			'expertise-topics': ticks('finance', 'organisation', 'quality'),
			'interest-topics': ticks('finance', 'quality'),
			'experience-years': 8,
			settings: ticks('secondary', 'adult'),
			gender: 'male',
			'accessibility-offers': ticks('step-free', 'online-only', 'quiet-space'),
			capacity: 2,
			availability: ticks('weekday-morning', 'weekday-afternoon'),
			'meeting-mode': 'face-to-face',
			region: 'Gent'
		}
	},
	'mentor3@example.org': {
		form: 'mentor-self-assessment',
		answers: {
			expertise: 'Zorgcoördinator en directeur in het buitengewoon onderwijs.',
			'expertise-topics': ticks('communication', 'pupil-support', 'wellbeing'),
			'interest-topics': ticks('wellbeing', 'pupil-support'),
			'experience-years': 20,
			settings: ticks('primary', 'special'),
			gender: 'female',
			'accessibility-offers': ticks('quiet-space', 'easy-language', 'step-free'),
			capacity: 2,
			availability: ticks('weekday-afternoon', 'weekday-evening'),
			'meeting-mode': 'face-to-face',
			region: 'Leuven'
		}
	},
	'mentee1@example.org': {
		form: 'mentee-intake',
		answers: {
			needs: 'Mijn team meenemen in een nieuw pedagogisch project.',
			'support-topics': ticks('pedagogical-leadership', 'team-development'),
			'interest-topics': ticks('innovation'),
			setting: 'primary',
			gender: 'female',
			'mentor-gender-preference': 'none',
			availability: ticks('weekday-evening'),
			'meeting-mode': 'face-to-face',
			region: 'Antwerpen'
		}
	},
	'mentee2@example.org': {
		form: 'mentee-intake',
		answers: {
			needs: 'Grip krijgen op de begroting en de planning van het schooljaar.',
			'support-topics': ticks('finance', 'organisation'),
			'interest-topics': ticks('quality'),
			setting: 'secondary',
			gender: 'male',
			'mentor-gender-preference': 'none',
			availability: ticks('weekday-morning', 'weekday-afternoon'),
			'meeting-mode': 'face-to-face',
			region: 'Gent'
		}
	},
	'mentee3@example.org': {
		form: 'mentee-intake',
		answers: {
			needs: 'Zorgbeleid uitbouwen en zelf overeind blijven.',
			'support-topics': ticks('wellbeing', 'pupil-support'),
			'interest-topics': ticks('pupil-support'),
			setting: 'special',
			gender: 'female',
			'mentor-gender-preference': 'same',
			'gender-preference-required': 'no',
			'accessibility-tags': ticks('quiet-space'),
			availability: ticks('weekday-afternoon'),
			'meeting-mode': 'face-to-face',
			region: 'Leuven'
		}
	},
	'mentee4@example.org': {
		form: 'mentee-intake',
		answers: {
			needs: 'Kiezen hoe ik mijn loopbaan als directeur verder uitbouw.',
			'support-topics': ticks('career', 'communication'),
			'interest-topics': ticks('team-development'),
			setting: 'primary',
			gender: 'male',
			'mentor-gender-preference': 'none',
			availability: ticks('weekend', 'weekday-evening'),
			'meeting-mode': 'online',
			region: 'Antwerpen'
		}
	},
	'mentee5@example.org': {
		form: 'mentee-intake',
		answers: {
			needs: 'Kwaliteitszorg opzetten in een groeiende school.',
			'support-topics': ticks('quality', 'organisation'),
			'interest-topics': ticks('finance'),
			setting: 'adult',
			gender: 'female',
			'mentor-gender-preference': 'none',
			availability: ticks('weekday-afternoon', 'weekday-evening'),
			'meeting-mode': 'both',
			region: 'Gent'
		}
	}
};

/** Programmes whose demo people have filled in their intake (not the learning community). */
export const MATCHING_DEMO_KINDS: readonly ProgramKind[] = [
	'school_leader',
	'teacher_induction',
	'youth'
];

/**
 * Stores the demo intake answers in one programme, in the seed's service-role transaction.
 * Does nothing for a kind without matching.
 */
export async function seedMatchingDemo(
	tx: Tx,
	programId: string,
	kind: ProgramKind,
	idOf: (email: string) => string
): Promise<void> {
	if (!MATCHING_DEMO_KINDS.includes(kind)) return;
	for (const [email, { form, answers }] of Object.entries(MATCHING_DEMO_ANSWERS)) {
		await tx.query(
			`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers)
			 values ($1, $2, $3, $4, $5)`,
			[programId, idOf(email), form, getTemplate(form)?.version ?? 1, answers]
		);
	}
}
