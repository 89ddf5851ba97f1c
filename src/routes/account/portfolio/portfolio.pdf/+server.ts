import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireSession } from '$lib/server/http';
import { DomainError } from '$lib/server/errors';
import { renderPortfolio } from '$lib/server/certificates/portfolio';
import type { RequestHandler } from './$types';

/** The signed-in mentee's portfolio: exactly what they chose, as one PDF in their language. */
export const GET: RequestHandler = async (event) => {
	const session = requireSession(event);
	const { db, collab, config } = event.locals.runtime;
	try {
		const pdf = await renderPortfolio({
			db,
			collab,
			claims: session.claims,
			locale: getLocale() === 'en' ? 'en' : 'nl',
			origin: config.origin
		});
		return new Response(pdf as Uint8Array<ArrayBuffer>, {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="portfolio-${new Date().toISOString().slice(0, 10)}.pdf"`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.key);
		throw e;
	}
};
