import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabServer } from '$lib/server/collab/server';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { readSetup } from '$lib/server/coordination/matching';
import {
	changeMatchingPairing,
	confirmMatchingRound
} from '$lib/server/coordination/matching-commands';
import { DomainError } from '$lib/server/errors';
import { buildMembership, buildStaffedProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;

/**
 * No mentee in these programmes ended an earlier pair with consent, so the sheet transfer finds
 * nothing and never opens a document: a collaboration server that refuses every call proves it.
 */
const noCollab = new Proxy(
	{},
	{
		get() {
			throw new Error('the collaboration server is not used here');
		}
	}
) as CollabServer;

beforeAll(async () => {
	db = await createTestDatabase();
});
afterAll(() => db.close());

/** A programme with two mentees and two mentors (room for one mentee each). */
async function programme() {
	const staffed = await buildStaffedProgram(db);
	const mentees: BuiltUser[] = [staffed.people.mentee, await buildUser(db)];
	const mentors: BuiltUser[] = [staffed.people.mentor, await buildUser(db)];
	await buildMembership(db, staffed.program.id, mentees[1], 'mentee');
	await buildMembership(db, staffed.program.id, mentors[1], 'mentor');
	const coordinator = staffed.people.coordinator.claims;
	const ctx = {
		db,
		claims: coordinator,
		mailer: createOutboxMailer(db, createLogger('silent')),
		collab: noCollab,
		origin: 'http://mentorpad.test'
	};
	return { program: staffed.program, mentees, mentors, ctx, coordinator };
}

async function written(programId: string, people: BuiltUser[]) {
	return db.asService(async (tx) => ({
		pairs: (
			await tx.query<{ n: number }>(
				'select count(*)::int as n from public.pairs where program_id = $1',
				[programId]
			)
		)[0].n,
		mails: (
			await tx.query<{ n: number }>(
				"select count(*)::int as n from public.mail_outbox where kind = 'introduction' and to_email = any($1::text[])",
				[people.map((p) => p.email)]
			)
		)[0].n,
		audits: (
			await tx.query<{ n: number }>(
				"select count(*)::int as n from public.audit_events where action = 'matching.confirm' and program_id = $1",
				[programId]
			)
		)[0].n
	}));
}

describe(`the matching commands (${testEngine()})`, () => {
	it('lock, swap, unlock and exclude change the set-up in one step each', async () => {
		const { program, mentees, mentors, coordinator } = await programme();
		const pair = (i: number, j: number) => ({ menteeId: mentees[i].id, mentorId: mentors[j].id });
		await changeMatchingPairing(db, coordinator, program.id, { kind: 'lock', pair: pair(0, 0) });
		await changeMatchingPairing(db, coordinator, program.id, { kind: 'swap', pair: pair(0, 1) });
		await changeMatchingPairing(db, coordinator, program.id, { kind: 'lock', pair: pair(1, 0) });
		let setup = await db.asUser(coordinator, (tx) => readSetup(tx, program.id));
		expect(setup.locked).toEqual([pair(0, 1), pair(1, 0)]);
		await changeMatchingPairing(db, coordinator, program.id, { kind: 'unlock', pair: pair(0, 1) });
		await changeMatchingPairing(db, coordinator, program.id, {
			kind: 'exclude',
			pair: pair(1, 0)
		});
		setup = await db.asUser(coordinator, (tx) => readSetup(tx, program.id));
		expect(setup.locked).toEqual([]);
		expect(setup.exclusions).toEqual([pair(1, 0)]);
	});

	it('confirms every proposal, clears the locks and introduces both people', async () => {
		const { program, mentees, mentors, ctx, coordinator } = await programme();
		await changeMatchingPairing(db, coordinator, program.id, {
			kind: 'lock',
			pair: { menteeId: mentees[0].id, mentorId: mentors[1].id }
		});
		const created = await confirmMatchingRound(ctx, program.id);
		expect(created).toHaveLength(2);
		expect(await written(program.id, [...mentees, ...mentors])).toEqual({
			pairs: 2,
			mails: 4,
			audits: 1
		});
		const setup = await db.asUser(coordinator, (tx) => readSetup(tx, program.id));
		expect(setup.locked).toEqual([]);
		// Everyone is matched now: a second confirm has nothing to do and writes nothing.
		await expect(confirmMatchingRound(ctx, program.id)).rejects.toMatchObject({
			code: 'invalid',
			key: 'nothing'
		});
		expect((await written(program.id, [...mentees, ...mentors])).pairs).toBe(2);
	});

	it('is atomic: a failure after the first pair leaves no pair, no mail, no audit', async () => {
		const { program, mentees, mentors, ctx, coordinator } = await programme();
		const lock = { menteeId: mentees[1].id, mentorId: mentors[0].id };
		await changeMatchingPairing(db, coordinator, program.id, { kind: 'lock', pair: lock });
		// The second pair of this programme cannot be inserted: the confirm fails midway, after
		// the first pair (with its meetings and sheets) was written in the same transaction.
		await db.asOwner((tx) =>
			tx.exec(`
				create function public.test_second_pair_fails() returns trigger
				language plpgsql security definer set search_path = public as $$
				begin
					if new.program_id = '${program.id}'
						and exists (select 1 from public.pairs where program_id = new.program_id) then
						raise exception 'second pair refused (test)';
					end if;
					return new;
				end $$;
				create trigger test_second_pair_fails before insert on public.pairs
					for each row execute function public.test_second_pair_fails();
			`)
		);
		try {
			await expect(confirmMatchingRound(ctx, program.id)).rejects.toThrow(/second pair refused/);
		} finally {
			await db.asOwner((tx) =>
				tx.exec(`drop trigger test_second_pair_fails on public.pairs;
					drop function public.test_second_pair_fails();`)
			);
		}
		expect(await written(program.id, [...mentees, ...mentors])).toEqual({
			pairs: 0,
			mails: 0,
			audits: 0
		});
		const orphans = await db.asService((tx) =>
			tx.query<{ n: number }>(
				`select (select count(*) from public.meetings m where not exists
					(select 1 from public.pairs p where p.id = m.pair_id))::int as n`
			)
		);
		expect(orphans[0].n).toBe(0);
		// The coordinator's lock is still there, and the confirm works once the cause is gone.
		const setup = await db.asUser(coordinator, (tx) => readSetup(tx, program.id));
		expect(setup.locked).toEqual([lock]);
		expect(await confirmMatchingRound(ctx, program.id)).toHaveLength(2);
	});

	it('refuses locked pairs that no longer fit, writing nothing', async () => {
		const { program, mentees, mentors, ctx, coordinator } = await programme();
		// Both mentees locked to the same mentor, who has room for one.
		await db.asService((tx) =>
			tx.query('update public.programs set max_mentees_per_mentor = 1 where id = $1', [program.id])
		);
		for (const mentee of mentees)
			await changeMatchingPairing(db, coordinator, program.id, {
				kind: 'lock',
				pair: { menteeId: mentee.id, mentorId: mentors[0].id }
			});
		const refusal = await confirmMatchingRound(ctx, program.id).catch((e) => e);
		expect(refusal).toBeInstanceOf(DomainError);
		expect(refusal).toMatchObject({ code: 'conflict', key: 'locked_invalid' });
		expect(await written(program.id, [...mentees, ...mentors])).toEqual({
			pairs: 0,
			mails: 0,
			audits: 0
		});
	});
});
