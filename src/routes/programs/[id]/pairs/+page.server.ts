import { requireProgram } from '$lib/server/programs/load';
import { listProgramPairs } from '$lib/server/pairs/oversight';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	return { pairs: await listProgramPairs(event.locals.runtime.db, session.claims, program.id) };
};
