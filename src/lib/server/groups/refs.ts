import type { GroupRef, GroupRole, ReflectionRef, ShareScope } from '$lib/domain/policy';
import { isUuid } from '$lib/server/db/transaction';
import type { Database } from '$lib/server/db/types';

/**
 * The facts the policy needs about a group, read as the service: the policy, not RLS, decides
 * what the caller may do with them (the WebSocket handshake and route guards use this).
 */
export async function loadGroupRef(db: Database, groupId: string): Promise<GroupRef | null> {
	if (!isUuid(groupId)) return null;
	return db.asService(async (tx) => {
		const groups = await tx.query<{ id: string; program_id: string; since: string | null }>(
			`select id, program_id, to_char(self_steering_since, 'YYYY-MM-DD') as since
			 from public.groups where id = $1`,
			[groupId]
		);
		if (!groups[0]) return null;
		const members = await tx.query<{ user_id: string; role: GroupRole; school_id: string | null }>(
			'select user_id, role, school_id from public.group_members where group_id = $1',
			[groupId]
		);
		return {
			id: groups[0].id,
			programId: groups[0].program_id,
			selfSteeringSince: groups[0].since,
			members: members.map((m) => ({ userId: m.user_id, role: m.role, schoolId: m.school_id }))
		};
	});
}

/** A reflection with its group, for the policy; null when either does not exist. */
export async function loadReflectionRef(
	db: Database,
	reflectionId: string
): Promise<ReflectionRef | null> {
	if (!isUuid(reflectionId)) return null;
	const rows = await db.asService((tx) =>
		tx.query<{ author_id: string; group_id: string; share_scope: ShareScope | null }>(
			'select author_id, group_id, share_scope from public.reflections where id = $1',
			[reflectionId]
		)
	);
	if (!rows[0]) return null;
	const group = await loadGroupRef(db, rows[0].group_id);
	if (!group) return null;
	return {
		id: reflectionId,
		authorId: rows[0].author_id,
		group,
		shareScope: rows[0].share_scope
	};
}

/** Whether a group document with this name exists (the socket refuses names that do not). */
export async function groupDocumentExists(db: Database, docName: string): Promise<boolean> {
	const rows = await db.asService((tx) =>
		tx.query('select 1 from public.group_documents where doc_name = $1', [docName])
	);
	return rows.length > 0;
}
