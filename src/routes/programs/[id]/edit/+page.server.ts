import { fail } from '@sveltejs/kit';
import { coordinatorMfaSetting } from '$lib/server/auth/mfa';
import { updateProgram } from '$lib/server/programs/commands';
import { parseProgramForm } from '$lib/server/programs/form';
import { requireProgram } from '$lib/server/programs/load';
import { readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	return {
		coordinatorMfa: await coordinatorMfaSetting(event.locals.runtime.db, session.claims, program.id)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const parsed = parseProgramForm(await readForm(event.request));
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, values: parsed.values, saved: false });
		await updateProgram(event.locals.runtime.db, session.claims, program.id, parsed.data);
		return { saved: true, errors: {} as Record<string, string>, values: parsed.values };
	}
};
