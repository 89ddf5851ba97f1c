import { error, type RequestEvent } from '@sveltejs/kit';
import { can, mentorGroupRole, type Actor, type MentorGroupRef } from '$lib/domain/policy';
import type { Session } from '$lib/server/auth/types';
import { colourFor } from '$lib/server/collab-access';
import { requireActor } from '$lib/server/http';
import type { MentorGroupSummary } from './queries';
import { loadMentorGroupRef } from './refs';

/**
 * The group of a `/mentor-groups/[id]/...` route for its mentor or one of its teachers. Anyone
 * else (the coordinator included: they compose the group, they do not open its sheets) gets a
 * 404, so the answer does not reveal that the group exists.
 */
export async function requireMentorGroup(
	event: RequestEvent
): Promise<{ session: Session; actor: Actor; group: MentorGroupRef }> {
	const { session, actor } = await requireActor(event);
	const group = await loadMentorGroupRef(event.locals.runtime.db, event.params.id ?? '');
	if (!group || !can(actor, 'open_space', { type: 'mentor_group', group })) error(404, 'not_found');
	return { session, actor, group };
}

/**
 * The people of a group sheet as the shared sheet renderer knows a pair's: the mentor, and the
 * teachers together in the mentee's place (a "mentee name" field suggests all their names).
 */
export function groupSheetPeople(
	workspace: MentorGroupSummary,
	session: Session,
	actor: Actor,
	group: MentorGroupRef
) {
	return {
		pair: {
			id: group.id,
			mentor: workspace.mentor,
			mentee: { id: '', name: workspace.teachers.map((t) => t.name).join(', ') }
		},
		me: {
			id: session.user.id,
			name: session.user.displayName,
			color: colourFor(session.user.id),
			role: mentorGroupRole(actor, group) === 'mentor' ? ('mentor' as const) : ('mentee' as const)
		}
	};
}
