import { requireSession } from '$lib/server/http';
import { listMyPairs } from '$lib/server/pairs/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	return { pairs: await listMyPairs(event.locals.runtime.db, session.claims) };
};
