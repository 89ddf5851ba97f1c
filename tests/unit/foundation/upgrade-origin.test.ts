import { describe, expect, it } from 'vitest';
import { checkUpgradeOrigin } from '$lib/server/upgrade-origin';

const none = { ALLOWED_ORIGINS: [] };
const configured = {
	ORIGIN: 'https://mentorpad.example.org',
	ALLOWED_ORIGINS: ['https://mentorpad.school.be']
};

describe('checkUpgradeOrigin', () => {
	it.each([
		['http://localhost:3000', 'localhost:3000'],
		['http://LOCALHOST:3000', 'localhost:3000'],
		['http://127.0.0.1:4173', '127.0.0.1:4173'],
		['https://mentorpad.test', 'mentorpad.test']
	])('without ORIGIN accepts a page of the same host and port: %s', (origin, host) => {
		expect(checkUpgradeOrigin({ origin, host }, none)).toEqual({ ok: true, cookies: true });
	});

	it.each([
		['http://localhost:5555', 'localhost:3000'],
		['http://localhost', 'localhost:3000'],
		['http://evil.example', 'localhost:3000'],
		['null', 'localhost:3000'],
		['file://', 'localhost:3000'],
		['not a url', 'localhost:3000'],
		['http://localhost:3000', undefined]
	])('without ORIGIN refuses %s (Host %s)', (origin, host) => {
		expect(checkUpgradeOrigin({ origin, host }, none).ok).toBe(false);
	});

	it('with ORIGIN compares the whole origin, not the Host', () => {
		const host = 'mentorpad.example.org';
		const ok = (origin: string) => checkUpgradeOrigin({ origin, host }, configured).ok;
		expect(ok('https://mentorpad.example.org')).toBe(true);
		expect(ok('https://mentorpad.school.be')).toBe(true);
		expect(ok('http://mentorpad.example.org')).toBe(false);
		expect(ok('https://mentorpad.example.org:444')).toBe(false);
		expect(ok('https://sub.mentorpad.example.org')).toBe(false);
	});

	it('without Origin allows the upgrade but not its cookies', () => {
		expect(checkUpgradeOrigin({ host: 'localhost:3000' }, none)).toEqual({
			ok: true,
			cookies: false
		});
	});
});
