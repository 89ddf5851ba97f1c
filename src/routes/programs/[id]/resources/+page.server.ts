import { commandContext } from '$lib/server/http';
import { libraryFilters, libraryPermissions } from '$lib/domain/resources';
import { getLocale } from '$lib/paraglide/runtime';
import { requireProgram } from '$lib/server/programs/load';
import { instrumentOptions, searchLibrary } from '$lib/server/resources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event);
	const role = actor.programRoles[program.id];
	const filters = libraryFilters.parse(Object.fromEntries(event.url.searchParams));
	const library = await searchLibrary(commandContext(event, session), program.id, role, filters);
	return {
		library,
		filters,
		can: libraryPermissions(role),
		instruments: instrumentOptions(getLocale())
	};
};
