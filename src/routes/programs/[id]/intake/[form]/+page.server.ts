import { commandContext } from '$lib/server/http';
import { error, fail } from '@sveltejs/kit';
import { colourFor } from '$lib/server/collab-access';
import { readAnswers } from '$lib/server/coordination/form-post';
import { intakeFormsFor, myIntakeSubmissions, submitIntake } from '$lib/server/coordination/intake';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { TEACHER_NEEDS_KEY } from '$lib/domain/templates/keys';

async function context(event: RequestEvent) {
	const { session, actor, program } = await requireProgram(event, 'fill_intake');
	const role = actor.programRoles[program.id];
	const template = intakeFormsFor(program.kind, role).find((t) => t.key === event.params.form);
	if (!template || (role !== 'mentor' && role !== 'mentee')) error(404, 'not_found');
	return { session, program, template, role };
}

export const load: PageServerLoad = async (event) => {
	const { session, program, template, role } = await context(event);
	const previous = (
		await myIntakeSubmissions(event.locals.runtime.db, session.claims, program.id)
	).find((s) => s.formKey === template.key);
	const me = { id: session.user.id, name: session.user.displayName };
	return {
		formKey: template.key,
		// A repeatable questionnaire starts empty each time; a single form from its last answers.
		previous: template.key === TEACHER_NEEDS_KEY ? null : (previous?.answers ?? null),
		// The needs questionnaire is asked in rounds: how many the person submitted so far.
		rounds: template.key === TEACHER_NEEDS_KEY ? (previous?.count ?? 0) : null,
		me: { ...me, color: colourFor(me.id), role },
		pair: { id: program.id, mentor: me, mentee: me }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { session, program, template } = await context(event);
		const read = await readAnswers(event.request, template);
		if (!read.ok) return fail(400, { error: read.error });
		await submitIntake(commandContext(event, session), program.id, template, read.answers);
		return { submitted: true };
	}
};
