import { tableToCsv } from '$lib/domain/monitoring';
import { sheetTitles } from '$lib/domain/templates';
import { getLocale } from '$lib/paraglide/runtime';
import { requireProgram } from '$lib/server/programs/load';
import { statisticsZip } from '$lib/server/rights';
import { csvLabels } from '../../monitoring/labels';
import type { RequestHandler } from './$types';

/**
 * The programme's anonymised statistics (every monitoring dataset as CSV, small cells
 * suppressed) in one zip: what the coordinator keeps before the retention deletion. Audited.
 */
export const GET: RequestHandler = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	const titles = sheetTitles(locale);
	const zip = await statisticsZip(event.locals.runtime.db, session.claims, program.id, (table) =>
		tableToCsv(table, csvLabels(table.rowKind, locale, titles), program.minGroupSize)
	);
	const today = new Date().toISOString().slice(0, 10);
	return new Response(zip, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="statistics-${today}.zip"`,
			'cache-control': 'no-store'
		}
	});
};
