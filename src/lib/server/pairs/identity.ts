import { pairRole, type Actor, type PairRef } from '$lib/domain/policy';
import type { Session } from '$lib/server/auth/types';
import { colourFor } from '$lib/server/collab-access';
import type { Workspace } from './queries';

/**
 * The pair and the person at the keyboard, as a live document page needs them: names for the
 * sheet, and exactly the name and colour the collaboration server gives this person's presence.
 */
export function documentPeople(
	workspace: Workspace,
	session: Session,
	actor: Actor,
	pair: PairRef
) {
	return {
		pair: {
			id: pair.id,
			pseudonym: workspace.pair.pseudonym,
			status: pair.status,
			phase: workspace.pair.phase,
			mentor: { id: workspace.mentor.id, name: workspace.mentor.name },
			mentee: { id: workspace.mentee.id, name: workspace.mentee.name }
		},
		me: {
			id: session.user.id,
			name: session.user.displayName,
			color: colourFor(session.user.id),
			role: pairRole(actor, pair) ?? ('mentee' as const)
		}
	};
}
