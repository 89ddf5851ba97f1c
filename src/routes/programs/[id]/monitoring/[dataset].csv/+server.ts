import { error } from '@sveltejs/kit';
import { isDatasetKey, stalledDaysOf, tableToCsv } from '$lib/domain/monitoring';
import { exportMonitoringDataset } from '$lib/server/monitoring';
import { requireProgram } from '$lib/server/programs/load';
import { csvLabels } from '../labels';
import type { RequestHandler } from './$types';

/** One monitoring dataset as a CSV file, for the programme's coordinators; every export is audited. */
export const GET: RequestHandler = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	const dataset = event.params.dataset;
	if (!isDatasetKey(dataset)) error(404, 'not_found');
	const table = await exportMonitoringDataset(
		event.locals.runtime.db,
		session.claims,
		program.id,
		dataset,
		{ stalledDays: stalledDaysOf(event.url.searchParams) }
	);
	const today = new Date().toISOString().slice(0, 10);
	return new Response(tableToCsv(table, csvLabels(table.rowKind), program.minGroupSize), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="monitoring-${dataset}-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
