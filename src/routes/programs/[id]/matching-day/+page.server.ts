import { error, fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import {
	matchingDayCandidates,
	matchingDayInput,
	myMatchingDay,
	submitMatchingDay
} from '$lib/server/coordination/matching-day';
import { requireProgram } from '$lib/server/programs/load';
import { readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function context(event: RequestEvent) {
	const { session, actor, program } = await requireProgram(event, 'fill_intake');
	const role = actor.programRoles[program.id];
	if (role !== 'mentor' && role !== 'mentee') error(403, 'forbidden');
	return { session, program, role };
}

export const load: PageServerLoad = async (event) => {
	const { session, program, role } = await context(event);
	const { db } = event.locals.runtime;
	const [candidates, mine] = await Promise.all([
		matchingDayCandidates(db, program.id, role),
		myMatchingDay(db, session.claims, program.id)
	]);
	return { role, candidates, mine };
};

export const actions: Actions = {
	default: async (event) => {
		const { session, program, role } = await context(event);
		const { db } = event.locals.runtime;
		const candidates = await matchingDayCandidates(db, program.id, role);
		const form = await readForm(event.request);
		const value = (name: string) => String(form.get(name) ?? '');
		const choices = candidates.map((c) => ({
			id: c.id,
			rating: (['like', 'neutral', 'dislike'].includes(value(`rating-${c.id}`))
				? value(`rating-${c.id}`)
				: null) as 'like' | 'neutral' | 'dislike' | null,
			rank: value(`rank-${c.id}`) ? Number(value(`rank-${c.id}`)) : null,
			place: value(`place-${c.id}`),
			wishes: value(`wishes-${c.id}`)
		}));
		const parsed = matchingDayInput.safeParse({ choices });
		if (!parsed.success)
			return fail(400, { error: fieldErrors(parsed.error).choices ?? 'required' });
		try {
			await submitMatchingDay(
				{ db, claims: session.claims },
				program.id,
				role,
				parsed.data,
				new Set(candidates.map((c) => c.id))
			);
		} catch (e) {
			return domainFailure(e);
		}
		return { saved: true };
	}
};
