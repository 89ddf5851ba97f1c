import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS_THEMES, type NeedsMoment } from '$lib/domain/groups/needs';
import type { Database } from '$lib/server/db/types';
import { loadNeedsSummary, saveNeeds } from '$lib/server/groups/needs';
import { groupNeedsChangeRows, loadGroupNeedsChange } from '$lib/server/monitoring/groups';
import {
	buildGroupWithContent,
	buildMembership,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * The coordinator's change in the needs analysis per group (issue #12): averages at the start and
 * at the latest end-of-year moment over one cohort, small cohorts suppressed, people added in
 * blocks of the minimum group size, and nobody but the coordinator reads it.
 *
 * Group 1 (from the factory, plus three more members): mentor, mentee, observer and extra[0..2];
 * the supporter is its process coach. Group 2 has a single member. The minimum group size is 3.
 */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
let secondGroup: string;
const extra: BuiltUser[] = [];
let members: BuiltUser[];
let elsewhere: Awaited<ReturnType<typeof buildStaffedProgram>>;

const MIN = 3;
const answers = (value: number, pedagogy = value) =>
	Object.fromEntries(NEEDS_THEMES.map((t) => [t.key, t.key === 'pedagogy' ? pedagogy : value]));
const answer = (who: BuiltUser, moment: NeedsMoment, value: number, pedagogy = value) =>
	saveNeeds(db, who.claims, g.group, { moment, answers: answers(value, pedagogy) });

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	for (let i = 0; i < 3; i++) {
		const person = await buildUser(db);
		await buildMembership(db, staffed.program.id, person, 'mentee');
		extra.push(person);
	}
	await db.asService(async (tx) => {
		await tx.query(
			"update public.programs set kind = 'learning_community', min_group_size = $2 where id = $1",
			[staffed.program.id, MIN]
		);
		for (const person of extra) {
			await tx.query(
				"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'school_leader')",
				[staffed.program.id, person.id, g.schoolB]
			);
			await tx.query(
				"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
				[g.group, person.id, g.schoolB]
			);
		}
		const rows = await tx.query<{ id: string }>(
			"insert into public.groups (program_id, kind, name) values ($1, 'LGLB', 'Groep 2') returning id",
			[staffed.program.id]
		);
		secondGroup = rows[0].id;
	});
	const { mentor, mentee, observer } = staffed.people;
	members = [mentor, mentee, observer, ...extra];
	elsewhere = await buildStaffedProgram(db);
});
afterAll(() => db.close());

const coordinator = () => staffed.people.coordinator.claims;
const group1 = async () => {
	const groups = await loadGroupNeedsChange(db, coordinator(), staffed.program.id);
	const found = groups.find((x) => x.groupId === g.group);
	if (!found) throw new Error('group 1 missing');
	return found;
};
const theme = (
	group: Awaited<ReturnType<typeof group1>>,
	key: 'pedagogy' | 'wellbeing' = 'pedagogy'
) => group.themes.find((t) => t.key === key);

describe(`learning communities: change in the needs analysis (${testEngine()})`, () => {
	it('lists every group with every theme hidden while nobody answered at an end of year', async () => {
		for (const person of members) await answer(person, 'start', 3);
		const groups = await loadGroupNeedsChange(db, coordinator(), staffed.program.id);
		expect(groups.map((x) => x.pseudonym)).toEqual(['G-02', 'G-01']);
		for (const group of groups) {
			expect(group.lastMoment).toBeNull();
			expect(group.respondents).toBeNull();
			expect(group.themes.map((t) => t.key)).toEqual(NEEDS_THEMES.map((t) => t.key));
			expect(group.themes.every((t) => t.suppressed && t.first === null && t.change === null)).toBe(
				true
			);
		}
	});

	it('hides the change while fewer than the minimum answered at the start and at the end', async () => {
		await answer(members[0], 'year1_end', 1);
		await answer(members[1], 'year1_end', 1);
		const group = await group1();
		expect(group.lastMoment).toBeNull();
		expect(group.themes.every((t) => t.suppressed)).toBe(true);
		// A later answer from someone without a start answer does not count either.
		const rows = await groupNeedsChangeRows(db, coordinator(), staffed.program.id);
		expect(rows.filter((r) => r.group_id === g.group && !r.suppressed)).toEqual([]);
	});

	it('publishes the averages over the people who answered both, and their difference', async () => {
		await answer(members[2], 'year1_end', 2, 4);
		const group = await group1();
		expect(group.lastMoment).toBe('year1_end');
		expect(group.respondents).toBe(3);
		// Start: 3, 3, 3. End of year 1: pedagogy 1, 1, 4 (2.0), the other themes 1, 1, 2 (1.3).
		expect(theme(group)).toEqual({
			key: 'pedagogy',
			first: 3,
			last: 2,
			change: -1,
			suppressed: false
		});
		expect(theme(group, 'wellbeing')).toEqual({
			key: 'wellbeing',
			first: 3,
			last: 1.3,
			change: -1.7,
			suppressed: false
		});
	});

	it('adds people in blocks of the minimum, so one more answer never moves the figures', async () => {
		const before = await group1();
		await answer(members[3], 'year1_end', 4);
		await answer(members[4], 'year1_end', 4);
		expect(await group1()).toEqual(before);
		// The sixth completes the second block: now six people are behind the figures.
		await answer(members[5], 'year1_end', 4);
		const after = await group1();
		expect(after.respondents).toBe(6);
		// Pedagogy at the end: 1, 1, 4, 4, 4, 4 → 3.0; start 3.0.
		expect(theme(after)).toEqual({
			key: 'pedagogy',
			first: 3,
			last: 3,
			change: 0,
			suppressed: false
		});
	});

	it('compares with the latest end-of-year moment that has enough answers', async () => {
		await answer(members[0], 'year2_end', 2);
		await answer(members[1], 'year2_end', 2);
		expect((await group1()).lastMoment).toBe('year1_end');
		await answer(members[2], 'year2_end', 2);
		const group = await group1();
		expect(group.lastMoment).toBe('year2_end');
		expect(group.respondents).toBe(3);
		expect(theme(group)).toEqual({
			key: 'pedagogy',
			first: 3,
			last: 2,
			change: -1,
			suppressed: false
		});
		// The group with one member stays hidden.
		const groups = await loadGroupNeedsChange(db, coordinator(), staffed.program.id);
		expect(groups.find((x) => x.groupId === secondGroup)?.themes.every((t) => t.suppressed)).toBe(
			true
		);
	});

	it('gives the process coach averages in blocks of the minimum too', async () => {
		const coach = staffed.people.supporter.claims;
		const start = (await loadNeedsSummary(db, coach, g.group)).filter((r) => r.moment === 'start');
		// Six start answers, minimum three: all six count.
		expect(start.find((r) => r.theme === 'pedagogy')).toMatchObject({ respondents: 6, average: 3 });
		const year2 = () =>
			loadNeedsSummary(db, coach, g.group).then((rows) =>
				rows.filter((r) => r.moment === 'year2_end')
			);
		const before = await year2();
		expect(before.find((r) => r.theme === 'pedagogy')).toMatchObject({
			respondents: 3,
			average: 2
		});
		// A fourth answer at the end of year 2 leaves the coach's averages as they were.
		await answer(members[3], 'year2_end', 4);
		expect(await year2()).toEqual(before);
	});

	it('is read by the programme’s coordinator only', async () => {
		const { supporter, mentor, mentee, observer } = staffed.people;
		for (const claims of [
			supporter.claims,
			mentor.claims,
			mentee.claims,
			observer.claims,
			elsewhere.people.coordinator.claims
		]) {
			expect(await groupNeedsChangeRows(db, claims, staffed.program.id)).toEqual([]);
		}
		await expect(
			db.asUser(null, (tx) =>
				tx.query('select * from public.group_needs_change($1)', [staffed.program.id])
			)
		).rejects.toThrow(/permission denied/);
		// Nobody reads another person's answers directly either (the table's own rule).
		const read = await db.asUser(staffed.people.coordinator.claims, (tx) =>
			tx.query('select 1 from public.needs_analyses where group_id = $1', [g.group])
		);
		expect(read).toEqual([]);
	});

	it('audits the reading and the download', async () => {
		await loadGroupNeedsChange(db, coordinator(), staffed.program.id, 'monitoring.export');
		const rows = await db.asUser(coordinator(), (tx) =>
			tx.query<{ action: string; datasets: string[] }>(
				`select action, details -> 'datasets' as datasets from public.audit_events
				 where program_id = $1 and action like 'monitoring.%' order by id desc limit 2`,
				[staffed.program.id]
			)
		);
		expect(rows).toEqual([
			{ action: 'monitoring.export', datasets: ['group-needs-change'] },
			{ action: 'monitoring.view', datasets: ['group-needs-change'] }
		]);
	});

	it('members plan meetings from the Brussels day of the hand-over, not before', async () => {
		const plans = () =>
			db.asUser(staffed.people.mentee.claims, (tx) =>
				tx.query<{ ok: boolean }>('select private.plans_group_meetings($1) as ok', [g.group])
			);
		await db.asService((tx) =>
			tx.query(
				"update public.groups set self_steering_since = (now() at time zone 'Europe/Brussels')::date + 1 where id = $1",
				[g.group]
			)
		);
		expect((await plans())[0].ok).toBe(false);
		await db.asService((tx) =>
			tx.query(
				"update public.groups set self_steering_since = (now() at time zone 'Europe/Brussels')::date where id = $1",
				[g.group]
			)
		);
		expect((await plans())[0].ok).toBe(true);
	});
});
