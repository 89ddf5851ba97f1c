/**
 * Learning-community reads, as the person: row-level security decides what each sees (a member
 * never receives another's private reflection; the coordinator gets counts, never reflections).
 */
import {
	compositionWarnings,
	type CompositionWarning,
	type GroupDocumentKind,
	type SchoolFunction
} from '$lib/domain/groups/schemas';
import type { GroupKind, GroupRole, ShareScope } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';

export interface School {
	id: string;
	name: string;
	schoolGroup: string;
	region: string;
}

export interface Participant {
	userId: string;
	name: string;
	programRole: string;
	schoolId: string | null;
	function: SchoolFunction | null;
}

export interface GroupMember {
	userId: string;
	name: string;
	role: GroupRole;
	schoolId: string | null;
	schoolName: string | null;
}

export interface AdminGroup {
	id: string;
	kind: GroupKind;
	name: string;
	/** The pseudonym that stands for the group in monitoring (G-01 …). */
	pseudonym: string;
	selfSteeringSince: string | null;
	members: (GroupMember & { kept: number; shared: number })[];
	warnings: CompositionWarning[];
}

/** The coordinator's groups page: schools, participants with their school, groups, engagement. */
export async function loadGroupsAdmin(db: Database, claims: JwtClaims, programId: string) {
	return db.asUser(claims, async (tx) => {
		const schools = await tx.query<School>(
			`select id, name, school_group as "schoolGroup", region from public.schools
			 where program_id = $1 order by lower(name)`,
			[programId]
		);
		const participants = await tx.query<Participant>(
			`select m.user_id as "userId", coalesce(p.display_name, p.email) as name, m.role as "programRole",
				sm.school_id as "schoolId", sm.function
			 from public.memberships m
			 join public.profiles p on p.id = m.user_id
			 left join public.school_members sm on sm.program_id = m.program_id and sm.user_id = m.user_id
			 where m.program_id = $1 and m.status = 'active' and m.role <> 'coordinator'
			 order by lower(p.display_name)`,
			[programId]
		);
		const groups = await tx.query<Omit<AdminGroup, 'members' | 'warnings'>>(
			`select id, kind, name, pseudonym, to_char(self_steering_since, 'YYYY-MM-DD') as "selfSteeringSince"
			 from public.groups where program_id = $1 order by kind, lower(name)`,
			[programId]
		);
		const members = await tx.query<GroupMember & { groupId: string }>(
			`select gm.group_id as "groupId", gm.user_id as "userId", coalesce(p.display_name, p.email) as name,
				gm.role, gm.school_id as "schoolId", s.name as "schoolName"
			 from public.group_members gm
			 join public.groups g on g.id = gm.group_id and g.program_id = $1
			 join public.profiles p on p.id = gm.user_id
			 left join public.schools s on s.id = gm.school_id
			 order by gm.role, lower(s.name), lower(p.display_name)`,
			[programId]
		);
		const result: AdminGroup[] = [];
		for (const group of groups) {
			const counts = await tx.query<{ user_id: string; kept: number; shared: number }>(
				'select user_id, kept, shared from public.group_reflection_counts($1)',
				[group.id]
			);
			const own = members.filter((mm) => mm.groupId === group.id);
			result.push({
				...group,
				members: own.map((mm) => {
					const c = counts.find((x) => x.user_id === mm.userId);
					return {
						userId: mm.userId,
						name: mm.name,
						role: mm.role,
						schoolId: mm.schoolId,
						schoolName: mm.schoolName,
						kept: c?.kept ?? 0,
						shared: c?.shared ?? 0
					};
				}),
				warnings: compositionWarnings(own)
			});
		}
		return { schools, participants, groups: result };
	});
}

export interface MyGroup {
	id: string;
	name: string;
	kind: GroupKind;
	programName: string;
	myRole: GroupRole;
}

/** The groups the person is in (home page, navigation). */
export async function listMyGroups(db: Database, claims: JwtClaims): Promise<MyGroup[]> {
	return db.asUser(claims, (tx) =>
		tx.query<MyGroup>(
			`select g.id, g.name, g.kind, pr.name as "programName", gm.role as "myRole"
			 from public.group_members gm
			 join public.groups g on g.id = gm.group_id
			 join public.programs pr on pr.id = g.program_id
			 where gm.user_id = $1 and public.is_program_member(g.program_id)
			 order by lower(g.name)`,
			[claims.sub]
		)
	);
}

export interface GroupDocumentRow {
	id: string;
	/** `duo_workspace`: a peer coaching duo's workspace (only the two read its row). */
	kind: GroupDocumentKind | 'duo_workspace';
	title: string;
	docName: string;
	schoolName: string | null;
}

export interface ReflectionRow {
	id: string;
	title: string;
	docName: string;
	authorId: string;
	authorName: string;
	shareScope: ShareScope | null;
	sharedAt: string | null;
	createdAt: string;
	/** The meeting it reflects on (a prompted reflection), and whether its author chose to share. */
	groupMeetingId: string | null;
	shareDecided: boolean;
}

const REFLECTION_COLUMNS = `r.id, r.title, r.doc_name as "docName", r.author_id as "authorId",
	coalesce(p.display_name, p.email, '') as "authorName", r.share_scope as "shareScope",
	r.shared_at as "sharedAt", r.created_at as "createdAt", r.group_meeting_id as "groupMeetingId",
	r.share_decided_at is not null as "shareDecided"`;

/** A group's space as one member sees it. */
export async function loadGroupSpace(db: Database, claims: JwtClaims, groupId: string) {
	return db.asUser(claims, async (tx) => {
		const group = await tx.query<{
			id: string;
			name: string;
			kind: GroupKind;
			programName: string;
			selfSteeringSince: string | null;
		}>(
			`select g.id, g.name, g.kind, pr.name as "programName",
				to_char(g.self_steering_since, 'YYYY-MM-DD') as "selfSteeringSince"
			 from public.groups g join public.programs pr on pr.id = g.program_id where g.id = $1`,
			[groupId]
		);
		if (!group[0]) return null;
		const members = await tx.query<GroupMember>(
			`select gm.user_id as "userId", coalesce(p.display_name, '') as name, gm.role,
				gm.school_id as "schoolId", s.name as "schoolName"
			 from public.group_members gm
			 left join public.profiles p on p.id = gm.user_id
			 left join public.schools s on s.id = gm.school_id
			 where gm.group_id = $1
			 order by gm.role, lower(s.name), lower(p.display_name)`,
			[groupId]
		);
		const documents = await tx.query<GroupDocumentRow>(
			`select d.id, d.kind, d.title, d.doc_name as "docName", s.name as "schoolName"
			 from public.group_documents d left join public.schools s on s.id = d.school_id
			 where d.group_id = $1 and d.duo_id is null
			 order by array_position(array['agenda', 'intervision_notes', 'action_plan', 'school_actions'], d.kind),
				d.created_at, d.title`,
			[groupId]
		);
		const reflections = await tx.query<ReflectionRow>(
			`select ${REFLECTION_COLUMNS}
			 from public.reflections r left join public.profiles p on p.id = r.author_id
			 where r.group_id = $1 order by r.created_at desc`,
			[groupId]
		);
		return {
			group: group[0],
			members,
			documents,
			mine: reflections.filter((r) => r.authorId === claims.sub),
			sharedWithMe: reflections.filter((r) => r.authorId !== claims.sub)
		};
	});
}

export async function loadGroupDocument(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	docId: string
): Promise<GroupDocumentRow | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<GroupDocumentRow>(
			`select d.id, d.kind, d.title, d.doc_name as "docName", s.name as "schoolName"
			 from public.group_documents d left join public.schools s on s.id = d.school_id
			 where d.group_id = $1 and d.id = $2`,
			[groupId, docId]
		)
	);
	return rows[0] ?? null;
}

export async function loadReflection(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	reflectionId: string
): Promise<ReflectionRow | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<ReflectionRow>(
			`select ${REFLECTION_COLUMNS}
			 from public.reflections r left join public.profiles p on p.id = r.author_id
			 where r.group_id = $1 and r.id = $2`,
			[groupId, reflectionId]
		)
	);
	return rows[0] ?? null;
}
