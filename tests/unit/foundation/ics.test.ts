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

	it.each([
		['a bare CR', 'Room\rATTENDEE:mailto:x@example.org', 'Room\\nATTENDEE:mailto:x@example.org'],
		['a bare LF', 'Room\nEND:VEVENT', 'Room\\nEND:VEVENT'],
		['a CRLF, as one line break', 'Room\r\nEND:VCALENDAR', 'Room\\nEND:VCALENDAR'],
		['two line breaks', 'a\n\rb\r\rc', 'a\\n\\nb\\n\\nc'],
		['commas, semicolons and backslashes', 'Zaal 2, Gent; C:\\x', 'Zaal 2\\, Gent\\; C:\\\\x'],
		['other control characters, dropped', 'a\u0000b\u001bc\u007fd\te', 'abcd\te']
	])('escapes %s in text', (_, value, escaped) => {
		expect(escapeText(value)).toBe(escaped);
	});

	it('lets no place, summary, description or link add a line of its own', () => {
		const hostile = 'Room\rATTENDEE:mailto:x@example.org\nEND:VEVENT\r\nBEGIN:VALARM';
		const ics = toIcs({
			uid: 'm1@mentorpad',
			start: new Date('2026-12-01T13:30:00Z'),
			durationMinutes: 60,
			summary: hostile,
			location: hostile,
			description: hostile,
			url: 'https://meet.example.org/a\rATTENDEE:mailto:x@example.org',
			stamp: new Date('2026-11-24T08:00:00Z')
		});
		// Every line ends in CRLF: no CR or LF of its own anywhere else.
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const unfolded = ics.replace(/\r\n /g, '').split('\r\n');
		const names = unfolded.filter(Boolean).map((line) => /^[A-Z-]+/.exec(line)?.[0]);
		expect(names).toEqual([
			'BEGIN',
			'VERSION',
			'PRODID',
			'CALSCALE',
			'METHOD',
			'BEGIN',
			'UID',
			'DTSTAMP',
			'DTSTART',
			'DURATION',
			'SUMMARY',
			'LOCATION',
			'DESCRIPTION',
			'URL',
			'END',
			'END'
		]);
		expect(unfolded).toContain('URL:https://meet.example.org/a%0DATTENDEE:mailto:x@example.org');
	});

	it('folds long multibyte lines at 75 octets without splitting a character', () => {
		const octets = (line: string) => new TextEncoder().encode(line).length;
		// 2-, 3- and 4-byte characters, so every fold point is tried inside a character.
		for (const char of ['é', '€', '😀', 'a€😀é']) {
			for (let prefix = 0; prefix < 4; prefix++) {
				const line = 'LOCATION:' + 'x'.repeat(prefix) + char.repeat(80);
				const folded = foldLine(line);
				const parts = folded.split('\r\n');
				expect(parts.length).toBeGreaterThan(1);
				for (const [i, part] of parts.entries()) {
					expect(octets(part), `${char} ${prefix} part ${i}`).toBeLessThanOrEqual(75);
					if (i > 0) expect(part.startsWith(' ')).toBe(true);
					expect(part).not.toContain('\uFFFD');
					expect(part.isWellFormed()).toBe(true);
				}
				expect(folded.replace(/\r\n /g, '')).toBe(line);
			}
		}
		expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
		expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
	});
});
