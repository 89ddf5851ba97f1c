import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { PAGE_SIZE, searchParamsObject } from '$lib/domain/programs/schemas';
import { inboxQuery, searchInbox } from '$lib/server/coordination/inbox';
import { buildMembership, buildStaffedProgram, buildUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
const query = (search: string) => inboxQuery.parse(searchParamsObject(new URLSearchParams(search)));
const inbox = (search = '', who: 'coordinator' | 'supporter' = 'coordinator') =>
	searchInbox(db, staffed.people[who].claims, staffed.program.id, query(search));

/**
 * Three pairs: P-01 (Anna Eik with Bram Linde) with 20 logbook submissions, two of them flagged;
 * P-02 (Carla Beuk with Dirk 100% Wilg) with 10 and an open exit request; P-03 with 5 and a
 * handled one. 37 items in all, from 2026-10-01 on, a day apart per pair.
 */
beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	const { program, people } = staffed;
	const { insertPair } = await import('$lib/server/pairs/commands');
	const names = [
		['Anna Eik', 'Bram Linde', 20],
		['Carla Beuk', 'Dirk 100% Wilg', 10],
		['Emma Es', 'Frank Populier', 5]
	] as const;
	for (const [index, [mentorName, menteeName, count]] of names.entries()) {
		const mentor = await buildUser(db, { name: mentorName });
		const mentee = await buildUser(db, { name: menteeName });
		await buildMembership(db, program.id, mentor, 'mentor');
		await buildMembership(db, program.id, mentee, 'mentee');
		await db.asService(async (tx) => {
			await tx.query(
				'insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)',
				[program.id, mentor.id, people.supporter.id]
			);
			const pairId = await insertPair(tx, {
				programId: program.id,
				mentorId: mentor.id,
				menteeId: mentee.id
			});
			await tx.query(
				`insert into public.log_submissions (pair_id, author_id, author_role, met_on, difficulty_flag)
				 select $1, case when k % 2 = 0 then $2::uuid else $3::uuid end,
					case when k % 2 = 0 then 'mentor' else 'mentee' end,
					date '2026-10-01' + k, $5 = 0 and k < 2
				 from generate_series(0, $4 - 1) k`,
				[pairId, mentor.id, mentee.id, count, index]
			);
			if (index > 0)
				await tx.query(
					`insert into public.exit_requests (pair_id, requested_by, requester_role, reason, status, outcome, created_at)
					 values ($1, $2, 'mentee', $3, $4, $5, timestamptz '2026-09-15 10:00+02')`,
					[
						pairId,
						mentee.id,
						`Verzoek van ${menteeName}`,
						index === 1 ? 'open' : 'handled',
						index === 1 ? null : 'kept'
					]
				);
		});
	}
}, 120_000);
afterAll(() => db.close());

describe(`the inbox, by page (${testEngine()})`, () => {
	it('pages 37 items by 25: the open exit request first, then the newest first', async () => {
		const first = await inbox();
		expect(first).toMatchObject({ total: 37, page: 1, pages: 2 });
		expect(first.items).toHaveLength(PAGE_SIZE);
		expect(first.items[0]).toMatchObject({ kind: 'exit', status: 'open', pseudonym: 'P-02' });
		const days = first.items.slice(1).map((i) => (i.kind === 'logbook' ? i.metOn : ''));
		expect(days).toEqual([...days].sort().reverse());
		expect(days[0]).toBe('2026-10-20');

		const second = await inbox('page=2');
		expect(second.items).toHaveLength(12);
		// The handled exit request is the oldest item: it was made before every meeting.
		expect(second.items.at(-1)).toMatchObject({ kind: 'exit', status: 'handled' });
		const ids = new Set([...first.items, ...second.items].map((i) => i.id));
		expect(ids.size).toBe(37);
		// A page past the end shows the last page.
		expect(await inbox('page=9')).toMatchObject({ page: 2, items: second.items });
	});

	it('filters by kind, status, role and a date range', async () => {
		expect((await inbox('kind=exit')).items.map((i) => i.kind)).toEqual(['exit', 'exit']);
		expect((await inbox('kind=logbook')).total).toBe(35);
		const open = await inbox('status=open');
		expect(open.items.map((i) => i.kind === 'exit' && i.reason)).toEqual([
			'Verzoek van Dirk 100% Wilg'
		]);
		expect((await inbox('status=handled')).items).toHaveLength(1);
		const flagged = await inbox('status=flagged');
		expect(flagged.items.map((i) => i.kind === 'logbook' && i.difficultyFlag)).toEqual([
			true,
			true
		]);
		// Mentee: 10 + 5 + 2 logbooks (odd days) and both exit requests.
		expect((await inbox('role=mentee')).total).toBe(10 + 5 + 2 + 2);
		expect((await inbox('kind=logbook&role=mentor')).total).toBe(10 + 5 + 3);
		const range = await inbox('from=2026-10-03&to=2026-10-04');
		expect(range.items.map((i) => (i.kind === 'logbook' ? i.metOn : i.kind)).sort()).toEqual([
			'2026-10-03',
			'2026-10-03',
			'2026-10-03',
			'2026-10-04',
			'2026-10-04',
			'2026-10-04'
		]);
		expect((await inbox('to=2026-09-30')).items.map((i) => i.kind)).toEqual(['exit', 'exit']);
		expect((await inbox('kind=exit&status=flagged')).total).toBe(0);
	});

	it('searches a pseudonym or anyone in the pair, case-blind, % and _ taken literally', async () => {
		expect((await inbox('q=p-03')).total).toBe(6);
		// The mentee's name finds the pair's logbooks by either person, and its exit request.
		expect((await inbox('q=bram')).total).toBe(20);
		expect((await inbox('q=WILG')).total).toBe(11);
		expect((await inbox('q=100%25')).total).toBe(11);
		expect((await inbox('q=%25')).total).toBe(11);
		expect((await inbox('q=_')).total).toBe(0);
		expect((await inbox('q=niemand')).items).toEqual([]);
	});

	it('turns nonsense parameters into the defaults', async () => {
		const parsed = query('kind=mail&status=x&role=coordinator&from=gisteren&to=2026-13-45&page=-3');
		expect(parsed).toEqual({ q: '', page: 1 });
		expect((await inbox('kind=mail&page=abc')).total).toBe(37);
		expect(query('q=a%00b').q).toBe('');
	});

	it('a supporter reads the mentor submissions and the exit requests of their mentors', async () => {
		const supporter = await inbox('', 'supporter');
		expect(supporter.total).toBe(10 + 5 + 3 + 2);
		expect(supporter.items.every((i) => i.kind === 'exit' || i.authorRole === 'mentor')).toBe(true);
	});
});
