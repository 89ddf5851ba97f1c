import { error } from '@sveltejs/kit';
import { isUuid } from '$lib/server/db/transaction';
import { contentDisposition } from '$lib/server/files';
import { findFile } from '$lib/server/messages';
import { requirePair } from '$lib/server/pairs/load';
import type { RequestHandler } from './$types';

/**
 * An attachment, streamed after the server's own check (the pair's two people, through
 * row-level security): always a download, never rendered in the app's origin.
 */
export const GET: RequestHandler = async (event) => {
	const { session, pair } = await requirePair(event, 'open_workspace');
	if (!isUuid(event.params.fileId)) error(404, 'not_found');
	const { db, files } = event.locals.runtime;
	const file = await findFile(db, session.claims, pair.id, event.params.fileId);
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
