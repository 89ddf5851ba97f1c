import { describe, expect, it } from 'vitest';
import { hostRotation, nextHost } from '$lib/domain/groups/host-rotation';

const anker = { id: 'a', name: 'Het Anker' };
const linde = { id: 'l', name: 'Basisschool De Linde' };
const jozef = { id: 'j', name: 'Sint-Jozefschool' };
const schools = [jozef, anker, linde];

describe('host rotation', () => {
	it('without meetings proposes the schools by name', () => {
		expect(hostRotation(schools, []).map((t) => t.name)).toEqual([
			'Basisschool De Linde',
			'Het Anker',
			'Sint-Jozefschool'
		]);
		expect(nextHost(schools, [])).toEqual(linde);
	});

	it('puts a school that never hosted before one that did, then the least recent host', () => {
		const meetings = [
			{ hostSchoolId: 'l', startsAt: '2026-09-01T12:00:00Z' },
			{ hostSchoolId: 'a', startsAt: '2026-10-01T12:00:00Z' }
		];
		const turns = hostRotation(schools, meetings);
		expect(turns.map((t) => t.id)).toEqual(['j', 'l', 'a']);
		expect(turns[1]).toMatchObject({ hosted: 1, lastHostedAt: '2026-09-01T12:00:00Z' });
		expect(turns[0]).toMatchObject({ hosted: 0, lastHostedAt: null });
	});

	it('counts every turn and orders by the latest one, whatever the order of the rows', () => {
		const meetings = [
			{ hostSchoolId: 'a', startsAt: '2026-11-01T12:00:00Z' },
			{ hostSchoolId: 'l', startsAt: '2026-12-01T12:00:00Z' },
			{ hostSchoolId: 'j', startsAt: '2026-10-01T12:00:00Z' },
			{ hostSchoolId: 'l', startsAt: '2026-09-01T12:00:00Z' }
		];
		const turns = hostRotation(schools, meetings);
		expect(turns.map((t) => [t.id, t.hosted])).toEqual([
			['j', 1],
			['a', 1],
			['l', 2]
		]);
		expect(turns[2].lastHostedAt).toBe('2026-12-01T12:00:00Z');
	});

	it('breaks a tie of dates by name and ignores meetings without a host or of a school that left', () => {
		const meetings = [
			{ hostSchoolId: 'j', startsAt: '2026-10-01T12:00:00Z' },
			{ hostSchoolId: 'a', startsAt: '2026-10-01T12:00:00Z' },
			{ hostSchoolId: 'l', startsAt: '2026-10-01T12:00:00Z' },
			{ hostSchoolId: null, startsAt: '2026-01-01T12:00:00Z' },
			{ hostSchoolId: 'gone', startsAt: '2025-01-01T12:00:00Z' }
		];
		expect(hostRotation(schools, meetings).map((t) => t.id)).toEqual(['l', 'a', 'j']);
	});

	it('has no proposal without schools', () => {
		expect(nextHost([], [])).toBeNull();
	});
});
