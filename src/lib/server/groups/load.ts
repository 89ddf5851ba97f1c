import { error, type RequestEvent } from '@sveltejs/kit';
import {
	can,
	type Action,
	type Actor,
	type GroupRef,
	type ReflectionRef
} from '$lib/domain/policy';
import type { Session } from '$lib/server/auth/types';
import { colourFor } from '$lib/server/collab-access';
import { requireActor } from '$lib/server/http';
import { loadGroupRef, loadReflectionRef } from './refs';

/**
 * The group of a `/groups/[id]/...` route for a person allowed `action` on it. Anyone who may
 * not open the group's space gets a 404, so the answer does not reveal that the group exists.
 */
export async function requireGroup(
	event: RequestEvent,
	action: Action = 'open_space'
): Promise<{ session: Session; actor: Actor; group: GroupRef }> {
	const { session, actor } = await requireActor(event);
	const group = await loadGroupRef(event.locals.runtime.db, event.params.id ?? '');
	if (!group || !can(actor, 'open_space', { type: 'group', group })) error(404, 'not_found');
	if (!can(actor, action, { type: 'group', group })) error(403, 'forbidden');
	return { session, actor, group };
}

/** A reflection of the route's group that the person may read (else 404). */
export async function requireReflection(
	event: RequestEvent
): Promise<{ session: Session; actor: Actor; reflection: ReflectionRef }> {
	const { session, actor } = await requireActor(event);
	const reflection = await loadReflectionRef(event.locals.runtime.db, event.params.rid ?? '');
	if (
		!reflection ||
		reflection.group.id !== event.params.id ||
		!can(actor, 'view', { type: 'reflection', reflection })
	) {
		error(404, 'not_found');
	}
	return { session, actor, reflection };
}

/** This person as the collaboration server will know them (carets, presence). */
export function collabMe(session: Session) {
	return {
		id: session.user.id,
		name: session.user.displayName,
		color: colourFor(session.user.id)
	};
}
