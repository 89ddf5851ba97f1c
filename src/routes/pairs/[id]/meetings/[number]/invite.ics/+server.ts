import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { meetingInvitation } from '$lib/server/calendar/ics';
import { requirePair } from '$lib/server/pairs/load';
import { effectiveCallLink, getMeeting, meetingNumberOf } from '$lib/server/pairs/meetings';
import { getWorkspace } from '$lib/server/pairs/queries';
import type { RequestHandler } from './$types';

/** The meeting as a calendar invitation: the same UID and SEQUENCE as in the person's feed. */
export const GET: RequestHandler = async (event) => {
	const { session, pair } = await requirePair(event, 'open_workspace');
	const number = meetingNumberOf(event.params.number) ?? error(404, 'not_found');
	const { db, config } = event.locals.runtime;
	const [meeting, workspace] = await Promise.all([
		getMeeting(db, session.claims, pair.id, number),
		getWorkspace(db, session.claims, pair.id)
	]);
	if (!meeting || !workspace || (!meeting.startsAt && !meeting.plannedOn)) error(404, 'not_found');
	const locale = session.user.locale === 'en' ? 'en' : 'nl';
	const body = meetingInvitation({
		id: meeting.id,
		sequence: meeting.sequence,
		startsAt: meeting.startsAt,
		plannedOn: meeting.plannedOn,
		durationMinutes: meeting.durationMinutes,
		summary: m.cal_summary(
			{ number: meeting.number, mentor: workspace.mentor.name, mentee: workspace.mentee.name },
			{ locale }
		),
		place: meeting.place,
		callLink: effectiveCallLink(meeting),
		pairUrl: `${config.origin}/pairs/${pair.id}`,
		updatedAt: meeting.updatedAt
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="mentorpad-${meeting.number}.ics"`
		}
	});
};
