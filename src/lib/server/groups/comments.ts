/**
 * Comments on reflections: whoever reads a shared reflection may comment, in their own name; the
 * author is notified (the bell and, per their preference, e-mail: never the text). Row-level
 * security limits every read and write to the people who read the reflection.
 */
import { randomUUID } from 'node:crypto';
import type { Database, JwtClaims } from '$lib/server/db/types';
import type { LiveHub } from '$lib/server/live/hub';
import { displayName, notify } from '$lib/server/notifications/notify';
import { DomainError } from '$lib/server/errors';
import { publishToGroup } from './live';

export interface ReflectionComment {
	id: string;
	authorId: string;
	authorName: string;
	body: string;
	createdAt: string;
}

export async function listComments(
	db: Database,
	claims: JwtClaims,
	reflectionId: string
): Promise<ReflectionComment[]> {
	return db.asUser(claims, (tx) =>
		tx.query<ReflectionComment>(
			`select c.id, c.author_id as "authorId", coalesce(p.display_name, '') as "authorName", c.body,
				to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
			 from public.reflection_comments c left join public.profiles p on p.id = c.author_id
			 where c.reflection_id = $1 order by c.created_at, c.id`,
			[reflectionId]
		)
	);
}

/** Adds a comment as the person; returns the reflection's group, author and programme. */
export async function addComment(
	db: Database,
	claims: JwtClaims,
	reflectionId: string,
	body: string
): Promise<{ groupId: string; authorId: string; programId: string }> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ groupId: string; authorId: string; programId: string }>(
			`select r.group_id as "groupId", r.author_id as "authorId", g.program_id as "programId"
			 from public.reflections r join public.groups g on g.id = r.group_id where r.id = $1`,
			[reflectionId]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		// The policy refuses a comment on a reflection the person does not read (a 42501 otherwise).
		const reads = await tx.query<{ ok: boolean }>('select private.reads_reflection($1) as ok', [
			reflectionId
		]);
		if (!reads[0]?.ok) throw new DomainError('not_found', 'not_found');
		await tx.query(
			'insert into public.reflection_comments (id, reflection_id, author_id, body) values ($1, $2, $3, $4)',
			[randomUUID(), reflectionId, claims.sub, body]
		);
		return rows[0];
	});
}

/** Removes one's own comment (404 for anyone else's). */
export async function deleteComment(
	db: Database,
	claims: JwtClaims,
	commentId: string
): Promise<void> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query(
			'delete from public.reflection_comments where id = $1 and author_id = $2 returning id',
			[commentId, claims.sub]
		)
	);
	if (rows.length === 0) throw new DomainError('not_found', 'not_found');
}

/**
 * After a comment committed: the reflection's author hears of it (once per reflection per few
 * minutes), and the open pages of the group reload the comments they may read.
 */
export async function commentAdded(
	deps: { db: Database; live: LiveHub },
	input: { reflectionId: string; groupId: string; authorId: string; programId: string; by: string }
): Promise<void> {
	await publishToGroup(deps, input.groupId, 'comments', [input.authorId]);
	await notify(deps.db, {
		kind: 'reflection_comment',
		recipients: [input.authorId],
		actorId: input.by,
		programId: input.programId,
		link: `/groups/${input.groupId}/reflections/${input.reflectionId}`,
		params: { name: await displayName(deps.db, input.by) },
		throttle: { key: `reflection-comment:${input.reflectionId}`, minutes: 10 }
	});
}
