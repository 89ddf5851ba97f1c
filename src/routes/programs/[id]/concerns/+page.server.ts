import { fail } from '@sveltejs/kit';
import { concernInput, concernStatusInput } from '$lib/domain/care';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { listConcerns, raiseConcern, setConcernStatus } from '$lib/server/care';
import { isUuid } from '$lib/server/db/transaction';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	// Every member may open it: a coordinator reads all concerns, anyone else their own (RLS).
	const { session, program } = await requireProgram(event);
	// `?pair=<id>`: opened from a pair's workspace to raise a concern (checked again on submit).
	const pair = event.url.searchParams.get('pair');
	return {
		concerns: await listConcerns(event.locals.runtime.db, session.claims, program.id),
		raisePairId: pair && isUuid(pair) ? pair : null
	};
};

export const actions: Actions = {
	/** Raised from the pair's workspace (RaiseConcern posts here). */
	raise: async (event) => {
		const { session, program } = await requireProgram(event);
		const form = await readForm(event.request);
		const values = {
			pairId: form.get('pairId') ?? '',
			reason: form.get('reason') ?? '',
			urgency: form.get('urgency') ?? ''
		};
		const reason = typeof values.reason === 'string' ? values.reason : '';
		const parsed = concernInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { concern: { errors: fieldErrors(parsed.error), reason } });
		try {
			await raiseConcern(event.locals.runtime.db, session.claims, program.id, parsed.data);
		} catch (e) {
			return domainFailure(e, (key) => ({ concern: { errors: { form: key }, reason } }));
		}
		return { concernRaised: true };
	},
	status: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const form = await readForm(event.request);
		const parsed = concernStatusInput.safeParse({
			concernId: form.get('concernId'),
			status: form.get('status')
		});
		if (!parsed.success) return fail(400, { statusError: 'required' });
		try {
			await setConcernStatus(
				commandContext(event, session),
				program.id,
				parsed.data.concernId,
				parsed.data.status
			);
		} catch (e) {
			return domainFailure(e, (key) => ({ statusError: key }));
		}
		return { statusSaved: parsed.data.concernId };
	}
};
