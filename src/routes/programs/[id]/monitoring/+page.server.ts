import { stalledDaysOf } from '$lib/domain/monitoring';
import { sheetTitles } from '$lib/domain/templates';
import { getLocale } from '$lib/paraglide/runtime';
import { loadCheckinSummary } from '$lib/server/care';
import { loadGroupActivity } from '$lib/server/groups/activity';
import { loadMonitoring } from '$lib/server/monitoring';
import { loadGroupNeedsChange, loadGroupSelfEvaluation } from '$lib/server/monitoring/groups';
import { phaseDays } from '$lib/server/pairs/path';
import { requireProgram } from '$lib/server/programs/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	const stalledDays = stalledDaysOf(event.url.searchParams);
	const monitoring = await loadMonitoring(event.locals.runtime.db, session.claims, program.id, {
		stalledDays
	});
	// Time per phase (the path's history), read after the datasets as part of the same audited view.
	const pathPhaseDays = await phaseDays(event.locals.runtime.db, session.claims, program.id);
	// A learning community's groups, by pseudonym: their counts, the change in their needs analysis
	// and their self-evaluation's averages.
	const communities =
		program.kind === 'learning_community'
			? {
					activity: await loadGroupActivity(event.locals.runtime.db, session.claims, program.id),
					needs: await loadGroupNeedsChange(event.locals.runtime.db, session.claims, program.id),
					selfEvaluation: await loadGroupSelfEvaluation(
						event.locals.runtime.db,
						session.claims,
						program.id
					)
				}
			: null;
	return {
		...monitoring,
		pathPhaseDays,
		communities,
		stalledDays,
		checkins: await loadCheckinSummary(
			event.locals.runtime.db,
			session.claims,
			program.id,
			program.minGroupSize
		),
		today: new Date().toISOString().slice(0, 10),
		// Worksheet titles travel with the data: the page never names a sheet by its key, and its
		// JavaScript does not carry the template catalogue.
		sheetTitles: sheetTitles(getLocale() === 'en' ? 'en' : 'nl')
	};
};
