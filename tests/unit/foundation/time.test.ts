import { describe, expect, it } from 'vitest';
import { todayInProgramZone } from '$lib/domain/time';
import { formatDateTime, formatTime } from '$lib/i18n';

describe('times are shown in the programme’s time zone, wherever the server runs', () => {
	it('shows 14:30 for a meeting stored as 13:30 UTC in winter, 14:30 as 12:30 UTC in summer', () => {
		expect(formatTime(new Date('2026-12-01T13:30:00Z'), 'nl')).toBe('14:30');
		expect(formatTime('2026-06-01T12:30:00.000Z', 'en')).toBe('14:30');
	});

	it('formats date and time together in both languages', () => {
		expect(formatDateTime(new Date('2026-12-01T13:30:00Z'), 'nl')).toMatch(/14:30/);
		expect(formatDateTime(new Date('2026-12-01T13:30:00Z'), 'en')).toMatch(/1 Dec 2026.*14:30/);
	});

	it('knows which day it is in Brussels around midnight UTC', () => {
		expect(todayInProgramZone(new Date('2026-11-29T23:30:00Z'))).toBe('2026-11-30');
		expect(todayInProgramZone(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
		expect(todayInProgramZone(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
	});
});
