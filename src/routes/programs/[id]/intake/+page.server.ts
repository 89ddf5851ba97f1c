import { can } from '$lib/domain/policy';
import {
	intakeFormsFor,
	intakeOverview,
	myIntakeSubmissions
} from '$lib/server/coordination/intake';
import { requireProgram } from '$lib/server/programs/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event);
	const { db } = event.locals.runtime;
	const entity = {
		type: 'program',
		id: program.id,
		organisationId: program.organisationId
	} as const;
	const forms = intakeFormsFor(program.kind, actor.programRoles[program.id]).map((t) => ({
		key: t.key,
		title: t.title
	}));
	return {
		forms,
		mine: can(actor, 'fill_intake', entity)
			? await myIntakeSubmissions(db, session.claims, program.id)
			: [],
		overview: can(actor, 'view_people', entity)
			? await intakeOverview(db, session.claims, program.id)
			: null
	};
};
