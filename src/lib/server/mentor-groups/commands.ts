import { randomUUID } from 'node:crypto';
import { GROUP_SHEET_KEYS, type MentorGroupInput } from '$lib/domain/mentor-groups';
import { getTemplate } from '$lib/domain/templates';
import { formatDocumentName } from '$lib/shared/collab';
import { audit } from '$lib/server/audit';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';

/**
 * The coordinator composes a mentor group in a teacher-induction programme: the programme's
 * mentor, its beginning teachers (mentees), and the group's sheets (GROUP_SHEET_KEYS). As the
 * coordinator, so row-level security checks every row too (roles, programme).
 */
export async function createMentorGroup(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: MentorGroupInput
): Promise<string> {
	const id = randomUUID();
	await db.asUser(claims, async (tx) => {
		const program = await tx.query<{ kind: string }>(
			'select kind from public.programs where id = $1 and public.is_program_coordinator(id)',
			[programId]
		);
		if (!program[0]) throw new DomainError('not_found', 'not_found');
		if (program[0].kind !== 'teacher_induction') {
			throw new DomainError('invalid', 'gm_not_teacher_programme');
		}
		const roles = await tx.query<{ user_id: string; role: string }>(
			`select user_id, role from public.memberships
			 where program_id = $1 and status = 'active' and user_id = any($2::uuid[])`,
			[programId, [input.mentorId, ...input.teacherIds]]
		);
		const roleOf = new Map(roles.map((r) => [r.user_id, r.role]));
		if (roleOf.get(input.mentorId) !== 'mentor') throw new DomainError('invalid', 'gm_bad_mentor');
		if (input.teacherIds.some((t) => roleOf.get(t) !== 'mentee')) {
			throw new DomainError('invalid', 'gm_bad_teacher');
		}
		const grouped = await tx.query(
			`select 1 from public.mentor_group_members gm
			 join public.mentor_groups g on g.id = gm.group_id
			 where g.program_id = $1 and gm.user_id = any($2::uuid[])`,
			[programId, input.teacherIds]
		);
		if (grouped.length) throw new DomainError('conflict', 'gm_teacher_in_group');
		await tx.query(
			'insert into public.mentor_groups (id, program_id, name, mentor_id) values ($1, $2, $3, $4)',
			[id, programId, input.name, input.mentorId]
		);
		for (const teacher of input.teacherIds) {
			await tx.query(
				'insert into public.mentor_group_members (group_id, user_id) values ($1, $2)',
				[id, teacher]
			);
		}
		for (const key of GROUP_SHEET_KEYS) {
			const template = getTemplate(key);
			if (!template) throw new Error(`unknown template ${key}`);
			const sheetId = randomUUID();
			await tx.query(
				`insert into public.mentor_group_sheets (id, group_id, template_key, template_version, doc_name)
				 values ($1, $2, $3, $4, $5)`,
				[
					sheetId,
					id,
					key,
					template.version,
					formatDocumentName({ kind: 'mgroup-sheet', mentorGroupId: id, sheetId })
				]
			);
		}
		await audit(tx, 'mentor_group.create', 'mentor_group', id, programId, {
			teachers: input.teacherIds.length
		});
	});
	return id;
}
