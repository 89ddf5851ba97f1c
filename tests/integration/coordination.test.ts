import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { handleExit, listExitRequests, requestExit } from '$lib/server/coordination/exits';
import { listInbox } from '$lib/server/coordination/inbox';
import { assignSupporter, listMentorSupport } from '$lib/server/coordination/supporters';
import { loadPairRef } from '$lib/server/pairs/queries';
import { createPair } from '$lib/server/pairs/commands';
import {
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	buildMembership
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	pairId = await buildPairWithContent(db, staffed);
});
afterAll(() => db.close());

describe(`coordination (${testEngine()})`, () => {
	it('an exit request reaches the coordinator and supporter; handling it ends the pair', async () => {
		const { people, program } = staffed;
		const pair = (await loadPairRef(db, pairId))!;
		await requestExit({ db, claims: people.mentor.claims }, pair, 'mentor', {
			reason: 'Geen klik',
			consentsTransfer: false
		});
		const forCoordinator = await listExitRequests(db, people.coordinator.claims, program.id);
		expect(forCoordinator.map((e) => e.reason)).toContain('Geen klik');
		const forSupporter = await listExitRequests(db, people.supporter.claims, program.id);
		expect(forSupporter.map((e) => e.reason)).toContain('Geen klik');
		expect(await listExitRequests(db, people.mentee.claims, program.id)).toHaveLength(1); // their own only
		expect((await listExitRequests(db, people.mentee.claims, program.id))[0].reason).not.toBe(
			'Geen klik'
		);
		const request = forCoordinator.find((e) => e.reason === 'Geen klik')!;
		await handleExit({ db, claims: people.coordinator.claims }, program.id, request.id, 'ended');
		expect((await loadPairRef(db, pairId))?.status).toBe('ended');
		await expect(
			handleExit({ db, claims: people.coordinator.claims }, program.id, request.id, 'kept')
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('the inbox filters by role and difficulty; a supporter sees mentor submissions only', async () => {
		const { people, program } = staffed;
		const all = await listInbox(db, people.coordinator.claims, program.id);
		expect(all.map((e) => e.authorRole).sort()).toEqual(['mentee', 'mentor']);
		expect(
			(await listInbox(db, people.coordinator.claims, program.id, { role: 'mentee' })).length
		).toBe(1);
		expect(
			await listInbox(db, people.coordinator.claims, program.id, { flaggedOnly: true })
		).toEqual([]);
		expect(
			(await listInbox(db, people.supporter.claims, program.id)).map((e) => e.authorRole)
		).toEqual(['mentor']);
		expect(await listInbox(db, people.mentee.claims, program.id)).toHaveLength(1);
	});

	it('assigns a supporter to a mentor and refuses someone who is not a supporter', async () => {
		const { people, program } = staffed;
		const second = await buildUser(db);
		await buildMembership(db, program.id, second, 'supporter');
		await assignSupporter(
			{ db, claims: people.coordinator.claims },
			program.id,
			people.mentor.id,
			second.id
		);
		const support = await listMentorSupport(db, people.coordinator.claims, program.id);
		expect(support.mentors.find((m) => m.mentorId === people.mentor.id)?.supporterId).toBe(
			second.id
		);
		await expect(
			assignSupporter(
				{ db, claims: people.coordinator.claims },
				program.id,
				people.mentor.id,
				people.mentee.id
			)
		).rejects.toMatchObject({ key: 'pair_roles' });
	});

	it("a new pair carries its mentor's supporter, and the supporters page shows that same one", async () => {
		const { people, program } = staffed;
		const mentee = await buildUser(db);
		await buildMembership(db, program.id, mentee, 'mentee');
		const support = await listMentorSupport(db, people.coordinator.claims, program.id);
		const assigned = support.mentors.find((m) => m.mentorId === people.mentor.id)?.supporterId;
		expect(assigned).toBeTruthy();
		const pairId = await createPair(db, people.coordinator.claims, {
			programId: program.id,
			mentorId: people.mentor.id,
			menteeId: mentee.id
		});
		const rows = await db.asService((tx) =>
			tx.query<{ supporter_id: string }>('select supporter_id from public.pairs where id = $1', [
				pairId
			])
		);
		expect(rows[0].supporter_id).toBe(assigned);
	});
});
