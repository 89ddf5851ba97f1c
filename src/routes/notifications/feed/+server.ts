import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { listNotifications, markRead } from '$lib/server/notifications/queries';
import type { RequestEvent, RequestHandler } from './$types';

/** A fetch, not a page: 401 rather than a redirect to the sign-in page. */
function requireSession(event: RequestEvent) {
	if (!event.locals.session) error(401, 'unauthorised');
	return event.locals.session;
}

/** How many the bell's popover shows. */
const BELL_SIZE = 8;

/** The bell's list: the newest notifications and the unread count. */
export const GET: RequestHandler = async (event) => {
	const session = requireSession(event);
	const list = await listNotifications(event.locals.runtime.db, session.claims, getLocale(), {
		limit: BELL_SIZE
	});
	return json(list, { headers: { 'cache-control': 'no-store' } });
};

const markInput = z.union([
	z.object({ all: z.literal(true) }),
	z.object({ ids: z.array(z.uuid()).min(1).max(100) })
]);

/** Marks the given notifications (or all) read; JSON only, so another site cannot post it. */
export const POST: RequestHandler = async (event) => {
	const session = requireSession(event);
	if (!event.request.headers.get('content-type')?.startsWith('application/json'))
		error(415, 'unsupported_media_type');
	const parsed = markInput.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) error(400, 'bad_request');
	const marked = await markRead(
		event.locals.runtime.db,
		session.claims,
		'all' in parsed.data ? 'all' : parsed.data.ids
	);
	return json({ marked });
};
