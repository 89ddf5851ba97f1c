import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toIcs } from '$lib/domain/ics';

describe('ics', () => {
	it('writes a timed meeting with UTC start and duration', () => {
		const ics = toIcs({
			uid: 'm1@mentorpad',
			start: new Date('2026-12-01T13:30:00Z'),
			durationMinutes: 120,
			summary: 'Mentorgesprek 1: Carla & Fien',
			location: 'Zaal 2, Gent',
			url: 'https://meet.example.org/abc',
			stamp: new Date('2026-11-24T08:00:00Z')
		});
		expect(ics.split('\r\n')).toEqual([
			'BEGIN:VCALENDAR',
			'VERSION:2.0',
			'PRODID:-//Mentorpad//Mentorpad//NL',
			'CALSCALE:GREGORIAN',
			'METHOD:PUBLISH',
			'BEGIN:VEVENT',
			'UID:m1@mentorpad',
			'DTSTAMP:20261124T080000Z',
			'DTSTART:20261201T133000Z',
			'DURATION:PT120M',
			'SUMMARY:Mentorgesprek 1: Carla & Fien',
			'LOCATION:Zaal 2\\, Gent',
			'URL:https://meet.example.org/abc',
			'END:VEVENT',
			'END:VCALENDAR',
			''
		]);
	});

	it('writes an all-day event when only the date is planned', () => {
		expect(toIcs({ uid: 'x', date: '2026-12-15', durationMinutes: 120, summary: 's' })).toContain(
			'DTSTART;VALUE=DATE:20261215\r\nDURATION:P1D'
		);
	});

	it('escapes text and folds long lines without splitting characters', () => {
		expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
		const long = 'SUMMARY:' + 'é'.repeat(60);
		const folded = foldLine(long);
		for (const line of folded.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(folded.replace(/\r\n /g, '')).toBe(long);
	});
});
