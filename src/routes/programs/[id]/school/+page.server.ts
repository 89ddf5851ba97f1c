import { error, fail, type RequestEvent } from '@sveltejs/kit';
import {
	loadSchoolEngagement,
	mySchoolId,
	signStatement,
	withdrawSignature
} from '$lib/server/groups/engagement';
import { requireProgram } from '$lib/server/programs/load';
import { commandContext, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** A member of a learning-community programme and the school they take part for (or none). */
async function requireMySchool(event: RequestEvent) {
	const found = await requireProgram(event);
	if (found.program.kind !== 'learning_community') error(404, 'not_found');
	const schoolId = await mySchoolId(
		event.locals.runtime.db,
		found.session.claims,
		found.program.id
	);
	return { ...found, schoolId };
}

export const load: PageServerLoad = async (event) => {
	const { session, program, schoolId } = await requireMySchool(event);
	if (!schoolId) return { engagement: null };
	const engagement = await loadSchoolEngagement(
		commandContext(event, session),
		program.id,
		schoolId
	);
	return { engagement, me: session.user.id };
};

/** Runs a signing command for the person's own school; refusals become 4xx with a key. */
async function act(
	event: RequestEvent,
	command: (
		ctx: Awaited<ReturnType<typeof requireMySchool>> & { schoolId: string }
	) => Promise<void>
) {
	const ctx = await requireMySchool(event);
	if (!ctx.schoolId) return fail(403, { error: 'engage_not_director' });
	try {
		await command({ ...ctx, schoolId: ctx.schoolId });
	} catch (e) {
		return domainFailure(e);
	}
	return { done: true };
}

export const actions: Actions = {
	sign: (event) =>
		act(event, ({ session, program, schoolId }) =>
			signStatement(commandContext(event, session), program.id, schoolId)
		),
	withdraw: (event) =>
		act(event, ({ session, program, schoolId }) =>
			withdrawSignature(event.locals.runtime.db, session.claims, program.id, schoolId)
		)
};
