/**
 * Learning-community commands: each opens and owns its transaction as the person, so row-level
 * security checks every write once more. Commands that change who may open a document return
 * the people whose open sockets must be re-checked; the route hands them to the access events.
 */
import { randomUUID } from 'node:crypto';
import {
	STARTING_DOCUMENTS,
	type GroupDocumentKind,
	type GroupInput,
	type SchoolFunction,
	type SchoolInput
} from '$lib/domain/groups/schemas';
import type { GroupRole, ShareScope } from '$lib/domain/policy';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '$lib/server/context';

const TITLES: Record<Exclude<GroupDocumentKind, 'school_actions'>, string> = {
	agenda: 'Agenda',
	intervision_notes: 'Intervisienotities',
	action_plan: 'Actieplan'
};

async function insertDocument(
	tx: Tx,
	groupId: string,
	kind: GroupDocumentKind,
	title: string,
	createdBy: string,
	schoolId: string | null = null
): Promise<string> {
	const id = randomUUID();
	await tx.query(
		`insert into public.group_documents (id, group_id, kind, school_id, title, doc_name, created_by)
		 values ($1, $2, $3, $4, $5, $6, $7)`,
		[id, groupId, kind, schoolId, title, `group/${groupId}/doc/${id}`, createdBy]
	);
	return id;
}

/** RLS hides what the person may not touch: an update that matched nothing is a 404. */
function found(rows: unknown[]): void {
	if (rows.length === 0) throw new DomainError('not_found', 'not_found');
}

export async function createSchool(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: SchoolInput
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const exists = await tx.query(
			'select 1 from public.schools where program_id = $1 and lower(name) = lower($2)',
			[programId, input.name]
		);
		if (exists.length) throw new DomainError('conflict', 'group_school_exists');
		await tx.query(
			'insert into public.schools (program_id, name, school_group, region) values ($1, $2, $3, $4)',
			[programId, input.name, input.schoolGroup, input.region]
		);
		await audit(tx, 'school.create', 'school', null, programId);
	});
}

export async function updateSchool(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: SchoolInput & { schoolId: string }
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const clash = await tx.query(
			'select 1 from public.schools where program_id = $1 and lower(name) = lower($2) and id <> $3',
			[programId, input.name, input.schoolId]
		);
		if (clash.length) throw new DomainError('conflict', 'group_school_exists');
		found(
			await tx.query(
				`update public.schools set name = $3, school_group = $4, region = $5, updated_at = now()
				 where id = $1 and program_id = $2 returning id`,
				[input.schoolId, programId, input.name, input.schoolGroup, input.region]
			)
		);
		await audit(tx, 'school.update', 'school', input.schoolId, programId);
	});
}

/**
 * Places a participant in a school with their function. Their memberships of the programme's
 * groups follow the new school, so a group never shows someone for a school they left. Returns
 * the people of those groups: who reads a reflection shared with a school may have changed.
 */
export async function placeParticipant(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: { userId: string; schoolId: string; function: SchoolFunction }
): Promise<string[]> {
	return db.asUser(claims, async (tx) => {
		const coordinator = await tx.query<{ ok: boolean }>(
			'select public.is_program_coordinator($1) as ok',
			[programId]
		);
		if (!coordinator[0]?.ok) throw new DomainError('not_found', 'not_found');
		const school = await tx.query(
			'select 1 from public.schools where id = $1 and program_id = $2',
			[input.schoolId, programId]
		);
		if (!school.length) throw new DomainError('invalid', 'not_found');
		const member = await tx.query(
			"select 1 from public.memberships where program_id = $1 and user_id = $2 and status = 'active' and role <> 'coordinator'",
			[programId, input.userId]
		);
		if (!member.length) throw new DomainError('invalid', 'not_found');
		await tx.query(
			`insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, $4)
			 on conflict (program_id, user_id) do update
				set school_id = excluded.school_id, function = excluded.function, updated_at = now()`,
			[programId, input.userId, input.schoolId, input.function]
		);
		await tx.query(
			`update public.group_members gm set school_id = $3
			 from public.groups g
			 where g.id = gm.group_id and g.program_id = $1 and gm.user_id = $2 and gm.role = 'member'`,
			[programId, input.userId, input.schoolId]
		);
		await audit(tx, 'school.place', 'school', input.schoolId, programId);
		const affected = await tx.query<{ user_id: string }>(
			`select distinct others.user_id from public.group_members mine
			 join public.groups g on g.id = mine.group_id and g.program_id = $1
			 join public.group_members others on others.group_id = mine.group_id
			 where mine.user_id = $2`,
			[programId, input.userId]
		);
		return affected.map((a) => a.user_id);
	});
}

/** Creates a group with its starting documents (agenda, intervision notes, action plan). */
export async function createGroup(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: GroupInput
): Promise<string> {
	const id = randomUUID();
	await db.asUser(claims, async (tx) => {
		const program = await tx.query<{ kind: string }>(
			'select kind from public.programs where id = $1 and public.is_program_coordinator(id)',
			[programId]
		);
		if (!program[0]) throw new DomainError('not_found', 'not_found');
		if (program[0].kind !== 'learning_community') {
			throw new DomainError('invalid', 'group_not_learning_community');
		}
		await tx.query(
			'insert into public.groups (id, program_id, kind, name) values ($1, $2, $3, $4)',
			[id, programId, input.kind, input.name]
		);
		for (const kind of STARTING_DOCUMENTS) {
			await insertDocument(tx, id, kind, TITLES[kind], claims.sub);
		}
		await audit(tx, 'group.create', 'group', id, programId, { kind: input.kind });
	});
	return id;
}

/**
 * Adds a participant to a group (or changes their role in it). A member takes part for the
 * school the coordinator placed them in; the facilitator for none. Returns the person whose open
 * sockets must be re-checked.
 */
export async function setGroupMember(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: { groupId: string; userId: string; role: GroupRole }
): Promise<string> {
	await db.asUser(claims, async (tx) => {
		const group = await tx.query('select 1 from public.groups where id = $1 and program_id = $2', [
			input.groupId,
			programId
		]);
		if (!group.length) throw new DomainError('not_found', 'not_found');
		const member = await tx.query(
			"select 1 from public.memberships where program_id = $1 and user_id = $2 and status = 'active'",
			[programId, input.userId]
		);
		if (!member.length) throw new DomainError('invalid', 'not_found');
		let schoolId: string | null = null;
		if (input.role === 'member') {
			const school = await tx.query<{ school_id: string }>(
				'select school_id from public.school_members where program_id = $1 and user_id = $2',
				[programId, input.userId]
			);
			if (!school[0]) throw new DomainError('invalid', 'group_no_school');
			schoolId = school[0].school_id;
		}
		await tx.query(
			`insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, $3, $4)
			 on conflict (group_id, user_id) do update set role = excluded.role, school_id = excluded.school_id`,
			[input.groupId, input.userId, input.role, schoolId]
		);
		await audit(tx, 'group.member_set', 'group', input.groupId, programId, { role: input.role });
	});
	return input.userId;
}

/** Takes a person out of a group; returns them, whose open sockets must be re-checked. */
export async function removeGroupMember(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: { groupId: string; userId: string }
): Promise<string> {
	await db.asUser(claims, async (tx) => {
		found(
			await tx.query(
				`delete from public.group_members gm using public.groups g
				 where g.id = gm.group_id and g.program_id = $1 and gm.group_id = $2 and gm.user_id = $3
				 returning gm.user_id`,
				[programId, input.groupId, input.userId]
			)
		);
		await audit(tx, 'group.member_remove', 'group', input.groupId, programId);
	});
	return input.userId;
}

/** The facilitator hands the group over to self-steering (once, on a date). */
export async function handOverGroup(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	on: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		await tx.query('select public.start_self_steering($1, $2::date)', [groupId, on]);
		const program = await tx.query<{ program_id: string }>(
			'select program_id from public.groups where id = $1',
			[groupId]
		);
		await audit(tx, 'group.self_steering', 'group', groupId, program[0]?.program_id ?? null, {
			on
		});
	});
}

export async function createGroupDocument(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: { kind: GroupDocumentKind; title: string }
): Promise<string> {
	return db.asUser(claims, async (tx) => {
		let schoolId: string | null = null;
		if (input.kind === 'school_actions') {
			const mine = await tx.query<{ school_id: string | null }>(
				'select school_id from public.group_members where group_id = $1 and user_id = $2',
				[groupId, claims.sub]
			);
			schoolId = mine[0]?.school_id ?? null;
			if (!schoolId) throw new DomainError('invalid', 'group_no_school');
		}
		return insertDocument(tx, groupId, input.kind, input.title, claims.sub, schoolId);
	});
}

/**
 * A new, private reflection in the group; its text is written in its own document. It may come
 * from an intervision round (the case owner's closing reflection) or a group meeting.
 */
export async function createReflection(
	ctx: CommandContext,
	groupId: string,
	title: string,
	source: { intervisionRoundId?: string; groupMeetingId?: string } = {}
): Promise<string> {
	const { db, claims } = ctx;
	const id = randomUUID();
	await db.asUser(claims, (tx) =>
		tx.query(
			`insert into public.reflections
				(id, author_id, group_id, title, doc_name, intervision_round_id, group_meeting_id)
			 values ($1, $2, $3, $4, $5, $6, $7)`,
			[
				id,
				claims.sub,
				groupId,
				title,
				`reflection/${id}`,
				source.intervisionRoundId ?? null,
				source.groupMeetingId ?? null
			]
		)
	);
	return id;
}

/**
 * Shares a reflection with the group or with the author's school in it, or (scope null) stops
 * sharing. Returns the others in the group, whose open sockets must be re-checked: a narrower
 * scope or the end of sharing closes theirs at once.
 */
export async function setReflectionSharing(
	db: Database,
	claims: JwtClaims,
	reflectionId: string,
	scope: ShareScope | null
): Promise<string[]> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ group_id: string }>(
			`update public.reflections
			 set shared_at = case when $2::text is null then null else coalesce(shared_at, now()) end,
				share_scope = $2, share_decided_at = coalesce(share_decided_at, now()), updated_at = now()
			 where id = $1 and author_id = $3 returning group_id`,
			[reflectionId, scope, claims.sub]
		);
		found(rows);
		const others = await tx.query<{ user_id: string }>(
			'select user_id from public.group_members where group_id = $1 and user_id <> $2',
			[rows[0].group_id, claims.sub]
		);
		return others.map((o) => o.user_id);
	});
}

/**
 * Deletes a reflection and its stored text (the document is no longer openable without its row);
 * returns everyone in the group, the author included, whose sockets must be re-checked.
 */
export async function deleteReflection(
	db: Database,
	claims: JwtClaims,
	reflectionId: string
): Promise<string[]> {
	const others = await db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ group_id: string }>(
			'delete from public.reflections where id = $1 and author_id = $2 returning group_id',
			[reflectionId, claims.sub]
		);
		found(rows);
		const others = await tx.query<{ user_id: string }>(
			'select user_id from public.group_members where group_id = $1 and user_id <> $2',
			[rows[0].group_id, claims.sub]
		);
		return others.map((o) => o.user_id);
	});
	await db.asService(async (tx) => {
		await tx.query('delete from public.yjs_updates where doc_name = $1', [
			`reflection/${reflectionId}`
		]);
		await tx.query('delete from public.yjs_snapshots where doc_name = $1', [
			`reflection/${reflectionId}`
		]);
	});
	return [claims.sub, ...others];
}
