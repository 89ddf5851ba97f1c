/**
 * Reactions on shared reflections: whoever a reflection is shared with (not its author) gives or
 * takes back one reaction of each kind; everyone who reads the reflection sees the counts and who
 * reacted. The author is notified, at most once per reflection per hour however many react.
 * Row-level security decides every read and write once more.
 */
import { REACTION_KINDS, type ReactionKind } from '$lib/domain/groups/reflection';
import type { Database, JwtClaims } from '$lib/server/db/types';
import type { LiveHub } from '$lib/server/live/hub';
import { displayName, notify } from '$lib/server/notifications/notify';
import { DomainError } from '$lib/server/errors';
import { publishToGroup } from './live';
import type { CommandContext } from '$lib/server/context';

export interface ReactionSummary {
	kind: ReactionKind;
	count: number;
	/** The names of those who gave it, oldest first. */
	names: string[];
	mine: boolean;
}

/** The reactions on a reflection, one entry per kind (zero counts included), as the person reads them. */
export async function listReactions(
	db: Database,
	claims: JwtClaims,
	reflectionId: string
): Promise<{ reactions: ReactionSummary[]; canReact: boolean }> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ kind: ReactionKind; userId: string; name: string }>(
			`select x.kind, x.user_id as "userId", coalesce(p.display_name, '') as name
			 from public.reflection_reactions x left join public.profiles p on p.id = x.user_id
			 where x.reflection_id = $1 order by x.created_at, x.id`,
			[reflectionId]
		);
		const may = await tx.query<{ ok: boolean }>('select private.reacts_to_reflection($1) as ok', [
			reflectionId
		]);
		return {
			canReact: may[0]?.ok === true,
			reactions: REACTION_KINDS.map((kind) => {
				const of = rows.filter((row) => row.kind === kind);
				return {
					kind,
					count: of.length,
					names: of.map((row) => row.name),
					mine: of.some((row) => row.userId === claims.sub)
				};
			})
		};
	});
}

export interface ReactionTarget {
	groupId: string;
	authorId: string;
	programId: string;
	/** Whether a reaction was added (false: taken back, or it was already there). */
	added: boolean;
}

/**
 * Gives (`on`) or takes back one's reaction of a kind. A reflection the person may not react to
 * (private, their own, not shared with them) is a 404, whatever its existence.
 */
export async function setReaction(
	ctx: CommandContext,
	reflectionId: string,
	kind: ReactionKind,
	on: boolean
): Promise<ReactionTarget> {
	const { db, claims } = ctx;
	return db.asUser(claims, async (tx) => {
		const may = await tx.query<{ ok: boolean }>('select private.reacts_to_reflection($1) as ok', [
			reflectionId
		]);
		if (!may[0]?.ok) throw new DomainError('not_found', 'not_found');
		const rows = await tx.query<{ groupId: string; authorId: string; programId: string }>(
			`select r.group_id as "groupId", r.author_id as "authorId", g.program_id as "programId"
			 from public.reflections r join public.groups g on g.id = r.group_id where r.id = $1`,
			[reflectionId]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		let added = false;
		if (on) {
			const made = await tx.query(
				`insert into public.reflection_reactions (reflection_id, user_id, kind) values ($1, $2, $3)
				 on conflict (reflection_id, user_id, kind) do nothing returning id`,
				[reflectionId, claims.sub, kind]
			);
			added = made.length > 0;
		} else {
			await tx.query(
				'delete from public.reflection_reactions where reflection_id = $1 and user_id = $2 and kind = $3',
				[reflectionId, claims.sub, kind]
			);
		}
		return { ...rows[0], added };
	});
}

/**
 * After a reaction committed: the group's open pages reload what they read of the reflection
 * (the same topic as comments), and a new reaction tells the author, coalesced per reflection:
 * ten reactions within the hour make one notification.
 */
export async function reactionChanged(
	deps: { db: Database; live: LiveHub },
	input: ReactionTarget & { reflectionId: string; by: string }
): Promise<void> {
	await publishToGroup(deps, input.groupId, 'comments', [input.authorId]);
	if (!input.added) return;
	await notify(deps.db, {
		kind: 'reflection_reaction',
		recipients: [input.authorId],
		actorId: input.by,
		programId: input.programId,
		link: `/groups/${input.groupId}/reflections/${input.reflectionId}`,
		params: { name: await displayName(deps.db, input.by) },
		throttle: { key: `reflection-reaction:${input.reflectionId}`, minutes: 60 }
	});
}
