import { error, redirect } from '@sveltejs/kit';
import { setCoordinatorMfa } from '$lib/server/auth/mfa';
import { readForm } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import type { RequestHandler } from './$types';

/** The programme setting "coordinators sign in with two steps" (its own form on the edit page). */
export const POST: RequestHandler = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	const form = await readForm(event.request);
	const value = form.get('require');
	if (value !== 'on' && value !== 'off') error(400, 'bad_request');
	if (
		!(await setCoordinatorMfa(event.locals.runtime.db, session.claims, program.id, value === 'on'))
	) {
		error(404, 'not_found');
	}
	redirect(303, `/programs/${program.id}/edit?saved=coordinator-mfa`);
};
