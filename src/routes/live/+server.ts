import { error } from '@sveltejs/kit';
import { unreadCounts } from '$lib/server/messages';
import type { RequestHandler } from './$types';

/**
 * The person's live stream (server-sent events): messages of their pairs, their unread counts.
 * Authenticated by the session cookie like any page; closed when that session signs out.
 */
export const GET: RequestHandler = ({ locals }) => {
	const { session, runtime } = locals;
	if (!session) error(401, 'unauthenticated');
	const stream = runtime.live.open(
		{ userId: session.user.id, sessionId: session.id, expiresAt: session.expiresAt },
		// The counts as they are now, so a page that (re)connects is right at once.
		async (send) => send({ type: 'unread', ...(await unreadCounts(runtime.db, session.claims)) })
	);
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// Proxies (nginx) must not buffer the stream.
			'x-accel-buffering': 'no'
		}
	});
};
