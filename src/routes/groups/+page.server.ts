import { listMyGroups } from '$lib/server/groups/queries';
import { requireSession } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	return { groups: await listMyGroups(event.locals.runtime.db, session.claims) };
};
