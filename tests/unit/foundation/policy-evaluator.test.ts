import { describe, expect, it } from 'vitest';
import { can, type Action, type Actor, type PairRef, type ProgramRole } from '$lib/domain/policy';

const PROGRAM = '00000000-0000-4000-8000-000000000001';
const MENTOR = '00000000-0000-4000-8000-00000000000a';
const MENTEE = '00000000-0000-4000-8000-00000000000b';
const SUPPORTER = '00000000-0000-4000-8000-00000000000c';
const BOSS = '00000000-0000-4000-8000-00000000000d';

const actor = (userId: string, role: ProgramRole): Actor => ({
	userId,
	programRoles: { [PROGRAM]: role },
	organisationRoles: {}
});

const pair = (evaluatorIds: string[]): PairRef => ({
	id: '00000000-0000-4000-8000-0000000000ff',
	programId: PROGRAM,
	mentorId: MENTOR,
	menteeId: MENTEE,
	supporterId: SUPPORTER,
	status: 'active',
	evaluatorIds
});

const CONTENT: Action[] = ['view', 'open_workspace', 'plan_meetings', 'submit_log'];

describe('the evaluator of a pair’s mentee (dual role, 003…)', () => {
	it('a supporter who evaluates the mentee loses the pair: not even its metadata', () => {
		const supporter = actor(SUPPORTER, 'supporter');
		expect(can(supporter, 'view', { type: 'pair', pair: pair([]) })).toBe(true);
		expect(can(supporter, 'view', { type: 'pair', pair: pair([SUPPORTER]) })).toBe(false);
	});

	it('even a mentor recorded as evaluator (data the database refuses) opens nothing', () => {
		const mentor = actor(MENTOR, 'mentor');
		const p = pair([MENTOR]);
		for (const action of CONTENT)
			expect(can(mentor, action, { type: 'pair', pair: p })).toBe(false);
		expect(can(mentor, 'view', { type: 'sheet', pair: p, templateKey: 'PS1' })).toBe(false);
		expect(can(mentor, 'edit', { type: 'logbook', pair: p, authorId: MENTOR })).toBe(false);
	});

	it('an evaluator who is a mentor elsewhere in the programme reads nothing of this pair', () => {
		const boss = actor(BOSS, 'mentor');
		const p = pair([BOSS]);
		for (const action of CONTENT) expect(can(boss, action, { type: 'pair', pair: p })).toBe(false);
		expect(can(boss, 'view', { type: 'sheet', pair: p, templateKey: 'PS1' })).toBe(false);
	});

	it('the pair’s own mentor and mentee are not affected by someone else evaluating', () => {
		const p = pair([BOSS]);
		expect(can(actor(MENTOR, 'mentor'), 'open_workspace', { type: 'pair', pair: p })).toBe(true);
		expect(can(actor(MENTEE, 'mentee'), 'open_workspace', { type: 'pair', pair: p })).toBe(true);
	});
});
