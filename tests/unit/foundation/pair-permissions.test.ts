import { describe, expect, it } from 'vitest';
import { allowedPathActions } from '$lib/domain/path';
import { PATH_PHASES } from '$lib/domain/phases';
import {
	PAIR_STATUSES,
	type Actor,
	type PairRef,
	type PairStatus,
	type ProgramRole
} from '$lib/domain/policy';
import {
	assignmentPermissions,
	pairPagePermissions,
	type PathState
} from '$lib/domain/policy/pair-permissions';

const PROGRAM = '00000000-0000-4000-8000-000000000001';
const MENTOR = '00000000-0000-4000-8000-00000000000a';
const MENTEE = '00000000-0000-4000-8000-00000000000b';
const SUPPORTER = '00000000-0000-4000-8000-00000000000c';
const OTHER = '00000000-0000-4000-8000-00000000000d';

const pair = (status: PairStatus, evaluatorIds: string[] = []): PairRef => ({
	id: '00000000-0000-4000-8000-0000000000f1',
	programId: PROGRAM,
	mentorId: MENTOR,
	menteeId: MENTEE,
	supporterId: SUPPORTER,
	status,
	evaluatorIds
});

const as = (userId: string, role: ProgramRole | null): Actor => ({
	userId,
	programRoles: role ? { [PROGRAM]: role } : {},
	organisationRoles: {}
});

const PARTNERS = { mentor: as(MENTOR, 'mentor'), mentee: as(MENTEE, 'mentee') } as const;
const OUTSIDERS: Record<string, Actor> = {
	coordinator: as(OTHER, 'coordinator'),
	supporter: as(SUPPORTER, 'supporter'),
	observer: as(OTHER, 'observer'),
	'another programme': { ...as(OTHER, null), programRoles: { other: 'mentor' } },
	'the mentor, no longer a member': as(MENTOR, null),
	'the mentee, now a mentor': as(MENTEE, 'mentor')
};

const path = (over: Partial<PathState> = {}): PathState => ({
	status: 'active',
	phase: 'SD',
	proposal: null,
	pausedByMe: false,
	closingStarted: false,
	...over
});

const WRITABLE: readonly PairStatus[] = ['active', 'exit_requested'];
const RUNNING: readonly PairStatus[] = ['active', 'paused', 'exit_requested'];

describe('pairPagePermissions', () => {
	for (const role of ['mentor', 'mentee'] as const)
		for (const status of PAIR_STATUSES)
			it(`the ${role} of a pair that is ${status}`, () => {
				const facts = path({ status });
				const p = pairPagePermissions(PARTNERS[role], pair(status), facts);
				expect(p.readOnly).toBe(!WRITABLE.includes(status));
				expect(p.plan).toBe(WRITABLE.includes(status));
				expect(p.addLesson).toBe(WRITABLE.includes(status));
				expect(p.raiseConcern).toBe(RUNNING.includes(status));
				expect(p.path).toEqual(allowedPathActions({ ...facts, role }));
			});

	for (const [who, actor] of Object.entries(OUTSIDERS))
		it(`offers ${who} nothing to do in the pair`, () => {
			for (const status of PAIR_STATUSES) {
				const p = pairPagePermissions(actor, pair(status), path({ status }));
				expect(p).toMatchObject({ plan: false, addLesson: false, raiseConcern: false });
				expect(Object.values(p.path).every((v) => v === false || v === null)).toBe(true);
			}
		});

	it('offers the teacher’s evaluator nothing, even in a partner’s seat', () => {
		const p = pairPagePermissions(PARTNERS.mentor, pair('active', [MENTOR]), path());
		expect(p).toMatchObject({ plan: false, addLesson: false, raiseConcern: false });
		expect(p.path.propose).toBeNull();
	});

	it('hands the path facts to the path rules (proposal, pause, closing)', () => {
		const mentor = PARTNERS.mentor;
		const active = pair('active');
		expect(pairPagePermissions(mentor, active, path()).path.propose).toBe('P');
		expect(
			pairPagePermissions(mentor, active, path({ proposal: { mine: false } })).path
		).toMatchObject({ propose: null, answer: true, withdraw: false });
		expect(
			pairPagePermissions(mentor, active, path({ proposal: { mine: true } })).path
		).toMatchObject({ answer: false, withdraw: true });
		expect(pairPagePermissions(mentor, active, path()).path.pause).toBe(true);
		expect(pairPagePermissions(PARTNERS.mentee, active, path()).path.pause).toBe(false);
		const paused = pair('paused');
		expect(
			pairPagePermissions(mentor, paused, path({ status: 'paused', pausedByMe: true })).path.resume
		).toBe(true);
		expect(
			pairPagePermissions(mentor, paused, path({ status: 'paused', pausedByMe: false })).path.resume
		).toBe(false);
		expect(pairPagePermissions(mentor, active, path({ phase: 'MO' })).path).toMatchObject({
			end: false,
			endNeedsClosing: true
		});
		expect(
			pairPagePermissions(mentor, active, path({ phase: 'MO', closingStarted: true })).path
		).toMatchObject({ end: true, endNeedsClosing: false });
	});

	it('says the path is in its last phase only while it runs there', () => {
		for (const phase of PATH_PHASES)
			for (const status of PAIR_STATUSES)
				expect(
					pairPagePermissions(PARTNERS.mentee, pair(status), path({ phase, status })).lastPhase
				).toBe(phase === 'MO' && status === 'active');
	});
});

describe('assignmentPermissions', () => {
	const assignment = (assigneeId: string, createdBy: string, doneAt: Date | null = null) => ({
		assigneeId,
		createdBy,
		doneAt
	});
	const planning = { plan: true };

	it('lets the assignee mark it done or reopen it, while the pair can plan', () => {
		expect(assignmentPermissions(planning, MENTEE, assignment(MENTEE, MENTOR)).markDone).toBe(true);
		expect(
			assignmentPermissions(planning, MENTEE, assignment(MENTEE, MENTOR, new Date())).markDone
		).toBe(true);
		expect(assignmentPermissions(planning, MENTOR, assignment(MENTEE, MENTOR)).markDone).toBe(
			false
		);
		expect(
			assignmentPermissions({ plan: false }, MENTEE, assignment(MENTEE, MENTOR)).markDone
		).toBe(false);
	});

	it('lets whoever asked withdraw it until it is done', () => {
		expect(assignmentPermissions(planning, MENTOR, assignment(MENTEE, MENTOR)).withdraw).toBe(true);
		expect(
			assignmentPermissions(planning, MENTOR, assignment(MENTEE, MENTOR, new Date())).withdraw
		).toBe(false);
		expect(assignmentPermissions(planning, MENTEE, assignment(MENTEE, MENTOR)).withdraw).toBe(
			false
		);
		expect(
			assignmentPermissions({ plan: false }, MENTOR, assignment(MENTEE, MENTOR)).withdraw
		).toBe(false);
	});

	it('one’s own reminder: both, until it is done', () => {
		expect(assignmentPermissions(planning, MENTOR, assignment(MENTOR, MENTOR))).toEqual({
			markDone: true,
			withdraw: true
		});
	});

	it('offers nobody signed out anything', () => {
		expect(assignmentPermissions(planning, null, assignment(MENTEE, MENTOR))).toEqual({
			markDone: false,
			withdraw: false
		});
	});
});
