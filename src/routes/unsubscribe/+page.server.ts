import { error } from '@sveltejs/kit';
import { unsubscribe, verifyUnsubscribe } from '$lib/server/notifications/unsubscribe';
import type { Actions, PageServerLoad } from './$types';

const query = (url: URL) => ({
	u: url.searchParams.get('u'),
	c: url.searchParams.get('c'),
	s: url.searchParams.get('s')
});

/** The link from a mail: works without signing in; a link we did not sign is refused (400). */
export const load: PageServerLoad = async ({ url, locals }) => {
	const request = await verifyUnsubscribe(locals.runtime.db, query(url));
	if (!request) error(400, 'bad_request');
	return { category: request.category };
};

export const actions: Actions = {
	default: async ({ url, locals }) => {
		const request = await verifyUnsubscribe(locals.runtime.db, query(url));
		if (!request) error(400, 'bad_request');
		await unsubscribe(locals.runtime.db, request);
		return { done: true };
	}
};
