import { describe, expect, it } from 'vitest';
import { can, type Actor, type GroupRef, type ReflectionRef } from '$lib/domain/policy';

const PROGRAM = '00000000-0000-4000-8000-000000000001';
const SCHOOL_A = '00000000-0000-4000-8000-0000000000a1';
const SCHOOL_B = '00000000-0000-4000-8000-0000000000b1';

const group: GroupRef = {
	id: '00000000-0000-4000-8000-0000000000f1',
	programId: PROGRAM,
	selfSteeringSince: null,
	members: [
		{ userId: 'author', role: 'member', schoolId: SCHOOL_A },
		{ userId: 'colleague', role: 'member', schoolId: SCHOOL_A },
		{ userId: 'other-school', role: 'member', schoolId: SCHOOL_B },
		{ userId: 'coach', role: 'facilitator', schoolId: null }
	]
};

const person = (
	userId: string,
	role: 'coordinator' | 'mentee' | 'supporter' = 'mentee'
): Actor => ({
	userId,
	programRoles: { [PROGRAM]: role },
	organisationRoles: {}
});
const people = {
	author: person('author'),
	colleague: person('colleague'),
	otherSchool: person('other-school'),
	coach: person('coach', 'supporter'),
	coordinator: person('coord', 'coordinator'),
	outsider: person('outsider'),
	// in the group's rows, but no longer in the programme
	removed: { userId: 'colleague', programRoles: {}, organisationRoles: {} } satisfies Actor
};

const reflection = (shareScope: ReflectionRef['shareScope']) => ({
	type: 'reflection' as const,
	reflection: { id: 'r', authorId: 'author', group, shareScope }
});

const who = (check: (a: Actor) => boolean) =>
	Object.entries(people)
		.filter(([, a]) => check(a))
		.map(([name]) => name);

describe('policy: learning-community groups', () => {
	it('the group and the coordinator see the group; only the group opens its space and documents', () => {
		expect(who((a) => can(a, 'view', { type: 'group', group }))).toEqual([
			'author',
			'colleague',
			'otherSchool',
			'coach',
			'coordinator'
		]);
		const space = ['author', 'colleague', 'otherSchool', 'coach'];
		expect(who((a) => can(a, 'open_space', { type: 'group', group }))).toEqual(space);
		expect(who((a) => can(a, 'edit', { type: 'group_doc', group }))).toEqual(space);
	});

	it('engagement counts: coordinator and facilitator; hand-over: the facilitator, once', () => {
		expect(who((a) => can(a, 'view_engagement', { type: 'group', group }))).toEqual([
			'coach',
			'coordinator'
		]);
		expect(who((a) => can(a, 'hand_over', { type: 'group', group }))).toEqual(['coach']);
		const steered = { ...group, selfSteeringSince: '2027-09-01' };
		expect(who((a) => can(a, 'hand_over', { type: 'group', group: steered }))).toEqual([]);
	});

	it('a private reflection is its author’s only', () => {
		expect(who((a) => can(a, 'view', reflection(null)))).toEqual(['author']);
	});

	it('shared with the group: members and facilitator read; shared with the school: colleagues', () => {
		expect(who((a) => can(a, 'view', reflection('group')))).toEqual([
			'author',
			'colleague',
			'otherSchool',
			'coach'
		]);
		expect(who((a) => can(a, 'view', reflection('school')))).toEqual(['author', 'colleague']);
	});

	it('only the author edits, shares and deletes, whatever the scope', () => {
		for (const scope of [null, 'group', 'school'] as const) {
			for (const action of ['edit', 'share', 'delete'] as const) {
				expect(who((a) => can(a, action, reflection(scope)))).toEqual(['author']);
			}
		}
	});
});
