/**
 * Meetings as iCalendar (RFC 5545), written with `ical-generator` (escaping, folding at 75 octets,
 * CRLF). It lives on the server, not in `lib/domain`, because domain code imports only zod; the
 * browser never builds a calendar.
 *
 * Times are written in UTC (`…Z`), which every calendar shows in its own zone, so no VTIMEZONE is
 * needed; a meeting with a date and no time yet is an all-day event. The UID is the meeting's id
 * and never changes; SEQUENCE comes from the meeting row, which the database raises on every
 * change of date, time, place, mode or call link, so calendars replace the old version.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export const ICS_PRODID = { company: 'Mentorpad', product: 'Mentorpad', language: 'NL' };

/** What a calendar shows of one meeting. */
export interface CalendarMeeting {
	id: string;
	sequence: number;
	/** A timed meeting… */
	startsAt: Date | null;
	/** …or an all-day one ('YYYY-MM-DD') while no time is planned. */
	plannedOn: string | null;
	durationMinutes: number;
	summary: string;
	place: string;
	/** The call link that applies (the meeting's own, else the pair's), only for online meetings. */
	callLink: string | null;
	/** A link back to the pair's workspace. */
	pairUrl: string;
	updatedAt: Date;
}

/** The UID of a meeting in every invitation and feed: the same forever. */
export const meetingUid = (meetingId: string) => `${meetingId}@mentorpad`;

/**
 * Control characters other than line breaks have no place in TEXT (RFC 5545 §3.3.11); the library
 * escapes line breaks, so a bare CR in a place cannot end the line and start a property.
 */
const clean = (value: string) =>
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	value.replace(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F]/g, '');

const nextDay = (day: string) => {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + 1);
	return date;
};

/** RFC 5545 ends every content line, the last one too, with CRLF; the library leaves it off. */
const withFinalCrlf = (text: string) => (text.endsWith('\r\n') ? text : `${text}\r\n`);

function addMeeting(calendar: ReturnType<typeof ical>, meeting: CalendarMeeting): void {
	const timed = meeting.startsAt !== null;
	const start = timed
		? new Date(meeting.startsAt as Date)
		: new Date(`${meeting.plannedOn as string}T00:00:00Z`);
	const end = timed
		? new Date(start.getTime() + meeting.durationMinutes * 60_000)
		: nextDay(meeting.plannedOn as string);
	calendar.createEvent({
		id: meetingUid(meeting.id),
		sequence: meeting.sequence,
		start,
		end,
		allDay: !timed,
		stamp: meeting.updatedAt,
		lastModified: meeting.updatedAt,
		summary: clean(meeting.summary),
		location: clean(meeting.place) || meeting.callLink || null,
		description: [meeting.callLink, meeting.pairUrl].filter(Boolean).join('\n'),
		url: meeting.callLink ?? meeting.pairUrl,
		status: ICalEventStatus.CONFIRMED
	});
}

/** One meeting as an invitation to download (METHOD:PUBLISH, like the feed). */
export function meetingInvitation(meeting: CalendarMeeting): string {
	const calendar = ical({ prodId: ICS_PRODID, method: ICalCalendarMethod.PUBLISH });
	addMeeting(calendar, meeting);
	return withFinalCrlf(calendar.toString());
}

/** A person's subscribed calendar: all their meetings, refreshed by the client every hour or so. */
export function meetingFeed(name: string, meetings: CalendarMeeting[]): string {
	const calendar = ical({
		prodId: ICS_PRODID,
		method: ICalCalendarMethod.PUBLISH,
		name,
		// REFRESH-INTERVAL and X-PUBLISHED-TTL: Outlook and Apple honour them; Google polls on its own.
		ttl: 60 * 60
	});
	for (const meeting of meetings) addMeeting(calendar, meeting);
	return withFinalCrlf(calendar.toString());
}
