import { error, type RequestEvent } from '@sveltejs/kit';
import { can, programPermissions, type Action, type Actor } from '$lib/domain/policy';
import type { Session } from '$lib/server/auth/types';
import { isUuid } from '$lib/server/db/transaction';
import { requireActor } from '$lib/server/http';
import { getProgram, type Program } from './queries';

/**
 * The programme of a `/programs/[id]/...` route, for a person allowed `action` on it. Anyone
 * else gets a 404 (not a 403), so the answer does not reveal that the programme exists.
 */
export async function requireProgram(
	event: RequestEvent,
	action: Action = 'view'
): Promise<{ session: Session; actor: Actor; program: Program }> {
	const { session, actor } = await requireActor(event);
	const id = event.params.id ?? '';
	if (!isUuid(id)) error(404, 'not_found');
	const program = await getProgram(event.locals.runtime.db, session.claims, id);
	if (!program) error(404, 'not_found');
	const entity = {
		type: 'program',
		id: program.id,
		organisationId: program.organisationId
	} as const;
	if (!can(actor, 'view', entity)) error(404, 'not_found');
	if (!can(actor, action, entity)) error(403, 'forbidden');
	return { session, actor, program };
}

export { programPermissions };
