import { GROUP_SHEET_KEYS } from '$lib/domain/mentor-groups';
import { getTemplate } from '$lib/domain/templates';
import { formatDocumentName } from '$lib/shared/collab';
import { insertUser } from '$lib/server/auth/local';
import type { Tx } from '$lib/server/db/types';
import { randomUUID } from 'node:crypto';

/** The group-mentoring demo: a mentor and three beginning teachers, in that programme only. */
export const GROUP_MENTORING_DEMO_ACCOUNTS = [
	{ email: 'mentor5@example.org', name: 'Nadia Bouzid', role: 'mentor' },
	{ email: 'mentee7@example.org', name: 'Ruben De Smet', role: 'mentee' },
	{ email: 'mentee8@example.org', name: 'Sara Lemmens', role: 'mentee' },
	{ email: 'mentee9@example.org', name: 'Tom Verhoeven', role: 'mentee' }
] as const;
export const GROUP_MENTORING_DEMO_NAME = 'Startersgroep eerste graad';

/**
 * One mentor group in the teacher-induction programme (issue #14, group mentoring): its mentor
 * and three beginning teachers share the group's sheets; each keeps a private logbook. Its people
 * are in this programme only and are left out of matching (the group is their mentoring).
 * Runs in the seed's service-role transaction.
 */
export async function seedGroupMentoringDemo(
	tx: Tx,
	programId: string,
	options: { passwordHash: string }
): Promise<void> {
	const ids: string[] = [];
	for (const account of GROUP_MENTORING_DEMO_ACCOUNTS) {
		const id = await insertUser(tx, account.email, options.passwordHash, account.name);
		await tx.query(
			'insert into public.memberships (program_id, user_id, role) values ($1, $2, $3)',
			[programId, id, account.role]
		);
		ids.push(id);
	}
	const [mentorId, ...teacherIds] = ids;
	const groupId = randomUUID();
	await tx.query(
		'insert into public.mentor_groups (id, program_id, name, mentor_id) values ($1, $2, $3, $4)',
		[groupId, programId, GROUP_MENTORING_DEMO_NAME, mentorId]
	);
	for (const teacher of teacherIds) {
		await tx.query('insert into public.mentor_group_members (group_id, user_id) values ($1, $2)', [
			groupId,
			teacher
		]);
	}
	for (const key of GROUP_SHEET_KEYS) {
		const sheetId = randomUUID();
		await tx.query(
			`insert into public.mentor_group_sheets (id, group_id, template_key, template_version, doc_name)
			 values ($1, $2, $3, $4, $5)`,
			[
				sheetId,
				groupId,
				key,
				getTemplate(key)?.version ?? 1,
				formatDocumentName({ kind: 'mgroup-sheet', mentorGroupId: groupId, sheetId })
			]
		);
	}
}
