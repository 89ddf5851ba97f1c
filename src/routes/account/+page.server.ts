import { feedStatus, rotateFeedSecret } from '$lib/server/calendar/feed';
import { requireSession } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	return {
		email: session.user.email,
		name: session.user.displayName,
		calendarFeed: await feedStatus(event.locals.runtime.db, session.claims)
	};
};

export const actions: Actions = {
	/** A new calendar feed secret; the old URL stops working. The URL is shown this once. */
	calendarFeed: async (event) => {
		const session = requireSession(event);
		const secret = await rotateFeedSecret(event.locals.runtime.db, session.claims);
		return { calendarUrl: `${event.locals.runtime.config.origin}/calendar/${secret}.ics` };
	}
};
