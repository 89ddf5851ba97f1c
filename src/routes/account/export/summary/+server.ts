import { json } from '@sveltejs/kit';
import { requireSession } from '$lib/server/http';
import { auditAboutMe, myErasureRequest } from '$lib/server/rights';
import type { RequestHandler } from './$types';

/** What the account page's data-rights section shows: the erasure request and recent reads. */
export const GET: RequestHandler = async (event) => {
	const session = requireSession(event);
	const { db } = event.locals.runtime;
	const audit = await auditAboutMe(db, session.claims, 0);
	return json(
		{
			request: await myErasureRequest(db, session.claims),
			audit: audit.events.slice(0, 5),
			more: audit.events.length > 5 || audit.hasMore
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
