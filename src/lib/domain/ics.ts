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

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break
 * (CRLF, LF or a bare CR) written as `\n`, and other control characters dropped, as TEXT may not
 * hold them. A bare CR left in place ends the line for many readers, so "Room\rATTENDEE:…" in a
 * meeting place would add a property to the invitation.
 */
export function escapeText(value: string): string {
	return (
		value
			.replace(/\\/g, '\\\\')
			.replace(/;/g, '\\;')
			.replace(/,/g, '\\,')
			.replace(/\r\n|\r|\n/g, '\\n')
			// eslint-disable-next-line no-control-regex -- removing control characters is the point
			.replace(/[\u0000-\u0008\u000A-\u001F\u007F]/g, '')
	);
}

/**
 * A URI value (RFC 5545 §3.3.13) has no escapes: control characters, which a URI cannot contain
 * anyway, are percent-encoded so they cannot end the line.
 */
export function escapeUri(value: string): string {
	// eslint-disable-next-line no-control-regex -- encoding control characters is the point
	return value.replace(/[\u0000-\u001F\u007F]/g, (c) => encodeURIComponent(c));
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
	// The UID is the meeting's id (a UUID), but nothing here relies on that.
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Mentorpad//Mentorpad//NL',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${escapeText(event.uid)}`,
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
	if (event.url) lines.push(`URL:${escapeUri(event.url)}`);
	lines.push('END:VEVENT', 'END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
