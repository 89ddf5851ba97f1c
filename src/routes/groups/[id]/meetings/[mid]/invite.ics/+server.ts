import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { isUuid } from '$lib/server/db/transaction';
import { requireGroup } from '$lib/server/groups/load';
import { getGroupMeeting, groupMeetingIcs } from '$lib/server/groups/meetings';
import { loadGroupSpace } from '$lib/server/groups/queries';
import type { RequestHandler } from './$types';

/** A group meeting as a calendar invitation (UID = the meeting's id; SEQUENCE from its row). */
export const GET: RequestHandler = async (event) => {
	const { session, group } = await requireGroup(event);
	if (!isUuid(event.params.mid)) error(404, 'not_found');
	const { db, config } = event.locals.runtime;
	const [meeting, space] = await Promise.all([
		getGroupMeeting(db, session.claims, group.id, event.params.mid),
		loadGroupSpace(db, session.claims, group.id)
	]);
	if (!meeting || !space) error(404, 'not_found');
	const locale = session.user.locale === 'en' ? 'en' : 'nl';
	const body = groupMeetingIcs(
		meeting,
		m.lg_meeting_summary({ group: space.group.name }, { locale }),
		`${config.origin}/groups/${group.id}/meetings`
	);
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="mentorpad-group-meeting.ics"'
		}
	});
};
