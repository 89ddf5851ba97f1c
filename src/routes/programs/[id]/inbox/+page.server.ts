import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { can } from '$lib/domain/policy';
import { handleExit, listExitRequests } from '$lib/server/coordination/exits';
import { listInbox } from '$lib/server/coordination/inbox';
import { DomainError } from '$lib/server/programs/errors';
import { requireProgram } from '$lib/server/programs/load';
import { readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

const filterInput = z.object({
	role: z.enum(['mentor', 'mentee']).optional().catch(undefined),
	flagged: z.literal('1').optional().catch(undefined)
});

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event, 'view_inbox');
	const filter = filterInput.parse(Object.fromEntries(event.url.searchParams));
	const { db } = event.locals.runtime;
	const [entries, exits] = await Promise.all([
		listInbox(db, session.claims, program.id, {
			role: filter.role,
			flaggedOnly: filter.flagged === '1'
		}),
		listExitRequests(db, session.claims, program.id)
	]);
	return {
		entries,
		exits,
		filter,
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
				event.locals.runtime.db,
				session.claims,
				program.id,
				parsed.data.id,
				parsed.data.outcome
			);
			// Sockets on the pair's documents become read-only (or stay as they are).
			await event.locals.runtime.onPairChanged(pairId);
		} catch (e) {
			if (e instanceof DomainError) return fail(e.status, { error: e.key });
			throw e;
		}
		return { handled: parsed.data.outcome };
	}
};
