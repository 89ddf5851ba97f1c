import { describe, expect, it } from 'vitest';
import {
	can,
	programPermissions,
	type Action,
	type Actor,
	type Entity,
	type PairRef,
	type ProgramRole
} from '$lib/domain/policy';

const PROGRAM = '00000000-0000-4000-8000-000000000001';
const OTHER_PROGRAM = '00000000-0000-4000-8000-000000000002';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const ME = '00000000-0000-4000-8000-00000000000a';
const SOMEONE = '00000000-0000-4000-8000-00000000000b';

const actor = (
	role: ProgramRole | null,
	orgRole: 'owner' | 'coordinator' | null = null
): Actor => ({
	userId: ME,
	programRoles: role ? { [PROGRAM]: role } : {},
	organisationRoles: orgRole ? { [ORG]: orgRole } : {}
});

const program: Entity = { type: 'program', id: PROGRAM, organisationId: ORG };
const otherProgram: Entity = { type: 'program', id: OTHER_PROGRAM, organisationId: ORG };
const someonesMembership: Entity = {
	type: 'membership',
	programId: PROGRAM,
	userId: SOMEONE,
	role: 'mentee'
};
const myMembership: Entity = {
	type: 'membership',
	programId: PROGRAM,
	userId: ME,
	role: 'coordinator'
};
const invitation: Entity = { type: 'invitation', programId: PROGRAM };
const audit: Entity = { type: 'audit', programId: PROGRAM };

type Row = [string, Action, Entity, Record<ProgramRole | 'none', boolean>];
const all = (v: boolean) => ({
	coordinator: v,
	supporter: v,
	mentor: v,
	mentee: v,
	observer: v,
	none: v
});
const onlyCoordinator = { ...all(false), coordinator: true };
const anyMember = { ...all(true), none: false };

// Role × action × entity → expected decision. Every row is checked for every role.
const TABLE: Row[] = [
	['view programme', 'view', program, anyMember],
	['edit programme', 'edit', program, onlyCoordinator],
	['see people', 'view_people', program, onlyCoordinator],
	['invite', 'invite', program, onlyCoordinator],
	['view programme I am not in', 'view', otherProgram, all(false)],
	['edit programme I am not in', 'edit', otherProgram, all(false)],
	['see invitations', 'view', invitation, onlyCoordinator],
	['revoke invitation', 'revoke', invitation, onlyCoordinator],
	["view someone's membership", 'view', someonesMembership, onlyCoordinator],
	["change someone's role", 'change_role', someonesMembership, onlyCoordinator],
	['remove someone', 'remove', someonesMembership, onlyCoordinator],
	['view my own membership', 'view', myMembership, { ...all(true) }],
	['change my own role', 'change_role', myMembership, all(false)],
	['remove myself', 'remove', myMembership, all(false)],
	['read audit trail', 'view', audit, onlyCoordinator],
	[
		'read the logbook and exit inbox',
		'view_inbox',
		program,
		{ ...onlyCoordinator, supporter: true }
	],
	['handle exit requests', 'handle_exit', program, onlyCoordinator],
	[
		'fill intake and matching-day forms',
		'fill_intake',
		program,
		{ ...all(false), mentor: true, mentee: true }
	],
	['assign supporters', 'assign_supporter', program, onlyCoordinator],
	['an unknown action', 'create_program', program, all(false)]
];

describe('policy: role × action × entity', () => {
	for (const [label, action, entity, expected] of TABLE) {
		for (const role of [
			'coordinator',
			'supporter',
			'mentor',
			'mentee',
			'observer',
			'none'
		] as const) {
			it(`${role}: ${label} → ${expected[role] ? 'allow' : 'deny'}`, () => {
				expect(can(actor(role === 'none' ? null : role), action, entity)).toBe(expected[role]);
			});
		}
	}
});

describe('policy: organisation', () => {
	it.each([
		['owner', true],
		['coordinator', true],
		[null, false]
	] as const)('organisation role %s may create programmes: %s', (orgRole, expected) => {
		expect(can(actor(null, orgRole), 'create_program', { type: 'organisation', id: ORG })).toBe(
			expected
		);
	});

	it('denies everything to an anonymous actor', () => {
		const anonymous: Actor = {
			userId: '',
			programRoles: { [PROGRAM]: 'coordinator' },
			organisationRoles: {}
		};
		expect(can(anonymous, 'view', program)).toBe(false);
	});

	it('computes UI permissions from the same rules', () => {
		expect(programPermissions(actor('coordinator'), { id: PROGRAM, organisationId: ORG })).toEqual({
			view: true,
			edit: true,
			viewPeople: true,
			invite: true,
			viewAudit: true,
			viewInbox: true,
			fillIntake: false,
			handleExit: true
		});
		expect(programPermissions(actor('mentee'), { id: PROGRAM, organisationId: ORG })).toEqual({
			view: true,
			edit: false,
			viewPeople: false,
			invite: false,
			viewAudit: false,
			viewInbox: false,
			fillIntake: true,
			handleExit: false
		});
	});

	it('is not fooled by inherited object keys', () => {
		expect(can(actor(null), 'view', { type: 'program', id: 'toString', organisationId: ORG })).toBe(
			false
		);
	});
});

describe('policy: pairs, sheets and logbooks', () => {
	const MENTOR = '00000000-0000-4000-8000-000000000101';
	const MENTEE = '00000000-0000-4000-8000-000000000102';
	const SUPPORTER = '00000000-0000-4000-8000-000000000103';
	const COORDINATOR = '00000000-0000-4000-8000-000000000104';
	const OTHER = '00000000-0000-4000-8000-000000000105';
	const pairOf = (status: PairRef['status'] = 'active'): PairRef => ({
		id: 'pair',
		programId: PROGRAM,
		mentorId: MENTOR,
		menteeId: MENTEE,
		supporterId: SUPPORTER,
		status
	});
	const person = (userId: string, role: ProgramRole | null): Actor => ({
		userId,
		programRoles: role ? { [PROGRAM]: role } : {},
		organisationRoles: {}
	});
	const people = {
		mentor: person(MENTOR, 'mentor'),
		mentee: person(MENTEE, 'mentee'),
		supporter: person(SUPPORTER, 'supporter'),
		coordinator: person(COORDINATOR, 'coordinator'),
		otherMentor: person(OTHER, 'mentor'),
		removedMentor: person(MENTOR, null)
	};
	type Who = keyof typeof people;
	const rows: [string, Action, (p: PairRef) => Entity, Who[]][] = [
		[
			'see the pair',
			'view',
			(pair) => ({ type: 'pair', pair }),
			['mentor', 'mentee', 'supporter', 'coordinator']
		],
		[
			'open the workspace',
			'open_workspace',
			(pair) => ({ type: 'pair', pair }),
			['mentor', 'mentee']
		],
		[
			'read a sheet',
			'view',
			(pair) => ({ type: 'sheet', pair, templateKey: 'PS1' }),
			['mentor', 'mentee']
		],
		[
			'edit a sheet',
			'edit',
			(pair) => ({ type: 'sheet', pair, templateKey: 'PS1' }),
			['mentor', 'mentee']
		],
		[
			'sign a sheet',
			'sign',
			(pair) => ({ type: 'sheet', pair, templateKey: '01-agreement' }),
			['mentor', 'mentee']
		],
		[
			'co-sign the confidentiality agreement',
			'sign_as_coordinator',
			(pair) => ({ type: 'sheet', pair, templateKey: '02-confidentiality' }),
			['coordinator']
		],
		[
			'co-sign another sheet as coordinator',
			'sign_as_coordinator',
			(pair) => ({ type: 'sheet', pair, templateKey: '01-agreement' }),
			[]
		],
		[
			"read the mentor's logbook",
			'view',
			(pair) => ({ type: 'logbook', pair, authorId: MENTOR }),
			['mentor']
		],
		[
			"read the mentee's logbook",
			'view',
			(pair) => ({ type: 'logbook', pair, authorId: MENTEE }),
			['mentee']
		],
		['plan meetings', 'plan_meetings', (pair) => ({ type: 'pair', pair }), ['mentor', 'mentee']],
		[
			'submit logbook part 2',
			'submit_log',
			(pair) => ({ type: 'pair', pair }),
			['mentor', 'mentee']
		],
		[
			'ask to end the pair',
			'request_exit',
			(pair) => ({ type: 'pair', pair }),
			['mentor', 'mentee']
		]
	];
	for (const [label, action, entity, allowed] of rows) {
		for (const who of Object.keys(people) as Who[]) {
			it(`${who}: ${label} → ${allowed.includes(who) ? 'allow' : 'deny'}`, () => {
				expect(can(people[who], action, entity(pairOf()))).toBe(allowed.includes(who));
			});
		}
	}

	it.each(['paused', 'ended'] as const)('a %s pair is read-only for its two people', (status) => {
		const sheet: Entity = { type: 'sheet', pair: pairOf(status), templateKey: 'PS1' };
		expect(can(people.mentee, 'view', sheet)).toBe(true);
		expect(can(people.mentee, 'edit', sheet)).toBe(false);
		expect(can(people.mentor, 'sign', sheet)).toBe(false);
		expect(
			can(people.mentor, 'edit', { type: 'logbook', pair: pairOf(status), authorId: MENTOR })
		).toBe(false);
	});
});
