import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireProgram } from '$lib/server/programs/load';
import {
	caseStudyAction,
	instrumentOptions,
	organisesLibrary,
	resourceAction
} from '$lib/server/resources';
import type { Actions, PageServerLoad } from './$types';

/** Coordinators add a link or document; mentors write a case study; nobody else comes here. */
export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event);
	const role = actor.programRoles[program.id];
	if (role !== 'coordinator' && role !== 'mentor') error(404, 'not_found');
	return {
		mode: role === 'coordinator' ? ('resource' as const) : ('case' as const),
		// The organisation's owners and coordinators may add material for all its programmes.
		organisation:
			role === 'coordinator'
				? await organisesLibrary(event.locals.runtime.db, session.claims, program.id)
				: null,
		instruments: instrumentOptions(getLocale()),
		maxMb: event.locals.runtime.config.FILE_MAX_MB
	};
};

export const actions: Actions = {
	create: async (event) => resourceAction(event, await requireProgram(event, 'edit')),
	case: async (event) => {
		const context = await requireProgram(event);
		if (context.actor.programRoles[context.program.id] !== 'mentor') error(403, 'forbidden');
		return caseStudyAction(event, context);
	}
};
