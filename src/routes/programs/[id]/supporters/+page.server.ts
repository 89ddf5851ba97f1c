import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { assignSupporter, listMentorSupport } from '$lib/server/coordination/supporters';
import { requireProgram } from '$lib/server/programs/load';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'assign_supporter');
	return listMentorSupport(event.locals.runtime.db, session.claims, program.id);
};

const input = z.object({ mentorId: z.uuid(), supporterId: z.union([z.uuid(), z.literal('')]) });

export const actions: Actions = {
	default: async (event) => {
		const { session, program } = await requireProgram(event, 'assign_supporter');
		const form = await readForm(event.request);
		const parsed = input.safeParse({
			mentorId: form.get('mentorId'),
			supporterId: form.get('supporterId')
		});
		if (!parsed.success) return fail(400, { error: 'required' });
		try {
			await assignSupporter(
				commandContext(event, session),
				program.id,
				parsed.data.mentorId,
				parsed.data.supporterId || null
			);
		} catch (e) {
			return domainFailure(e);
		}
		return { saved: parsed.data.mentorId };
	}
};
