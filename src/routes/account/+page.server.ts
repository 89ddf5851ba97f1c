import { fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { feedStatus, rotateFeedSecret } from '$lib/server/calendar/feed';
import { readForm, requireSession } from '$lib/server/http';
import { CATEGORIES } from '$lib/server/notifications/model';
import {
	getPreferences,
	preferencesInput,
	savePreferences
} from '$lib/server/notifications/preferences';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	return {
		email: session.user.email,
		name: session.user.displayName,
		calendarFeed: await feedStatus(event.locals.runtime.db, session.claims),
		categories: CATEGORIES,
		preferences: await getPreferences(event.locals.runtime.db, session.claims)
	};
};

export const actions: Actions = {
	/** A new calendar feed secret; the old URL stops working. The URL is shown this once. */
	calendarFeed: async (event) => {
		const session = requireSession(event);
		const secret = await rotateFeedSecret(event.locals.runtime.db, session.claims);
		return { calendarUrl: `${event.locals.runtime.config.origin}/calendar/${secret}.ics` };
	},
	preferences: async (event) => {
		const session = requireSession(event);
		const parsed = preferencesInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), saved: false });
		await savePreferences(event.locals.runtime.db, session.claims, parsed.data);
		return { saved: true, errors: {} as Record<string, string> };
	}
};
