import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairRef } from '$lib/domain/policy';
import type { Database } from '$lib/server/db/types';
import { logPart2Input, submitLogbookPart2, type LogPart2Input } from '$lib/server/pairs/logbook';
import {
	getMeeting,
	programRange,
	updateMeeting,
	type MeetingInput
} from '$lib/server/pairs/meetings';
import { DomainError } from '$lib/server/errors';
import { buildPairWithContent, buildStaffedProgram } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pair: PairRef;

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	const pairId = await buildPairWithContent(db, staffed);
	pair = {
		id: pairId,
		programId: staffed.program.id,
		mentorId: staffed.people.mentor.id,
		menteeId: staffed.people.mentee.id,
		supporterId: staffed.people.supporter.id,
		status: 'active'
	};
});
afterAll(async () => {
	await db.close();
});

const meeting = (plannedOn: string): MeetingInput => ({
	plannedOn,
	time: '16:00',
	durationMinutes: 60,
	place: 'Bibliotheek',
	mode: 'face_to_face',
	held: false
});

const refusal = (promise: Promise<unknown>) =>
	promise.then(
		() => null,
		(e: unknown) => (e instanceof DomainError ? e.key : e)
	);

describe(`meeting dates stay within the programme (${testEngine()})`, () => {
	it('tells the form the programme range', async () => {
		const range = await programRange(db, staffed.people.mentee.claims, pair.programId);
		expect(range).toEqual({ startsOn: '2026-09-01', endsOn: '2027-06-30' });
	});

	it('refuses a date before the start or after the end, and keeps the meeting as it was', async () => {
		const { claims } = staffed.people.mentor;
		const before = await getMeeting(db, claims, pair.id, 1);
		for (const date of ['2026-08-31', '2025-10-01', '2027-07-01']) {
			expect(await refusal(updateMeeting({ db, claims }, pair, 1, meeting(date)))).toBe(
				'meeting_outside_programme'
			);
		}
		expect(await getMeeting(db, claims, pair.id, 1)).toEqual(before);
	});

	it('accepts the first and the last day of the programme', async () => {
		const { claims } = staffed.people.mentee;
		await updateMeeting({ db, claims }, pair, 1, meeting('2026-09-01'));
		expect((await getMeeting(db, claims, pair.id, 1))?.plannedOn).toBe('2026-09-01');
		await updateMeeting({ db, claims }, pair, 2, meeting('2027-06-30'));
		expect((await getMeeting(db, claims, pair.id, 2))?.plannedOn).toBe('2027-06-30');
	});
});

describe(`an empty logbook part 2 is refused (${testEngine()})`, () => {
	const form = {
		metOn: '2026-10-01',
		sheetUsed: ['01-agreement'],
		difficulties: '  ',
		strengthening: '',
		other: '\n',
		difficultyFlag: true
	};
	const count = () =>
		db.asService(async (tx) => {
			const rows = await tx.query<{ n: number }>(
				'select count(*)::int as n from public.log_submissions where pair_id = $1',
				[pair.id]
			);
			return rows[0].n;
		});

	it('the form schema names the problem', () => {
		const parsed = logPart2Input.safeParse(form);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => [i.path, i.message])).toEqual([[['form'], 'log_empty']]);
	});

	it('the command refuses it and nothing reaches the coordinator', async () => {
		const n = await count();
		const input = { ...form, sheetUsed: [] } as LogPart2Input;
		expect(
			await refusal(
				submitLogbookPart2({ db, claims: staffed.people.mentor.claims }, pair, 'mentor', input)
			)
		).toBe('log_empty');
		expect(await count()).toBe(n);
	});

	it('one written part is enough', async () => {
		const n = await count();
		const input = logPart2Input.parse({ ...form, sheetUsed: [], other: 'We spraken over school.' });
		await submitLogbookPart2({ db, claims: staffed.people.mentee.claims }, pair, 'mentee', input);
		expect(await count()).toBe(n + 1);
	});
});
