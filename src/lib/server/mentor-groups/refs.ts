import type { MentorGroupRef } from '$lib/domain/policy';
import { isUuid } from '$lib/server/db/transaction';
import type { Database } from '$lib/server/db/types';

/**
 * The facts the policy needs about a mentor group, read as the service: the policy, not RLS,
 * decides what the caller may do with them (route guards and the WebSocket handshake use this).
 */
export async function loadMentorGroupRef(
	db: Database,
	groupId: string
): Promise<MentorGroupRef | null> {
	if (!isUuid(groupId)) return null;
	return db.asService(async (tx) => {
		const groups = await tx.query<{ id: string; program_id: string; mentor_id: string }>(
			'select id, program_id, mentor_id from public.mentor_groups where id = $1',
			[groupId]
		);
		if (!groups[0]) return null;
		const teachers = await tx.query<{ user_id: string }>(
			'select user_id from public.mentor_group_members where group_id = $1',
			[groupId]
		);
		return {
			id: groups[0].id,
			programId: groups[0].program_id,
			mentorId: groups[0].mentor_id,
			teacherIds: teachers.map((t) => t.user_id)
		};
	});
}

/** The template key of a group sheet by its document name, or null when there is none. */
export async function mentorGroupSheetKey(
	db: Database,
	groupId: string,
	docName: string
): Promise<string | null> {
	const rows = await db.asService((tx) =>
		tx.query<{ template_key: string }>(
			'select template_key from public.mentor_group_sheets where group_id = $1 and doc_name = $2',
			[groupId, docName]
		)
	);
	return rows[0]?.template_key ?? null;
}
