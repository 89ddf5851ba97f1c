import { insertUser } from '$lib/server/auth/local';
import type { Tx } from '$lib/server/db/types';
import { insertPair } from '$lib/server/pairs/commands';
import { TEACHER_DEMO_ACCOUNTS } from './teacher-demo';

/**
 * The teacher-induction programme's mentor models (003…): a pool of mentors, where the beginning
 * teacher Lotte Vermeulen has a subject mentor (Kris Mertens, the teacher demo's pair) and a
 * school mentor (Nadia Wuyts), each pair with its own workspace; and the school leader Marc
 * Desmet, an observer of the programme, recorded as her evaluator: never her mentor, and he
 * reads nothing of her mentoring. Both people belong to this programme only.
 */
export const POOL_DEMO_ACCOUNTS = [
	{ email: 'mentor6@example.org', name: 'Nadia Wuyts', role: 'mentor' },
	{ email: 'directeur@example.org', name: 'Marc Desmet', role: 'observer' }
] as const;
export const POOL_DEMO_PAIRS = 1;

/** Runs in the seed's service-role transaction, after the teacher demo. */
export async function seedMentorPoolDemo(
	tx: Tx,
	programId: string,
	options: { passwordHash: string; startsOn: string }
): Promise<void> {
	const ids: string[] = [];
	for (const account of POOL_DEMO_ACCOUNTS) {
		const id = await insertUser(tx, account.email, options.passwordHash, account.name);
		await tx.query(
			'insert into public.memberships (program_id, user_id, role) values ($1, $2, $3)',
			[programId, id, account.role]
		);
		ids.push(id);
	}
	const [mentorId, leaderId] = ids;
	const [teacher] = await tx.query<{ id: string }>('select id from auth.users where email = $1', [
		TEACHER_DEMO_ACCOUNTS[1].email
	]);
	await tx.query('update public.programs set mentor_pool = true where id = $1', [programId]);
	await tx.query(
		"update public.pairs set label = 'vakmentor' where program_id = $1 and mentee_id = $2",
		[programId, teacher.id]
	);
	// The school mentor takes this one teacher (matching leaves her out for the others).
	await tx.query(
		`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers)
		 values ($1, $2, 'mentor-self-assessment', 1, '{"capacity": 1}')`,
		[programId, mentorId]
	);
	await insertPair(tx, {
		programId,
		mentorId,
		menteeId: teacher.id,
		firstMeetingOn: options.startsOn,
		label: 'schoolmentor'
	});
	await tx.query(
		'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id) values ($1, $2, $3)',
		[programId, leaderId, teacher.id]
	);
}
