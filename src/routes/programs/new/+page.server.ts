import { error, fail, redirect } from '@sveltejs/kit';
import { readForm, requireSession, domainFailure } from '$lib/server/http';
import { createProgram } from '$lib/server/programs/commands';
import { parseProgramForm } from '$lib/server/programs/form';
import { listOrganisationsForCreation } from '$lib/server/programs/queries';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	const organisations = await listOrganisationsForCreation(event.locals.runtime.db, session.claims);
	if (organisations.length === 0) error(403, 'forbidden');
	return { organisations };
};

export const actions: Actions = {
	default: async (event) => {
		const session = requireSession(event);
		const form = await readForm(event.request);
		const parsed = parseProgramForm(form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		let id: string;
		try {
			id = await createProgram(
				event.locals.runtime.db,
				session.claims,
				String(form.get('organisationId') ?? ''),
				parsed.data
			);
		} catch (e) {
			return domainFailure(e, (key) => ({ errors: { form: key }, values: parsed.values }));
		}
		redirect(303, `/programs/${id}/people?created=1`);
	}
};
