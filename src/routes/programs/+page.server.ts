import { requireSession } from '$lib/server/http';
import { listMyPrograms, listOrganisationsForCreation } from '$lib/server/programs/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	const db = event.locals.runtime.db;
	const [programs, organisations] = await Promise.all([
		listMyPrograms(db, session.claims),
		listOrganisationsForCreation(db, session.claims)
	]);
	return { programs, canCreate: organisations.length > 0 };
};
