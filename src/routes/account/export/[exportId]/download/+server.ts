import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { contentDisposition } from '$lib/server/files';
import { requireSession } from '$lib/server/http';
import { myExport } from '$lib/server/rights';
import type { RequestHandler } from './$types';

/** The finished zip, to its owner only (the row is read as the person), until it expires. */
export const GET: RequestHandler = async (event) => {
	const session = requireSession(event);
	const id = z.uuid().safeParse(event.params.exportId);
	if (!id.success) error(404, 'not_found');
	const { db, files } = event.locals.runtime;
	const row = await myExport(db, session.claims, id.data);
	if (!row || row.status !== 'done' || !row.fileKey) error(404, 'not_found');
	const name = `mentorpad-${row.createdAt.slice(0, 10)}.zip`;
	if (files.signedUrl) {
		const url = await files.signedUrl(row.fileKey, 60, name);
		return new Response(null, {
			status: 303,
			headers: { location: url, 'cache-control': 'no-store' }
		});
	}
	const stream = await files.get(row.fileKey);
	if (!stream) error(404, 'not_found');
	return new Response(stream, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': contentDisposition(name),
			'cache-control': 'no-store',
			...(row.sizeBytes ? { 'content-length': String(row.sizeBytes) } : {})
		}
	});
};
