import { m } from '$lib/paraglide/messages.js';
import type { Database } from '$lib/server/db/types';
import { meetingInvitation } from './ics';

interface InvitationRow {
	id: string;
	number: number;
	pairId: string;
	plannedOn: string | null;
	startsAt: Date | null;
	durationMinutes: number;
	place: string;
	mode: 'face_to_face' | 'online';
	callLink: string | null;
	pairCallLink: string | null;
	sequence: number;
	updatedAt: Date;
	mentorName: string;
	menteeName: string;
}

/**
 * A meeting's invitation as a mail attachment (server work: a reminder, a changed meeting): the
 * same UID and the current SEQUENCE as the person's feed and the download on the meeting page, so
 * a calendar replaces the earlier version. Null while the meeting has no date.
 */
export async function meetingInvitationAttachment(
	db: Database,
	meetingId: string,
	locale: 'nl' | 'en',
	origin: string
): Promise<{ filename: string; contentType: string; content: string } | null> {
	const rows = await db.asService((tx) =>
		tx.query<InvitationRow>(
			`select m.id, m.number, m.pair_id as "pairId", m.planned_on::text as "plannedOn",
				m.starts_at as "startsAt", m.duration_minutes as "durationMinutes", m.place, m.mode,
				m.call_link as "callLink", l.url as "pairCallLink", m.sequence, m.updated_at as "updatedAt",
				mentor.display_name as "mentorName", mentee.display_name as "menteeName"
			 from public.meetings m
			 join public.pairs p on p.id = m.pair_id
			 join public.profiles mentor on mentor.id = p.mentor_id
			 join public.profiles mentee on mentee.id = p.mentee_id
			 left join public.pair_call_links l on l.pair_id = p.id
			 where m.id = $1`,
			[meetingId]
		)
	);
	const meeting = rows[0];
	if (!meeting || (!meeting.startsAt && !meeting.plannedOn)) return null;
	return {
		filename: `mentorpad-${meeting.number}.ics`,
		contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
		content: meetingInvitation({
			id: meeting.id,
			sequence: meeting.sequence,
			startsAt: meeting.startsAt,
			plannedOn: meeting.plannedOn,
			durationMinutes: meeting.durationMinutes,
			summary: m.cal_summary(
				{ number: meeting.number, mentor: meeting.mentorName, mentee: meeting.menteeName },
				{ locale }
			),
			place: meeting.place,
			callLink: meeting.mode === 'online' ? (meeting.callLink ?? meeting.pairCallLink) : null,
			pairUrl: `${origin}/pairs/${meeting.pairId}`,
			updatedAt: meeting.updatedAt
		})
	};
}
