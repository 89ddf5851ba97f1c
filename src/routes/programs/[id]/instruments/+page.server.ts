import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { pairSheets } from '$lib/domain/templates';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import {
	getProgramInstruments,
	resetProgramInstruments,
	saveProgramInstruments
} from '$lib/server/programs/instruments';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	const set = await getProgramInstruments(event.locals.runtime.db, session.claims, program.id);
	if (!set) error(404, 'not_found');
	const titles = new Map(pairSheets.map((t) => [t.key, t.title]));
	return {
		kind: set.kind,
		customised: set.customised,
		instruments: set.choices.map((c) => ({
			key: c.key,
			phase: c.phase,
			title: titles.get(c.key) ?? { nl: c.key, en: c.key },
			enabled: c.enabled,
			inDefault: c.inDefault,
			required: c.required,
			use: c.use,
			stage: c.stage
		}))
	};
};

/** The whole list in the order shown: `order` once per instrument, `on` for those switched on. */
const listInput = z.object({
	order: z.array(z.string().max(60)).min(1).max(200),
	on: z.array(z.string().max(60)).max(200)
});

function refusal(e: unknown) {
	return domainFailure(e);
}

export const actions: Actions = {
	save: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const form = await readForm(event.request);
		const parsed = listInput.safeParse({
			order: form.getAll('order').map(String),
			on: form.getAll('on').map(String)
		});
		if (!parsed.success) return fail(400, { error: 'instr_invalid_list' });
		const on = new Set(parsed.data.on);
		try {
			await saveProgramInstruments(
				commandContext(event, session),
				program.id,
				parsed.data.order.map((key) => ({ key, enabled: on.has(key) })),
				// Sockets on a sheet switched off (and empty) close at once.
				(pairId) => event.locals.runtime.onPairChanged(pairId)
			);
		} catch (e) {
			return refusal(e);
		}
		return { saved: true };
	},
	reset: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		try {
			await resetProgramInstruments(event.locals.runtime.db, session.claims, program.id, (pairId) =>
				event.locals.runtime.onPairChanged(pairId)
			);
		} catch (e) {
			return refusal(e);
		}
		return { reset: true };
	}
};
