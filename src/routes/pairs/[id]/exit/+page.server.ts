import { error, fail } from '@sveltejs/kit';
import { pairRole } from '$lib/domain/policy';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { exitRequestInput, requestExit } from '$lib/server/coordination/exits';
import { requirePair } from '$lib/server/pairs/load';
import { commandContext, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor, pair } = await requirePair(event, 'request_exit');
	const role = pairRole(actor, pair);
	if (!role) error(403, 'forbidden');
	return { pairId: pair.id, role };
};

export const actions: Actions = {
	default: async (event) => {
		const { session, actor, pair } = await requirePair(event, 'request_exit');
		const role = pairRole(actor, pair);
		if (!role)
			return fail(403, { errors: { form: 'forbidden' } as Record<string, string>, reason: '' });
		const form = await readForm(event.request);
		const values = {
			reason: String(form.get('reason') ?? ''),
			consentsTransfer: form.get('consent') === 'on'
		};
		const parsed = exitRequestInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { errors: fieldErrors(parsed.error), reason: values.reason });
		await requestExit(commandContext(event, session), pair, role, parsed.data);
		return { sent: true };
	}
};
