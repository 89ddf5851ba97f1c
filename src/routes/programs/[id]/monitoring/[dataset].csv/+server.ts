import { commandContext } from '$lib/server/http';
import { error } from '@sveltejs/kit';
import { isDatasetKey, stalledDaysOf, tableToCsv } from '$lib/domain/monitoring';
import { sheetTitles } from '$lib/domain/templates';
import { getLocale } from '$lib/paraglide/runtime';
import { exportMonitoringDataset } from '$lib/server/monitoring';
import { requireProgram } from '$lib/server/programs/load';
import { csvLabels } from '../labels';
import type { RequestHandler } from './$types';

/** One monitoring dataset as a CSV file, for the programme's coordinators; every export is audited. */
export const GET: RequestHandler = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	const dataset = event.params.dataset;
	if (!isDatasetKey(dataset)) error(404, 'not_found');
	const table = await exportMonitoringDataset(commandContext(event, session), program.id, dataset, {
		stalledDays: stalledDaysOf(event.url.searchParams)
	});
	const today = new Date().toISOString().slice(0, 10);
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	const labels = csvLabels(table.rowKind, locale, sheetTitles(locale));
	return new Response(tableToCsv(table, labels, program.minGroupSize), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="monitoring-${dataset}-${today}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
