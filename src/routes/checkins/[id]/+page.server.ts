import { error, fail } from '@sveltejs/kit';
import { checkinAnswerInput } from '$lib/domain/care';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { answerCheckin, getCheckin } from '$lib/server/care';
import { isUuid } from '$lib/server/db/transaction';
import { readForm, requireSession, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	if (!isUuid(event.params.id)) error(404, 'not_found');
	const checkin = await getCheckin(event.locals.runtime.db, session.claims, event.params.id);
	// Someone else's check-in is not there at all for this person (row-level security).
	if (!checkin) error(404, 'not_found');
	return { checkin };
};

export const actions: Actions = {
	default: async (event) => {
		const session = requireSession(event);
		if (!isUuid(event.params.id)) error(404, 'not_found');
		const form = await readForm(event.request);
		const values = {
			satisfaction: form.get('satisfaction') ?? undefined,
			progress: form.get('progress') ?? undefined,
			comment: form.get('comment') ?? ''
		};
		const parsed = checkinAnswerInput.safeParse(values);
		if (!parsed.success)
			return fail(400, {
				errors: fieldErrors(parsed.error),
				comment: typeof values.comment === 'string' ? values.comment : ''
			});
		try {
			await answerCheckin(event.locals.runtime.db, session.claims, event.params.id, parsed.data);
		} catch (e) {
			return domainFailure(e, (key) => ({ errors: { form: key }, comment: '' }));
		}
		return { answered: true };
	}
};
