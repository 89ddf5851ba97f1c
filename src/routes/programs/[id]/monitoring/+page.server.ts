import { stalledDaysOf } from '$lib/domain/monitoring';
import { loadMonitoring } from '$lib/server/monitoring';
import { requireProgram } from '$lib/server/programs/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	const stalledDays = stalledDaysOf(event.url.searchParams);
	const monitoring = await loadMonitoring(event.locals.runtime.db, session.claims, program.id, {
		stalledDays
	});
	return { ...monitoring, stalledDays, today: new Date().toISOString().slice(0, 10) };
};
