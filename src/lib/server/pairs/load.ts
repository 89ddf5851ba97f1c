import { error, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Actor, type PairRef } from '$lib/domain/policy';
import type { Session } from '$lib/server/auth/types';
import { isUuid } from '$lib/server/db/transaction';
import { requireActor } from '$lib/server/http';
import { loadPairRef } from './queries';

/**
 * The pair of a `/pairs/[id]/...` route for a person allowed `action` on it. People who may not
 * even see the pair get a 404; those who may see it but not do this (a coordinator opening the
 * workspace) get a 403.
 */
export async function requirePair(
	event: RequestEvent,
	action: Action
): Promise<{ session: Session; actor: Actor; pair: PairRef }> {
	const { session, actor } = await requireActor(event);
	const id = event.params.id ?? '';
	if (!isUuid(id)) error(404, 'not_found');
	const pair = await loadPairRef(event.locals.runtime.db, id);
	if (!pair || !can(actor, 'view', { type: 'pair', pair })) error(404, 'not_found');
	if (!can(actor, action, { type: 'pair', pair })) error(403, 'forbidden');
	return { session, actor, pair };
}
