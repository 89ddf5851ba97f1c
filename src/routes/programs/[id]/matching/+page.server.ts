import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { CRITERIA, defaultWeights } from '$lib/domain/matching';
import {
	confirmMatching,
	loadMatchingContext,
	runMatching,
	saveMatchingSetup
} from '$lib/server/coordination/matching';
import { transferConsentedSheets } from '$lib/server/coordination/transfer';
import { requireProgram } from '$lib/server/programs/load';
import { readForm, domainFailure } from '$lib/server/http';
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

async function withContext(event: RequestEvent) {
	const { session, program } = await requireProgram(event, 'edit');
	const { db } = event.locals.runtime;
	const context = await loadMatchingContext(db, session.claims, program.id);
	return { session, program, db, context };
}

function refusal(e: unknown) {
	return domainFailure(e);
}

export const actions: Actions = {
	settings: async (event) => {
		const { session, program, db } = await withContext(event);
		const form = await readForm(event.request);
		const weights = Object.fromEntries(CRITERIA.map((c) => [c, Number(form.get(c))]));
		const objective = form.get('objective') === 'best_total' ? 'best_total' : 'most_matched';
		try {
			await saveMatchingSetup(db, session.claims, program.id, { weights, objective });
		} catch (e) {
			return refusal(e);
		}
		return { saved: true };
	},
	lock: async (event) => {
		const { session, program, db, context } = await withContext(event);
		const form = await readForm(event.request);
		const parsed = pairInput.safeParse({
			menteeId: form.get('menteeId'),
			mentorId: form.get('mentorId')
		});
		if (!parsed.success) return fail(400, { error: 'required' });
		const without = context.setup.locked.filter((l) => l.menteeId !== parsed.data.menteeId);
		const locked = form.get('unlock') ? without : [...without, parsed.data];
		await saveMatchingSetup(db, session.claims, program.id, { locked });
		return { locked: true };
	},
	swap: async (event) => {
		// A swap assigns the chosen mentor to the mentee and locks it; the rest is re-solved.
		const { session, program, db, context } = await withContext(event);
		const form = await readForm(event.request);
		const parsed = pairInput.safeParse({
			menteeId: form.get('menteeId'),
			mentorId: form.get('mentorId')
		});
		if (!parsed.success) return fail(400, { error: 'required' });
		const locked = [
			...context.setup.locked.filter((l) => l.menteeId !== parsed.data.menteeId),
			parsed.data
		];
		await saveMatchingSetup(db, session.claims, program.id, { locked });
		return { swapped: true };
	},
	exclude: async (event) => {
		const { session, program, db, context } = await withContext(event);
		const form = await readForm(event.request);
		const parsed = pairInput.safeParse({
			menteeId: form.get('menteeId'),
			mentorId: form.get('mentorId')
		});
		if (!parsed.success) return fail(400, { error: 'required' });
		await saveMatchingSetup(db, session.claims, program.id, {
			exclusions: [...context.setup.exclusions, parsed.data],
			locked: context.setup.locked.filter(
				(l) => !(l.menteeId === parsed.data.menteeId && l.mentorId === parsed.data.mentorId)
			)
		});
		return { excluded: true };
	},
	confirm: async (event) => {
		const { session, program, db, context } = await withContext(event);
		const result = runMatching(context);
		if (!result.ok) return fail(409, { error: 'locked_invalid' });
		if (result.proposals.length === 0) return fail(400, { error: 'nothing' });
		const { mailer, config } = event.locals.runtime;
		let created: string[];
		try {
			created = await confirmMatching(
				db,
				mailer,
				config.origin,
				session.claims,
				program.id,
				result.proposals.map((p) => ({
					menteeId: p.menteeId,
					mentorId: p.mentorId,
					place: p.meetingPlace?.place
				}))
			);
		} catch (e) {
			// An evaluator proposed as their teacher's mentor, a second mentor outside a pool.
			return refusal(e);
		}
		// Worksheets follow a re-matched mentee only with their consent (exit policy).
		await transferConsentedSheets(db, event.locals.runtime.collab, created);
		return { confirmed: created.length };
	}
};
