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

/**
 * The group as the policy should see it for one of its documents: the whole group for a group
 * document, only the two of the duo for a duo's workspace; null when no such document exists
 * (the socket refuses it like any other document the person may not open).
 */
export async function loadGroupDocumentRef(
	db: Database,
	groupId: string,
	docName: string
): Promise<GroupRef | null> {
	const group = await loadGroupRef(db, groupId);
	if (!group) return null;
	const rows = await db.asService((tx) =>
		tx.query<{ member_a: string | null; member_b: string | null }>(
			`select d.member_a, d.member_b from public.group_documents gd
			 left join public.group_duos d on d.id = gd.duo_id
			 where gd.doc_name = $1 and gd.group_id = $2`,
			[docName, groupId]
		)
	);
	if (!rows[0]) return null;
	const { member_a, member_b } = rows[0];
	if (member_a === null) return group;
	return {
		...group,
		members: group.members.filter((m) => [member_a, member_b].includes(m.userId))
	};
}
