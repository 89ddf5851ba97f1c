import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
	meetingFeed,
	meetingInvitation,
	meetingUid,
	type CalendarMeeting
} from '$lib/server/calendar/ics';

const meeting = (overrides: Partial<CalendarMeeting> = {}): CalendarMeeting => ({
	id: '6f1c1d7e-1111-4c4c-9a9a-0123456789ab',
	sequence: 3,
	startsAt: new Date('2026-12-10T13:00:00Z'),
	plannedOn: '2026-12-10',
	durationMinutes: 90,
	summary: 'Mentorgesprek 3: Ann & Bert',
	place: '',
	callLink: 'https://meet.jit.si/Mentorpad-0123456789abcdef',
	pairUrl: 'https://mentorpad.example.org/pairs/p1',
	updatedAt: new Date('2026-11-30T08:00:00Z'),
	...overrides
});

const events = (ics: string) =>
	new ICAL.Component(ICAL.parse(ics))
		.getAllSubcomponents('vevent')
		.map((component) => new ICAL.Event(component));

/** The physical lines (before unfolding). */
const lines = (ics: string) => ics.split('\r\n').slice(0, -1);

describe('meeting invitations and feeds (iCalendar)', () => {
	it('writes a timed online meeting with UID, SEQUENCE, times in UTC, the call link as URL and LOCATION', () => {
		const ics = meetingInvitation(meeting());
		const [event] = events(ics);
		expect(event.uid).toBe(meetingUid('6f1c1d7e-1111-4c4c-9a9a-0123456789ab'));
		expect(event.sequence).toBe(3);
		expect(event.summary).toBe('Mentorgesprek 3: Ann & Bert');
		expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-10T13:00:00.000Z');
		expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-10T14:30:00.000Z');
		expect(event.startDate.zone?.tzid).toBe('UTC');
		expect(event.location).toBe('https://meet.jit.si/Mentorpad-0123456789abcdef');
		expect(event.component.getFirstPropertyValue('url')).toBe(
			'https://meet.jit.si/Mentorpad-0123456789abcdef'
		);
		expect(event.description).toBe(
			'https://meet.jit.si/Mentorpad-0123456789abcdef\nhttps://mentorpad.example.org/pairs/p1'
		);
		expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
		expect(ics).toContain('METHOD:PUBLISH');
		expect(ics).toMatch(/\r\nDTSTART:20261210T130000Z\r\n/);
	});

	it('writes a meeting without a time as an all-day event, and a face-to-face one with its place', () => {
		const [event] = events(
			meetingInvitation(meeting({ startsAt: null, callLink: null, place: 'Lokaal 12, Gent' }))
		);
		expect(event.startDate.isDate).toBe(true);
		expect(event.startDate.toString()).toBe('2026-12-10');
		expect(event.endDate.toString()).toBe('2026-12-11');
		expect(event.location).toBe('Lokaal 12, Gent');
		expect(event.component.getFirstPropertyValue('url')).toBe(
			'https://mentorpad.example.org/pairs/p1'
		);
	});

	it('ends every line with CRLF and folds lines longer than 75 octets, never inside a character', () => {
		const long = `Mentorgesprek 3: ${'Ærøskøbing-Ñandú '.repeat(12)}`;
		const ics = meetingInvitation(meeting({ summary: long, place: 'é'.repeat(100) }));
		expect(ics.endsWith('\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const encoder = new TextEncoder();
		for (const line of lines(ics)) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
		expect(lines(ics).some((line) => line.startsWith(' '))).toBe(true);
		const [event] = events(ics);
		expect(event.summary).toBe(long);
		expect(event.location).toBe('é'.repeat(100));
	});

	it('keeps hostile text inside its property: line breaks escaped, control characters dropped', () => {
		const ics = meetingInvitation(
			meeting({ place: 'Room\rATTENDEE:mailto:evil@example.org\nX;Y,Z\\\u0007', callLink: null })
		);
		const [event] = events(ics);
		expect(event.component.getAllProperties('attendee')).toEqual([]);
		expect(event.location).toBe('Room\nATTENDEE:mailto:evil@example.org\nX;Y,Z\\');
		expect(ics).not.toMatch(/\r\nATTENDEE/);
	});

	it('a feed names the calendar, asks to be refreshed hourly and holds every meeting once', () => {
		const ics = meetingFeed('Mentorpad: mijn gesprekken', [
			meeting(),
			meeting({ id: 'a2', number: 4, sequence: 0 } as Partial<CalendarMeeting>)
		]);
		const calendar = new ICAL.Component(ICAL.parse(ics));
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Mentorpad: mijn gesprekken');
		expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
		expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
		expect(calendar.getFirstPropertyValue('prodid')).toContain('Mentorpad');
		expect(events(ics).map((e) => [e.uid, e.sequence])).toEqual([
			['6f1c1d7e-1111-4c4c-9a9a-0123456789ab@mentorpad', 3],
			['a2@mentorpad', 0]
		]);
	});
});
