import { fail } from '@sveltejs/kit';
import { colourFor } from '$lib/server/collab-access';
import { readAnswers } from '$lib/server/coordination/form-post';
import {
	latestEvaluation,
	saveEvaluation,
	selfEvaluationTemplate
} from '$lib/server/coordination/self-evaluation';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	const latest = await latestEvaluation(event.locals.runtime.db, session.claims, program.id);
	const me = { id: session.user.id, name: session.user.displayName };
	return {
		previous: latest?.answers ?? null,
		versions: latest?.versions ?? 0,
		// The renderer wants a pair; the coordinator fills this form alone.
		me: { ...me, color: colourFor(me.id), role: 'mentor' as const },
		pair: { id: program.id, mentor: me, mentee: me }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const read = await readAnswers(event.request, selfEvaluationTemplate());
		if (!read.ok) return fail(400, { error: read.error });
		await saveEvaluation(event.locals.runtime.db, session.claims, program.id, read.answers);
		return { saved: true };
	}
};
