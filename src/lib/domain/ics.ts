/** A calendar invitation (RFC 5545) for one meeting. */
export interface CalendarEvent {
	uid: string;
	/** A timed event… */
	start?: Date;
	durationMinutes: number;
	/** …or an all-day one ('YYYY-MM-DD') when no time is planned yet. */
	date?: string;
	summary: string;
	location?: string;
	description?: string;
	url?: string;
	stamp?: Date;
}

/** Text values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const bytes = encoder.encode(char).length;
		const limit = parts.length === 0 ? 75 : 74;
		if (size + bytes > limit) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += bytes;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

const utc = (date: Date) =>
	date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

export function toIcs(event: CalendarEvent): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Mentorpad//Mentorpad//NL',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${event.uid}`,
		`DTSTAMP:${utc(event.stamp ?? new Date())}`
	];
	if (event.start) {
		lines.push(`DTSTART:${utc(event.start)}`, `DURATION:PT${event.durationMinutes}M`);
	} else if (event.date) {
		const day = event.date.replace(/-/g, '');
		lines.push(`DTSTART;VALUE=DATE:${day}`, 'DURATION:P1D');
	} else {
		throw new Error('a calendar event needs a start or a date');
	}
	lines.push(`SUMMARY:${escapeText(event.summary)}`);
	if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
	if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
	if (event.url) lines.push(`URL:${event.url}`);
	lines.push('END:VEVENT', 'END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
