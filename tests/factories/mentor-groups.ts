import { randomUUID } from 'node:crypto';
import { GROUP_SHEET_KEYS } from '$lib/domain/mentor-groups';
import type { Database } from '$lib/server/db/types';

/** A mentor group of a programme's mentor and teachers with its sheets, through the service role. */
export async function buildMentorGroup(
	db: Database,
	programId: string,
	mentorId: string,
	teacherIds: readonly string[],
	name = 'Groep'
): Promise<{ group: string; sheets: Record<string, { id: string; docName: string }> }> {
	return db.asService(async (tx) => {
		const group = randomUUID();
		await tx.query(
			'insert into public.mentor_groups (id, program_id, name, mentor_id) values ($1, $2, $3, $4)',
			[group, programId, name, mentorId]
		);
		for (const teacher of teacherIds) {
			await tx.query(
				'insert into public.mentor_group_members (group_id, user_id) values ($1, $2)',
				[group, teacher]
			);
		}
		const sheets: Record<string, { id: string; docName: string }> = {};
		for (const key of GROUP_SHEET_KEYS) {
			const id = randomUUID();
			const docName = `mgroup/${group}/sheet/${id}`;
			await tx.query(
				`insert into public.mentor_group_sheets (id, group_id, template_key, template_version, doc_name)
				 values ($1, $2, $3, 1, $4)`,
				[id, group, key, docName]
			);
			sheets[key] = { id, docName };
		}
		return { group, sheets };
	});
}
