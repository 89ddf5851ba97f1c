import { error } from '@sveltejs/kit';
import { needsChangeCsv } from '$lib/domain/groups/needs-change';
import { getLocale } from '$lib/paraglide/runtime';
import { loadGroupNeedsChange } from '$lib/server/monitoring/groups';
import { requireProgram } from '$lib/server/programs/load';
import { needsCsvLabels } from '../needs-labels';
import type { RequestHandler } from './$types';

/** The change in the needs analysis per group and theme as CSV, for the coordinator; audited. */
export const GET: RequestHandler = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	if (program.kind !== 'learning_community') error(404, 'not_found');
	const groups = await loadGroupNeedsChange(
		event.locals.runtime.db,
		session.claims,
		program.id,
		'monitoring.export'
	);
	const today = new Date().toISOString().slice(0, 10);
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	return new Response(needsChangeCsv(groups, needsCsvLabels(locale), program.minGroupSize), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="monitoring-group-needs-change-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
