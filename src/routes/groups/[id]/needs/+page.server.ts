import { error, fail } from '@sveltejs/kit';
import { NEEDS_THEMES } from '$lib/domain/groups/needs';
import { requireGroup } from '$lib/server/groups/load';
import { loadMyNeeds, loadNeedsSummary, needsInput, saveNeeds } from '$lib/server/groups/needs';
import { loadGroupSpace } from '$lib/server/groups/queries';
import { readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, group } = await requireGroup(event);
	const { db } = event.locals.runtime;
	const [space, mine, summary] = await Promise.all([
		loadGroupSpace(db, session.claims, group.id),
		loadMyNeeds(db, session.claims, group.id),
		loadNeedsSummary(db, session.claims, group.id)
	]);
	if (!space) error(404, 'not_found');
	const role = space.members.find((x) => x.userId === session.user.id)?.role ?? null;
	return { group: space.group, role, mine, summary };
};

export const actions: Actions = {
	save: async (event) => {
		const { session, group } = await requireGroup(event);
		const form = await readForm(event.request);
		const parsed = needsInput.safeParse({
			moment: form.get('moment'),
			answers: Object.fromEntries(NEEDS_THEMES.map((t) => [t.key, form.get(`need_${t.key}`)]))
		});
		if (!parsed.success) return fail(400, { error: 'lg_needs_incomplete' });
		try {
			await saveNeeds(event.locals.runtime.db, session.claims, group.id, parsed.data);
		} catch (e) {
			return domainFailure(e);
		}
		return { saved: parsed.data.moment };
	}
};
