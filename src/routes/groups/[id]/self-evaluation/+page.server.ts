import { error, fail } from '@sveltejs/kit';
import { SELF_EVALUATION_THEMES } from '$lib/domain/groups/self-evaluation';
import { requireGroup } from '$lib/server/groups/load';
import { loadGroupSpace } from '$lib/server/groups/queries';
import {
	groupMinimum,
	loadMySelfEvaluations,
	loadSelfEvaluationSummary,
	saveSelfEvaluation,
	selfEvaluationInput
} from '$lib/server/groups/self-evaluation';
import { readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, group } = await requireGroup(event);
	const { db } = event.locals.runtime;
	const [space, mine, summary, min] = await Promise.all([
		loadGroupSpace(db, session.claims, group.id),
		loadMySelfEvaluations(db, session.claims, group.id),
		loadSelfEvaluationSummary(db, session.claims, group.id),
		groupMinimum(db, session.claims, group.id)
	]);
	if (!space) error(404, 'not_found');
	const role = space.members.find((x) => x.userId === session.user.id)?.role ?? null;
	return { group: space.group, role, mine, summary, min };
};

export const actions: Actions = {
	save: async (event) => {
		const { session, group } = await requireGroup(event);
		const form = await readForm(event.request);
		const parsed = selfEvaluationInput.safeParse({
			moment: form.get('moment'),
			answers: Object.fromEntries(
				SELF_EVALUATION_THEMES.map((t) => [t.key, form.get(`self_${t.key}`)])
			),
			goingWell: form.get('goingWell') ?? null,
			toGrow: form.get('toGrow') ?? null
		});
		if (!parsed.success) return fail(400, { error: 'lgself_incomplete' });
		try {
			await saveSelfEvaluation(event.locals.runtime.db, session.claims, group.id, parsed.data);
		} catch (e) {
			return domainFailure(e);
		}
		return { saved: parsed.data.moment };
	}
};
