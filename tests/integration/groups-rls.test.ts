import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, JwtClaims } from '$lib/server/db/types';
import {
	buildGroupWithContent,
	buildMembership,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * Who reads what of a learning community. In the group: the mentor and mentee (school A), the
 * observer (school B), the supporter as facilitator. `outsider` is a member of another group of
 * the same programme; `foreign` is the mentee of another programme.
 */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
let outsider: BuiltUser;
let foreign: BuiltUser;

const ids = async (claims: JwtClaims | null, sql: string, params: unknown[] = []) =>
	(await db.asUser(claims, (tx) => tx.query<{ id: string }>(sql, params as never[]))).map(
		(r) => r.id
	);

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	outsider = await buildUser(db);
	await buildMembership(db, staffed.program.id, outsider, 'mentee');
	await db.asService(async (tx) => {
		const other = await tx.query<{ id: string }>(
			"insert into public.groups (program_id, kind, name) values ($1, 'LGLB', 'Groep 2') returning id",
			[staffed.program.id]
		);
		await tx.query(
			"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'pupil_support_lead')",
			[staffed.program.id, outsider.id, g.schoolA]
		);
		await tx.query(
			"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
			[other[0].id, outsider.id, g.schoolA]
		);
	});
	const elsewhere = await buildStaffedProgram(db);
	await buildGroupWithContent(db, elsewhere);
	foreign = elsewhere.people.mentee;
});
afterAll(() => db.close());

describe(`learning communities: row-level security (${testEngine()})`, () => {
	const reflectionsOf = (claims: JwtClaims | null) =>
		ids(claims, 'select id from public.reflections order by id');

	it('the author reads all their own reflections, private ones included', async () => {
		const r = g.reflections;
		expect((await reflectionsOf(staffed.people.mentee.claims)).sort()).toEqual(
			[r.menteePrivate, r.menteeGroup, r.menteeSchool].sort()
		);
	});

	it("a colleague of the author's school reads the group- and school-shared ones, never the private one", async () => {
		const r = g.reflections;
		expect((await reflectionsOf(staffed.people.mentor.claims)).sort()).toEqual(
			[r.menteeGroup, r.menteeSchool].sort()
		);
	});

	it('a member of another school reads the group-shared one and their own', async () => {
		const r = g.reflections;
		expect((await reflectionsOf(staffed.people.observer.claims)).sort()).toEqual(
			[r.menteeGroup, r.observerPrivate].sort()
		);
	});

	it('the facilitator reads only what is shared with the group', async () => {
		expect(await reflectionsOf(staffed.people.supporter.claims)).toEqual([
			g.reflections.menteeGroup
		]);
	});

	it('the coordinator reads no reflection row, but the counts per member', async () => {
		expect(await reflectionsOf(staffed.people.coordinator.claims)).toEqual([]);
		const counts = await db.asUser(staffed.people.coordinator.claims, (tx) =>
			tx.query<{ user_id: string; kept: number; shared: number }>(
				'select * from public.group_reflection_counts($1)',
				[g.group]
			)
		);
		const of = (u: BuiltUser) => counts.find((c) => c.user_id === u.id);
		expect(of(staffed.people.mentee)).toMatchObject({ kept: 3, shared: 2 });
		expect(of(staffed.people.observer)).toMatchObject({ kept: 1, shared: 0 });
		expect(of(staffed.people.mentor)).toMatchObject({ kept: 0, shared: 0 });
	});

	it('the facilitator reads the counts; a member does not', async () => {
		const count = (claims: JwtClaims) =>
			db.asUser(claims, (tx) =>
				tx.query('select * from public.group_reflection_counts($1)', [g.group])
			);
		expect(await count(staffed.people.supporter.claims)).toHaveLength(3);
		expect(await count(staffed.people.mentor.claims)).toHaveLength(0);
		expect(await count(outsider.claims)).toHaveLength(0);
	});

	it('a member of another group reads nothing of this group', async () => {
		expect(await reflectionsOf(outsider.claims)).toEqual([]);
		expect(
			await ids(outsider.claims, 'select id from public.groups where id = $1', [g.group])
		).toEqual([]);
		expect(
			await ids(
				outsider.claims,
				'select user_id as id from public.group_members where group_id = $1',
				[g.group]
			)
		).toEqual([]);
		expect(
			await ids(outsider.claims, 'select id from public.group_documents where group_id = $1', [
				g.group
			])
		).toEqual([]);
		expect(
			await ids(outsider.claims, 'select id from public.profiles where id = $1', [
				staffed.people.observer.id
			])
		).toEqual([]);
	});

	it('a member of another programme and anon read nothing', async () => {
		expect(
			await ids(foreign.claims, 'select id from public.reflections where group_id = $1', [g.group])
		).toEqual([]);
		expect(
			await ids(foreign.claims, 'select id from public.groups where id = $1', [g.group])
		).toEqual([]);
		expect(
			await ids(foreign.claims, 'select id from public.schools where id = $1', [g.schoolA])
		).toEqual([]);
		await expect(reflectionsOf(null)).rejects.toThrow(/permission denied/);
	});

	it('the group reads its members, their names and schools, and its documents', async () => {
		const claims = staffed.people.observer.claims;
		expect(
			(
				await ids(claims, 'select user_id as id from public.group_members where group_id = $1', [
					g.group
				])
			).length
		).toBe(4);
		expect(
			await ids(claims, 'select id from public.profiles where id = $1', [staffed.people.mentee.id])
		).toEqual([staffed.people.mentee.id]);
		expect((await ids(claims, 'select id from public.schools')).sort()).toEqual(
			[g.schoolA, g.schoolB].sort()
		);
		// The observer is in a coaching duo with the mentor: its workspace is theirs too.
		expect((await ids(claims, 'select id from public.group_documents')).sort()).toEqual(
			[g.docId, g.duoDocId].sort()
		);
	});

	it('a duo’s workspace is read by the two only: not the others, the process coach or the coordinator', async () => {
		const docs = (claims: JwtClaims | null) =>
			ids(claims, 'select id from public.group_documents where duo_id is not null');
		const { mentor, observer, mentee, supporter, coordinator } = staffed.people;
		expect(await docs(mentor.claims)).toEqual([g.duoDocId]);
		expect(await docs(observer.claims)).toEqual([g.duoDocId]);
		for (const claims of [mentee.claims, supporter.claims, coordinator.claims, foreign.claims])
			expect(await docs(claims)).toEqual([]);
		// The process coach sees that the duo exists; a member outside it does not.
		expect(await ids(supporter.claims, 'select id from public.group_duos')).toEqual([g.duo]);
		expect(await ids(mentee.claims, 'select id from public.group_duos')).toEqual([]);
		expect(await ids(foreign.claims, 'select id from public.group_duos')).toEqual([]);
	});

	it('only the author shares, unshares and deletes; a shared reflection is not writable by others', async () => {
		const share = (claims: JwtClaims, id: string) =>
			db.asUser(claims, (tx) =>
				tx.query(
					"update public.reflections set shared_at = now(), share_scope = 'group' where id = $1 returning id",
					[id]
				)
			);
		expect(await share(staffed.people.mentor.claims, g.reflections.menteeSchool)).toHaveLength(0);
		expect(await share(staffed.people.supporter.claims, g.reflections.menteeSchool)).toHaveLength(
			0
		);
		expect(
			await db.asUser(staffed.people.mentor.claims, (tx) =>
				tx.query('delete from public.reflections where id = $1 returning id', [
					g.reflections.menteeGroup
				])
			)
		).toHaveLength(0);
		const unshare = await db.asUser(staffed.people.mentee.claims, (tx) =>
			tx.query(
				'update public.reflections set shared_at = null, share_scope = null where id = $1 returning id',
				[g.reflections.menteeSchool]
			)
		);
		expect(unshare).toHaveLength(1);
		expect(await reflectionsOf(staffed.people.mentor.claims)).toEqual([g.reflections.menteeGroup]);
		await db.asUser(staffed.people.mentee.claims, (tx) =>
			tx.query(
				"update public.reflections set shared_at = now(), share_scope = 'school' where id = $1",
				[g.reflections.menteeSchool]
			)
		);
	});

	it('a member who leaves the group stops reading its shared reflections', async () => {
		await db.asService((tx) =>
			tx.query('delete from public.group_members where group_id = $1 and user_id = $2', [
				g.group,
				staffed.people.observer.id
			])
		);
		expect(await reflectionsOf(staffed.people.observer.claims)).toEqual([
			g.reflections.observerPrivate
		]);
		await db.asService((tx) =>
			tx.query(
				"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
				[g.group, staffed.people.observer.id, g.schoolB]
			)
		);
	});

	it('only the facilitator hands over to self-steering, once', async () => {
		const handOver = (claims: JwtClaims, on: string) =>
			db.asUser(claims, (tx) =>
				tx.query('select public.start_self_steering($1, $2::date)', [g.group, on])
			);
		await expect(handOver(staffed.people.mentor.claims, '2027-09-01')).rejects.toThrow(
			/facilitator/
		);
		await expect(handOver(staffed.people.coordinator.claims, '2027-09-01')).rejects.toThrow(
			/facilitator/
		);
		await handOver(staffed.people.supporter.claims, '2027-09-01');
		await handOver(staffed.people.supporter.claims, '2028-09-01');
		const rows = await db.asService((tx) =>
			tx.query<{ d: string }>(
				"select to_char(self_steering_since, 'YYYY-MM-DD') as d from public.groups where id = $1",
				[g.group]
			)
		);
		expect(rows[0].d).toBe('2027-09-01');
	});
});
