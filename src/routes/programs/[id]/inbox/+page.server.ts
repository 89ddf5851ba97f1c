import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { can } from '$lib/domain/policy';
import { searchParamsObject } from '$lib/domain/programs/schemas';
import { handleExit } from '$lib/server/coordination/exits';
import { inboxQuery, searchInbox } from '$lib/server/coordination/inbox';
import { requireProgram } from '$lib/server/programs/load';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event, 'view_inbox');
	const query = inboxQuery.parse(searchParamsObject(event.url.searchParams));
	return {
		query,
		list: await searchInbox(event.locals.runtime.db, session.claims, program.id, query),
		canHandle: can(actor, 'handle_exit', {
			type: 'program',
			id: program.id,
			organisationId: program.organisationId
		})
	};
};

const handleInput = z.object({ id: z.uuid(), outcome: z.enum(['paused', 'ended', 'kept']) });

export const actions: Actions = {
	handle: async (event) => {
		const { session, program } = await requireProgram(event, 'handle_exit');
		const form = await readForm(event.request);
		const parsed = handleInput.safeParse({ id: form.get('id'), outcome: form.get('outcome') });
		if (!parsed.success) return fail(400, { error: 'required' });
		try {
			const pairId = await handleExit(
				commandContext(event, session),
				program.id,
				parsed.data.id,
				parsed.data.outcome
			);
			// Sockets on the pair's documents become read-only (or stay as they are).
			await event.locals.runtime.onPairChanged(pairId);
		} catch (e) {
			return domainFailure(e);
		}
		return { handled: parsed.data.outcome };
	}
};
