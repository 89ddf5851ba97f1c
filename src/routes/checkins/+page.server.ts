import { listMyCheckins } from '$lib/server/care';
import { requireSession } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	return { checkins: await listMyCheckins(event.locals.runtime.db, session.claims) };
};
