import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { supportMeetingInput } from '$lib/domain/care';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { deleteSupportMeeting, listSupportMeetings, recordSupportMeeting } from '$lib/server/care';
import { readForm, domainFailure } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event);
	const role = actor.programRoles[program.id];
	// Coordinators write them; supporters read those of their mentors (RLS); nobody else.
	if (role !== 'coordinator' && role !== 'supporter') error(404, 'not_found');
	return listSupportMeetings(event.locals.runtime.db, session.claims, program.id, {
		withMentors: role === 'coordinator'
	});
};

const deleteInput = z.object({ id: z.uuid() });

export const actions: Actions = {
	record: async (event) => {
		const { session, program } = await requireProgram(event, 'assign_supporter');
		const form = await readForm(event.request);
		const values = {
			mentorId: form.get('mentorId') ?? '',
			metOn: form.get('metOn') ?? '',
			note: form.get('note') ?? '',
			followUp: form.get('followUp') ?? ''
		};
		const strings = Object.fromEntries(
			Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : ''])
		);
		const parsed = supportMeetingInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { support: { errors: fieldErrors(parsed.error), values: strings } });
		try {
			await recordSupportMeeting(event.locals.runtime.db, session.claims, program.id, parsed.data);
		} catch (e) {
			return domainFailure(e, (key) => ({ support: { errors: { form: key }, values: strings } }));
		}
		return { supportSaved: true };
	},
	delete: async (event) => {
		const { session, program } = await requireProgram(event, 'assign_supporter');
		const parsed = deleteInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { support: { errors: { form: 'bad_request' } } });
		try {
			await deleteSupportMeeting(
				event.locals.runtime.db,
				session.claims,
				program.id,
				parsed.data.id
			);
		} catch (e) {
			return domainFailure(e, (key) => ({ support: { errors: { form: key } } }));
		}
		return { supportDeleted: true };
	}
};
