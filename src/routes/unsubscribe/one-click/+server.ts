import { error, redirect } from '@sveltejs/kit';
import { unsubscribe, verifyUnsubscribe } from '$lib/server/notifications/unsubscribe';
import type { RequestHandler } from './$types';

const query = (url: URL) => ({
	u: url.searchParams.get('u'),
	c: url.searchParams.get('c'),
	s: url.searchParams.get('s')
});

/**
 * RFC 8058 one-click unsubscribe (the List-Unsubscribe header's URL): the mail client POSTs, no
 * sign-in, no page. The signature decides; a tampered link is refused with 400.
 */
export const POST: RequestHandler = async ({ url, locals }) => {
	const request = await verifyUnsubscribe(locals.runtime.db, query(url));
	if (!request) error(400, 'bad_request');
	await unsubscribe(locals.runtime.db, request);
	return new Response(null, { status: 204 });
};

/** A person who opens the header's URL in a browser gets the page with the button. */
export const GET: RequestHandler = ({ url }) => {
	redirect(303, `/unsubscribe${url.search}`);
};
