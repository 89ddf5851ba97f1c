import { error } from '@sveltejs/kit';
import { toIcs } from '$lib/domain/ics';
import { requirePair } from '$lib/server/pairs/load';
import { getMeeting, meetingNumberOf } from '$lib/server/pairs/meetings';
import { getWorkspace } from '$lib/server/pairs/queries';
import type { RequestHandler } from './$types';

/** The meeting as a calendar invitation, for the pair's own calendars. */
export const GET: RequestHandler = async (event) => {
	const { session, pair } = await requirePair(event, 'open_workspace');
	const number = meetingNumberOf(event.params.number) ?? error(404, 'not_found');
	const { db, config } = event.locals.runtime;
	const [meeting, workspace] = await Promise.all([
		getMeeting(db, session.claims, pair.id, number),
		getWorkspace(db, session.claims, pair.id)
	]);
	if (!meeting || !workspace || (!meeting.startsAt && !meeting.plannedOn)) error(404, 'not_found');
	const en = session.user.locale === 'en';
	const body = toIcs({
		uid: `${meeting.id}@mentorpad`,
		start: meeting.startsAt ? new Date(meeting.startsAt) : undefined,
		date: meeting.startsAt ? undefined : (meeting.plannedOn ?? undefined),
		durationMinutes: meeting.durationMinutes,
		summary: `${en ? 'Mentoring meeting' : 'Mentorgesprek'} ${meeting.number}: ${workspace.mentor.name} & ${workspace.mentee.name}`,
		location: meeting.place || (meeting.callLink ?? undefined),
		description: [meeting.callLink, `${config.origin}/pairs/${pair.id}`].filter(Boolean).join('\n'),
		url: meeting.callLink ?? undefined
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="mentorpad-${meeting.number}.ics"`
		}
	});
};
