import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInProgramZone } from '$lib/domain/time';
import type { Database } from '$lib/server/db/types';
import { listMyPairs } from '$lib/server/pairs/queries';
import { buildPairWithContent, buildStaffedProgram } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;

const shift = (days: number) => {
	const date = new Date(`${todayInProgramZone()}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
};

async function plan(number: number, plannedOn: string, held = false) {
	await db.asService((tx) =>
		tx.query(
			`update public.meetings set planned_on = $3, held_at = case when $4 then now() end
			 where pair_id = $1 and number = $2`,
			[pairId, number, plannedOn, held]
		)
	);
}

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	pairId = await buildPairWithContent(db, staffed);
	await db.asService((tx) =>
		tx.query('update public.meetings set planned_on = null where pair_id = $1', [pairId])
	);
});
afterAll(() => db.close());

describe(`the next meeting on a person's pairs (${testEngine()})`, () => {
	it('is the first meeting from today on that is not held; past ones count as unmarked', async () => {
		await plan(1, '2020-01-01');
		await plan(2, shift(-3), true);
		await plan(3, shift(-1));
		await plan(4, shift(0));
		await plan(5, shift(14));
		const [pair] = await listMyPairs(db, staffed.people.mentee.claims);
		expect(pair.nextMeeting).toBe(shift(0));
		expect(pair.unmarkedMeetings).toBe(2);
	});

	it('is empty when every planned meeting lies in the past', async () => {
		await plan(4, shift(-2), true);
		await plan(5, shift(-1), true);
		const [pair] = await listMyPairs(db, staffed.people.mentor.claims);
		expect(pair.nextMeeting).toBeNull();
		expect(pair.unmarkedMeetings).toBe(2);
	});
});

describe(`partners after the pair ends (${testEngine()})`, () => {
	it("still show each other's name; a proposed pair shows nobody", async () => {
		const partnerName = async () => (await listMyPairs(db, staffed.people.mentee.claims))[0];
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'ended', ended_at = now() where id = $1", [pairId])
		);
		expect((await partnerName()).partnerName).toMatch(/^Person /);
		const visible = await db.asUser(staffed.people.mentee.claims, (tx) =>
			tx.query('select 1 from public.profiles where id = $1', [staffed.people.mentor.id])
		);
		expect(visible).toHaveLength(1);
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'proposed' where id = $1", [pairId])
		);
		const hidden = await db.asUser(staffed.people.mentee.claims, (tx) =>
			tx.query('select 1 from public.profiles where id = $1', [staffed.people.mentor.id])
		);
		expect(hidden).toHaveLength(0);
	});
});
