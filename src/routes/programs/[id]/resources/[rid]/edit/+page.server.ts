import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { isUuid } from '$lib/server/db/transaction';
import { requireProgram } from '$lib/server/programs/load';
import { getResource, instrumentOptions, resourceAction } from '$lib/server/resources';
import type { Actions, PageServerLoad } from './$types';

/** The coordinator changes a link or document (a case study is reviewed on its own page). */
export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	const id = event.params.rid;
	if (!isUuid(id)) error(404, 'not_found');
	const resource = await getResource(event.locals.runtime.db, session.claims, program.id, id);
	if (!resource || resource.kind === 'case_study') error(404, 'not_found');
	return {
		resource,
		instruments: instrumentOptions(getLocale()),
		maxMb: event.locals.runtime.config.FILE_MAX_MB
	};
};

export const actions: Actions = {
	update: async (event) => {
		if (!isUuid(event.params.rid)) error(404, 'not_found');
		return resourceAction(event, await requireProgram(event, 'edit'), event.params.rid);
	}
};
