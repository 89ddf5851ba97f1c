import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { loadFeed } from '$lib/server/calendar/feed';
import type { RequestHandler } from './$types';

const localeOf = (value: string): 'nl' | 'en' => (value === 'en' ? 'en' : 'nl');

/**
 * A person's calendar feed, for Outlook, Google and Apple calendars: no sign-in, the secret in
 * the URL is the credential. Unknown or replaced secrets answer 404.
 */
export const GET: RequestHandler = async (event) => {
	const { db, config } = event.locals.runtime;
	const body = await loadFeed(db, event.params.secret, config.origin, (value) => {
		const locale = localeOf(value);
		return {
			calendarName: m.cal_name({}, { locale }),
			summary: (meeting) =>
				m.cal_summary(
					{ number: meeting.number, mentor: meeting.mentorName, mentee: meeting.menteeName },
					{ locale }
				)
		};
	});
	if (body === null) error(404, 'not_found');
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="mentorpad.ics"',
			// Personal data behind a secret URL: no shared cache keeps a copy.
			'cache-control': 'private, no-store'
		}
	});
};
