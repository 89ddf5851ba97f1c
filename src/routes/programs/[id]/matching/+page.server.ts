import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { CRITERIA, defaultWeights, type SetupChange } from '$lib/domain/matching';
import {
	loadMatchingContext,
	runMatching,
	saveMatchingSetup
} from '$lib/server/coordination/matching';
import {
	changeMatchingPairing,
	confirmMatchingRound
} from '$lib/server/coordination/matching-commands';
import { requireProgram } from '$lib/server/programs/load';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	const context = await loadMatchingContext(event.locals.runtime.db, session.claims, program.id);
	const result = runMatching(context);
	return {
		result,
		names: context.names,
		weights: { ...defaultWeights, ...context.setup.weights },
		objective: context.setup.objective,
		mentors: context.input.mentors.map((m) => m.id),
		missingIntake: context.missingIntake.length,
		menteeCount: context.input.mentees.length
	};
};

const pairInput = z.object({ menteeId: z.uuid(), mentorId: z.uuid() });

/** Reads the mentee–mentor pair a lock, swap or exclude is about; null when it is not valid. */
function pairFrom(form: FormData) {
	const parsed = pairInput.safeParse({
		menteeId: form.get('menteeId'),
		mentorId: form.get('mentorId')
	});
	return parsed.success ? parsed.data : null;
}

/**
 * Lock (or unlock), swap and exclude: one change to the set-up, applied by the command. Returns
 * the refusal of an invalid pair, or null once the change is saved.
 */
async function changePairing(event: RequestEvent, kind: (form: FormData) => SetupChange['kind']) {
	const { session, program } = await requireProgram(event, 'edit');
	const form = await readForm(event.request);
	const pair = pairFrom(form);
	if (!pair) return fail(400, { error: 'required' });
	await changeMatchingPairing(event.locals.runtime.db, session.claims, program.id, {
		kind: kind(form),
		pair
	});
	return null;
}

export const actions: Actions = {
	settings: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const form = await readForm(event.request);
		const weights = Object.fromEntries(CRITERIA.map((c) => [c, Number(form.get(c))]));
		const objective = form.get('objective') === 'best_total' ? 'best_total' : 'most_matched';
		try {
			await saveMatchingSetup(event.locals.runtime.db, session.claims, program.id, {
				weights,
				objective
			});
		} catch (e) {
			return domainFailure(e);
		}
		return { saved: true };
	},
	lock: async (event) =>
		(await changePairing(event, (form) => (form.get('unlock') ? 'unlock' : 'lock'))) ?? {
			locked: true
		},
	// A swap assigns the chosen mentor to the mentee and locks it; the rest is re-solved.
	swap: async (event) => (await changePairing(event, () => 'swap')) ?? { swapped: true },
	exclude: async (event) => (await changePairing(event, () => 'exclude')) ?? { excluded: true },
	confirm: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		try {
			const created = await confirmMatchingRound(commandContext(event, session), program.id);
			return { confirmed: created.length };
		} catch (e) {
			// Locked pairs that no longer fit, nothing to confirm, an evaluator proposed as their
			// teacher's mentor, a second mentor outside a pool.
			return domainFailure(e);
		}
	}
};
