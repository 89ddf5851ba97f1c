import { insertUser } from '$lib/server/auth/local';
import type { Tx } from '$lib/server/db/types';
import { insertPair } from '$lib/server/pairs/commands';

/** The teacher-induction demo pair: a mentor and a beginning teacher in that programme only. */
export const TEACHER_DEMO_ACCOUNTS = [
	{ email: 'mentor4@example.org', name: 'Kris Mertens', role: 'mentor' },
	{ email: 'mentee6@example.org', name: 'Lotte Vermeulen', role: 'mentee' }
] as const;
export const TEACHER_DEMO_PAIRS = 1;

/**
 * A pair in the teacher-induction programme, with two rounds of the beginning teacher's needs
 * questionnaire (at the start and a month later), so the mentor's "Noden van je mentee" card has
 * rounds to compare. Its two people belong to this programme only, and the mentor said they take
 * one mentee, so the programme's matching still proposes the other mentees to the other mentors.
 * Runs in the seed's service-role transaction.
 */
export async function seedTeacherDemo(
	tx: Tx,
	programId: string,
	options: { passwordHash: string; startsOn: string }
): Promise<void> {
	const ids: string[] = [];
	for (const account of TEACHER_DEMO_ACCOUNTS) {
		const id = await insertUser(tx, account.email, options.passwordHash, account.name);
		await tx.query(
			'insert into public.memberships (program_id, user_id, role) values ($1, $2, $3)',
			[programId, id, account.role]
		);
		ids.push(id);
	}
	const [mentorId, menteeId] = ids;
	await tx.query(
		`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers)
		 values ($1, $2, 'mentor-self-assessment', 1, '{"capacity": 1}')`,
		[programId, mentorId]
	);
	await insertPair(tx, { programId, mentorId, menteeId, firstMeetingOn: options.startsOn });
	const rounds = [
		{
			days: 45,
			answers: {
				'personal-need': 'much',
				'social-need': 'some',
				'professional-need': 'some',
				stress: 'De eerste weken waren overweldigend: veel nieuwe namen en regels.',
				team: 'Ik ken nog weinig collega’s buiten mijn vakgroep.'
			}
		},
		{
			days: 10,
			answers: {
				'personal-need': 'some',
				'social-need': 'some',
				'professional-need': 'much',
				confidence: 'Het gaat beter; ik wil vooral leren differentiëren.',
				'school-culture': 'Hoe werken de vakgroep en de leerlingenbegeleiding samen?'
			}
		}
	];
	for (const round of rounds) {
		await tx.query(
			`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers, submitted_at)
			 values ($1, $2, 'teacher-needs', 1,
				$3::jsonb || jsonb_build_object('date', to_char(now() - make_interval(days => $4), 'YYYY-MM-DD')),
				now() - make_interval(days => $4))`,
			[programId, menteeId, round.answers, round.days]
		);
	}
}
