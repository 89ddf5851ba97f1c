import { describe, expect, it } from 'vitest';
import { pathForLog } from '$lib/server/log';

describe('pathForLog', () => {
	it('leaves the token of reset and invitation links out of request logs', () => {
		expect(pathForLog('/reset/abcDEF123_-xyz')).toBe('/reset/[token]');
		expect(pathForLog('/invite/abcDEF123_-xyz')).toBe('/invite/[token]');
		expect(pathForLog('/invite/abcDEF123_-xyz/__data.json')).toBe('/invite/[token]/__data.json');
		expect(pathForLog('/calendar/abcDEF123_-xyz.ics')).toBe('/calendar/[token]');
	});

	it('keeps every other path', () => {
		for (const path of ['/reset', '/programs/1/people', '/pairs/2/meetings/1', '/']) {
			expect(pathForLog(path)).toBe(path);
		}
	});
});
