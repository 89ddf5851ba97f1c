import { describe, expect, it } from 'vitest';
import {
	ANONYMOUS,
	type Actor,
	type PairRef,
	type PairStatus,
	type ProgramRole
} from '$lib/domain/policy';
import { sheetPermissions, type SheetPermissions } from '$lib/domain/policy/sheet-permissions';
import { CONFIDENTIALITY_KEY, DEVELOPMENT_PLAN_KEY } from '$lib/domain/templates/keys';

const PROGRAM = '00000000-0000-4000-8000-000000000001';
const MENTOR = '00000000-0000-4000-8000-00000000000a';
const MENTEE = '00000000-0000-4000-8000-00000000000b';
const SUPPORTER = '00000000-0000-4000-8000-00000000000c';
const OTHER = '00000000-0000-4000-8000-00000000000d';

const pair = (status: PairStatus): PairRef => ({
	id: '00000000-0000-4000-8000-0000000000f1',
	programId: PROGRAM,
	mentorId: MENTOR,
	menteeId: MENTEE,
	supporterId: SUPPORTER,
	status
});

const as = (userId: string, role: ProgramRole | null): Actor => ({
	userId,
	programRoles: role ? { [PROGRAM]: role } : {},
	organisationRoles: {}
});

const PEOPLE: Record<string, Actor> = {
	mentor: as(MENTOR, 'mentor'),
	mentee: as(MENTEE, 'mentee'),
	coordinator: as(OTHER, 'coordinator'),
	supporter: as(SUPPORTER, 'supporter'),
	observer: as(OTHER, 'observer'),
	'another programme': { ...as(OTHER, null), programRoles: { other: 'coordinator' } },
	'the mentor, no longer a member': as(MENTOR, null)
};

const none: SheetPermissions = {
	view: false,
	edit: false,
	comment: false,
	sign: false,
	copyToPlan: false
};
const partner: SheetPermissions = {
	view: true,
	edit: true,
	comment: true,
	sign: true,
	copyToPlan: true
};
const readOnly: SheetPermissions = { ...none, view: true };

const AGREEMENT = { key: CONFIDENTIALITY_KEY, status: 'open' } as const;
const BOTH = ['mentor', 'mentee', 'coordinator'] as const;

describe('sheetPermissions: the sheet page’s whole permission set per role', () => {
	it.each([
		['mentor', partner],
		['mentee', partner],
		['coordinator', none],
		['supporter', none],
		['observer', none],
		['another programme', none],
		['the mentor, no longer a member', none]
	] as const)('%s, active pair, open sheet they sign', (who, expected) => {
		expect(sheetPermissions(PEOPLE[who], pair('active'), AGREEMENT, BOTH)).toEqual(expected);
	});

	it.each(['paused', 'ended', 'proposed'] as const)('a %s pair is read-only for both', (status) => {
		for (const who of ['mentor', 'mentee'])
			expect(sheetPermissions(PEOPLE[who], pair(status), AGREEMENT, BOTH)).toEqual(readOnly);
	});

	it('a pair with an exit request still writes', () => {
		expect(sheetPermissions(PEOPLE.mentee, pair('exit_requested'), AGREEMENT, BOTH)).toEqual(
			partner
		);
	});

	it('signs only a template the person signs, and only while the sheet is open', () => {
		const menteeOnly = sheetPermissions(PEOPLE.mentor, pair('active'), AGREEMENT, ['mentee']);
		expect(menteeOnly).toEqual({ ...partner, sign: false });
		const unsigned = sheetPermissions(PEOPLE.mentor, pair('active'), {
			key: 'PS1',
			status: 'open'
		});
		expect(unsigned.sign).toBe(false);
		const done = { key: CONFIDENTIALITY_KEY, status: 'completed' };
		expect(sheetPermissions(PEOPLE.mentor, pair('active'), done, BOTH).sign).toBe(false);
	});

	it('offers copy to the plan everywhere but on the plan itself', () => {
		const plan = { key: DEVELOPMENT_PLAN_KEY, status: 'open' };
		expect(sheetPermissions(PEOPLE.mentee, pair('active'), plan)).toEqual({
			...partner,
			sign: false,
			copyToPlan: false
		});
	});

	it('gives a signed-out actor nothing', () => {
		expect(sheetPermissions(ANONYMOUS, pair('active'), AGREEMENT, BOTH)).toEqual(none);
	});
});
