import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { coordinatorStatusInput, phaseInput } from '$lib/domain/path-input';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import { getPath, setPhaseAsCoordinator, setStatusAsCoordinator } from '$lib/server/pairs/path';
import { loadPairRef } from '$lib/server/pairs/queries';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The programme's pair, for a coordinator of the programme (404 for any other pair). */
async function context(event: RequestEvent) {
	const { session, program } = await requireProgram(event, 'handle_exit');
	const pair = await loadPairRef(event.locals.runtime.db, event.params.pairId);
	if (!pair || pair.programId !== program.id) error(404, 'not_found');
	return { session, program, pair };
}

export const load: PageServerLoad = async (event) => {
	const { session, pair } = await context(event);
	const path = await getPath(event.locals.runtime.db, session.claims, pair.id);
	if (!path) error(404, 'not_found');
	const pseudonym = await event.locals.runtime.db.asUser(session.claims, (tx) =>
		tx.query<{ pseudonym: string }>('select pseudonym from public.pairs where id = $1', [pair.id])
	);
	return { pairId: pair.id, pseudonym: pseudonym[0]?.pseudonym ?? '', path };
};

async function refused<T>(work: () => Promise<T>) {
	try {
		return await work();
	} catch (e) {
		return domainFailure(e);
	}
}

export const actions: Actions = {
	phase: async (event) => {
		const { session, program, pair } = await context(event);
		const form = await readForm(event.request);
		const parsed = z.object({ phase: phaseInput }).safeParse({ phase: form.get('phase') });
		if (!parsed.success) return fail(400, { error: 'required' });
		return refused(async () => {
			await setPhaseAsCoordinator(
				commandContext(event, session),
				program.id,
				pair.id,
				parsed.data.phase
			);
			return { saved: 'phase' };
		});
	},
	status: async (event) => {
		const { session, program, pair } = await context(event);
		const form = await readForm(event.request);
		const parsed = z
			.object({ status: coordinatorStatusInput })
			.safeParse({ status: form.get('status') });
		if (!parsed.success) return fail(400, { error: 'required' });
		return refused(async () => {
			await setStatusAsCoordinator(
				commandContext(event, session),
				program.id,
				pair.id,
				parsed.data.status
			);
			await event.locals.runtime.onPairChanged(pair.id);
			return { saved: 'status' };
		});
	}
};
