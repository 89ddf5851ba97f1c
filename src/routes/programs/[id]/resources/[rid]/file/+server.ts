import { error } from '@sveltejs/kit';
import { isUuid } from '$lib/server/db/transaction';
import { contentDisposition } from '$lib/server/files';
import { requireProgram } from '$lib/server/programs/load';
import { findResourceFile } from '$lib/server/resources';
import type { RequestHandler } from './$types';

/**
 * A library document, streamed after the same check as the resource itself (row-level security
 * as the person: a mentee never gets mentor-only material): always a download, never rendered
 * in the app's origin.
 */
export const GET: RequestHandler = async (event) => {
	const { session, program } = await requireProgram(event);
	if (!isUuid(event.params.rid)) error(404, 'not_found');
	const { db, files } = event.locals.runtime;
	const file = await findResourceFile(db, session.claims, program.id, event.params.rid);
	if (!file) error(404, 'not_found');
	const body = await files.get(file.storageKey);
	if (!body) error(404, 'not_found');
	return new Response(body, {
		headers: {
			'content-type':
				file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType,
			'content-length': String(file.size),
			'content-disposition': contentDisposition(file.name),
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-cache',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};
