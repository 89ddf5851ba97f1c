import { latestEvaluation } from '$lib/server/coordination/self-evaluation';
import { requireProgram } from '$lib/server/programs/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	return {
		evaluation: await latestEvaluation(event.locals.runtime.db, session.claims, program.id)
	};
};
