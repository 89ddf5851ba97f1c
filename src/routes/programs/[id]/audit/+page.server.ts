import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import { readForm } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import {
	decideErasure,
	programErasureRequests,
	programTrail,
	retentionStatus,
	RightsError,
	TRAIL_FILTERS,
	type TrailFilter
} from '$lib/server/rights';
import type { Actions, PageServerLoad } from './$types';

const isFilter = (value: string | null): value is TrailFilter =>
	value !== null && Object.hasOwn(TRAIL_FILTERS, value);

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'view_people');
	const { db } = event.locals.runtime;
	const raw = Number(event.url.searchParams.get('page') ?? '0');
	const page = Number.isInteger(raw) && raw >= 0 && raw <= 100_000 ? raw : 0;
	const param = event.url.searchParams.get('filter');
	const filter: TrailFilter = isFilter(param) ? param : 'all';
	return {
		trail: await programTrail({ db, claims: session.claims }, program.id, page, filter),
		page,
		filter,
		filters: Object.keys(TRAIL_FILTERS) as TrailFilter[],
		requests: await programErasureRequests(db, session.claims, program.id),
		retention: await retentionStatus(db, session.claims, program.id)
	};
};

const decision = z.object({
	requestId: z.uuid(),
	decision: z.enum(['confirmed', 'refused']),
	note: plainText().trim().max(2000)
});

export const actions: Actions = {
	decide: async (event) => {
		const { session, program } = await requireProgram(event, 'view_people');
		const form = await readForm(event.request);
		const parsed = decision.safeParse({
			requestId: form.get('requestId'),
			decision: form.get('decision'),
			note: form.get('note') ?? ''
		});
		if (!parsed.success) return fail(400, { decideError: 'invalid' });
		if (parsed.data.decision === 'refused' && parsed.data.note === '')
			return fail(400, { decideError: 'note_required', requestId: parsed.data.requestId });
		const { db, jobs } = event.locals.runtime;
		try {
			await decideErasure(
				{ db, claims: session.claims },
				program.id,
				parsed.data.requestId,
				parsed.data.decision,
				parsed.data.note
			);
		} catch (e) {
			if (e instanceof RightsError) return fail(e.status, { decideError: e.code });
			throw e;
		}
		if (parsed.data.decision === 'confirmed') void jobs.tick().catch(() => 0);
		return { decided: parsed.data.decision };
	}
};
