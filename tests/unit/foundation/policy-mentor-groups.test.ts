import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mentorGroupInput } from '$lib/domain/mentor-groups';
import { can, mentorGroupRole, type Actor, type MentorGroupRef } from '$lib/domain/policy';
import { formatDocumentName, parseDocumentName } from '$lib/shared/collab';

const PROGRAM = '00000000-0000-4000-8000-000000000001';
const group: MentorGroupRef = {
	id: '00000000-0000-4000-8000-0000000000f1',
	programId: PROGRAM,
	mentorId: 'mentor',
	teacherIds: ['t1', 't2', 't3']
};
const as = (userId: string, role: Actor['programRoles'][string] | null): Actor => ({
	userId,
	programRoles: role ? { [PROGRAM]: role } : {},
	organisationRoles: {}
});

describe('group mentoring policy', () => {
	it.each([
		['the mentor', as('mentor', 'mentor'), 'mentor'],
		['a teacher', as('t2', 'mentee'), 'teacher'],
		['a teacher who became an observer', as('t2', 'observer'), null],
		['the mentor, no longer in the programme', as('mentor', null), null],
		['another mentee', as('x', 'mentee'), null],
		['the coordinator', as('c', 'coordinator'), null]
	])('%s has the role %s', (_name, actor, role) => {
		expect(mentorGroupRole(actor, group)).toBe(role);
	});

	it('the group shares its sheets; the coordinator sees the group but not its sheets', () => {
		const sheet = { type: 'mentor_group_sheet', group, templateKey: 'lesson-preparation' } as const;
		for (const actor of [as('mentor', 'mentor'), as('t1', 'mentee'), as('t3', 'mentee')]) {
			expect(can(actor, 'edit', sheet)).toBe(true);
		}
		const coordinator = as('c', 'coordinator');
		expect(can(coordinator, 'view', { type: 'mentor_group', group })).toBe(true);
		expect(can(coordinator, 'open_space', { type: 'mentor_group', group })).toBe(false);
		expect(can(coordinator, 'view', sheet)).toBe(false);
		expect(can(as('s', 'supporter'), 'view', sheet)).toBe(false);
	});

	it('a logbook is its author’s alone', () => {
		const log = { type: 'mentor_group_log', group, authorId: 't1' } as const;
		expect(can(as('t1', 'mentee'), 'edit', log)).toBe(true);
		for (const actor of [as('t2', 'mentee'), as('mentor', 'mentor'), as('c', 'coordinator')]) {
			expect(can(actor, 'view', log)).toBe(false);
		}
		// Not even the author's own once they are out of the group's programme role.
		expect(can(as('t1', 'observer'), 'view', log)).toBe(false);
	});
});

describe('group mentoring document names and form', () => {
	it('parses and formats a group sheet and a logbook', () => {
		const [g, s] = [randomUUID(), randomUUID()];
		expect(parseDocumentName(`mgroup/${g}/sheet/${s}`)).toEqual({
			kind: 'mgroup-sheet',
			mentorGroupId: g,
			sheetId: s
		});
		expect(parseDocumentName(`mgroup/${g}/log/${s}`)).toEqual({
			kind: 'mgroup-log',
			mentorGroupId: g,
			userId: s
		});
		for (const name of [`mgroup/${g}/sheet/${s}`, `mgroup/${g}/log/${s}`]) {
			expect(formatDocumentName(parseDocumentName(name)!)).toBe(name);
		}
		expect(parseDocumentName(`mgroup/${g}/doc/${s}`)).toBeNull();
		expect(parseDocumentName(`mgroup/${g.toUpperCase()}/log/${s}`)).toBeNull();
	});

	it('the form needs a name, a mentor and two to eight different teachers', () => {
		const ids = Array.from({ length: 9 }, () => randomUUID());
		const valid = { name: 'Groep', mentorId: ids[0], teacherIds: ids.slice(1, 3) };
		expect(mentorGroupInput.safeParse(valid).success).toBe(true);
		const issue = (input: object) =>
			mentorGroupInput.safeParse({ ...valid, ...input }).error?.issues[0]?.message;
		expect(issue({ teacherIds: [ids[1]] })).toBe('too_few');
		expect(issue({ teacherIds: ids })).toBe('too_many');
		expect(issue({ teacherIds: [ids[1], ids[1]] })).toBe('duplicate');
		expect(issue({ name: '  ' })).toBe('required');
		expect(issue({ name: 'a\u0000b' })).toBe('control_characters');
	});
});
