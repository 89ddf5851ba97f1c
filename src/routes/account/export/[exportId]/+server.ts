import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { requireSession } from '$lib/server/http';
import { myExport } from '$lib/server/rights';
import type { RequestHandler } from './$types';

/** One export's progress, polled by the export page while the job runs. */
export const GET: RequestHandler = async (event) => {
	const session = requireSession(event);
	const id = z.uuid().safeParse(event.params.exportId);
	if (!id.success) error(404, 'not_found');
	const row = await myExport(event.locals.runtime.db, session.claims, id.data);
	if (!row) error(404, 'not_found');
	const { fileKey: _fileKey, ...visible } = row;
	void _fileKey;
	return json(visible, { headers: { 'cache-control': 'no-store' } });
};
