import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { PAGE_SIZE, peopleQuery, searchParamsObject } from '$lib/domain/programs/schemas';
import { searchPeople } from '$lib/server/programs/people';
import {
	buildInvitation,
	buildMembership,
	buildProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let coordinator: BuiltUser;
let programId: string;
const query = (search: string) =>
	peopleQuery.parse(searchParamsObject(new URLSearchParams(search)));

beforeAll(async () => {
	db = await createTestDatabase();
	coordinator = await buildUser(db, { name: 'Anna Coördinator' });
	programId = (await buildProgram(db)).id;
	await buildMembership(db, programId, coordinator, 'coordinator');
	// 30 mentees, 10 mentors (one named with a literal percent sign), 5 open invitations.
	for (let i = 0; i < 30; i++)
		await buildMembership(
			db,
			programId,
			await buildUser(db, { name: `Mentee ${String(i).padStart(2, '0')}` }),
			'mentee'
		);
	for (let i = 0; i < 10; i++)
		await buildMembership(
			db,
			programId,
			await buildUser(db, { name: i === 0 ? 'Mentor 100% zeker' : `Mentor ${i}` }),
			'mentor'
		);
	for (let i = 0; i < 5; i++)
		await buildInvitation(db, programId, `uitgenodigd-${i}@example.org`, 'mentor');
}, 120_000);
afterAll(() => db.close());

describe(`the people list, by page (${testEngine()})`, () => {
	it('pages 46 people by 25, active members first, invitations after them', async () => {
		const first = await searchPeople(db, coordinator.claims, programId, query(''));
		expect(first).toMatchObject({ total: 46, page: 1, pages: 2 });
		expect(first.people).toHaveLength(PAGE_SIZE);
		expect(first.people[0].name).toBe('Anna Coördinator');
		expect(first.people.slice(1, 11).every((p) => p.role === 'mentor')).toBe(true);
		const second = await searchPeople(db, coordinator.claims, programId, query('page=2'));
		expect(second.people).toHaveLength(21);
		expect(second.people.slice(-5).map((p) => p.status)).toEqual(Array(5).fill('invited'));
		const ids = new Set(
			[...first.people, ...second.people].map((p) => p.membershipId ?? p.invitationId)
		);
		expect(ids.size).toBe(46);
	});

	it('filters by role, status and a name or e-mail fragment', async () => {
		const mentors = await searchPeople(db, coordinator.claims, programId, query('role=mentor'));
		expect(mentors.total).toBe(15);
		const invited = await searchPeople(
			db,
			coordinator.claims,
			programId,
			query('role=mentor&status=invited')
		);
		expect(invited.total).toBe(5);
		const byName = await searchPeople(db, coordinator.claims, programId, query('q=mentee+0'));
		expect(byName.people.map((p) => p.name)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Mentee 0${i}`)
		);
		const byMail = await searchPeople(db, coordinator.claims, programId, query('q=UITGENODIGD-3'));
		expect(byMail.people.map((p) => p.email)).toEqual(['uitgenodigd-3@example.org']);
	});

	it('takes % and _ literally, and turns nonsense parameters into the defaults', async () => {
		const percent = await searchPeople(db, coordinator.claims, programId, query('q=%25'));
		expect(percent.people.map((p) => p.name)).toEqual(['Mentor 100% zeker']);
		const underscore = await searchPeople(db, coordinator.claims, programId, query('q=_'));
		expect(underscore.total).toBe(0);
		expect(query('role=admin&status=x&page=-3&q=')).toEqual({
			q: '',
			role: undefined,
			status: undefined,
			page: 1
		});
		const past = await searchPeople(db, coordinator.claims, programId, query('page=99'));
		expect(past.page).toBe(2);
	});

	it('shows nothing to someone outside the programme', async () => {
		const stranger = await buildUser(db);
		const seen = await searchPeople(db, stranger.claims, programId, query(''));
		expect(seen.total).toBe(0);
	});
});
