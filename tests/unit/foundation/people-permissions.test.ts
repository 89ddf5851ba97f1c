import { describe, expect, it } from 'vitest';
import { PROGRAM_ROLES, type Actor, type ProgramRole } from '$lib/domain/policy';
import {
	personPermissions,
	type PersonPermissions,
	type PersonRow
} from '$lib/domain/policy/people-permissions';

const PROGRAM = { id: '00000000-0000-4000-8000-000000000001', organisationId: 'org-1' };
const ME = '00000000-0000-4000-8000-00000000000a';
const THEM = '00000000-0000-4000-8000-00000000000b';

const as = (role: ProgramRole | null, programId = PROGRAM.id): Actor => ({
	userId: ME,
	programRoles: role ? { [programId]: role } : {},
	organisationRoles: {}
});

const member = (
	role: ProgramRole,
	status: PersonRow['status'] = 'active',
	userId = THEM
): PersonRow => ({ membershipId: 'm-1', invitationId: null, userId, role, status });
const invitation = (role: ProgramRole = 'mentee'): PersonRow => ({
	membershipId: null,
	invitationId: 'i-1',
	userId: null,
	role,
	status: 'invited'
});

const NOTHING: PersonPermissions = {
	changeRole: false,
	remove: false,
	seeAnswers: false,
	renewInvitation: false,
	revokeInvitation: false
};
const coordinator = as('coordinator');

describe('personPermissions', () => {
	for (const role of PROGRAM_ROLES)
		it(`a coordinator manages an active ${role}`, () => {
			expect(personPermissions(coordinator, PROGRAM, member(role))).toEqual({
				...NOTHING,
				changeRole: true,
				remove: true,
				seeAnswers: role === 'mentor' || role === 'mentee'
			});
		});

	for (const status of ['removed', 'invited', 'expired'] as const)
		it(`nothing changes for a member who is ${status}`, () => {
			expect(personPermissions(coordinator, PROGRAM, member('mentee', status))).toEqual(NOTHING);
		});

	it('a coordinator never changes or removes themselves (their answers: none to read)', () => {
		expect(personPermissions(coordinator, PROGRAM, member('coordinator', 'active', ME))).toEqual(
			NOTHING
		);
	});

	it('a coordinator renews or revokes an open invitation', () => {
		expect(personPermissions(coordinator, PROGRAM, invitation())).toEqual({
			...NOTHING,
			renewInvitation: true,
			revokeInvitation: true
		});
	});

	const others: Record<string, Actor> = {
		...Object.fromEntries(
			PROGRAM_ROLES.filter((r) => r !== 'coordinator').map((r) => [`a ${r}`, as(r)])
		),
		'a coordinator of another programme': as('coordinator', 'another'),
		'someone outside': as(null)
	};
	for (const [who, actor] of Object.entries(others))
		it(`${who} may do nothing on any row`, () => {
			for (const row of [member('mentee'), member('mentor'), invitation()])
				expect(personPermissions(actor, PROGRAM, row)).toEqual(NOTHING);
		});
});
