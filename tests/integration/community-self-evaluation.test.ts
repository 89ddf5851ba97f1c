import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_EVALUATION_THEMES } from '$lib/domain/groups/self-evaluation';
import type { NeedsMoment } from '$lib/domain/groups/needs';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { collectExport } from '$lib/server/rights/export';
import {
	loadMySelfEvaluations,
	loadProgramSelfEvaluationSummary,
	loadSelfEvaluationSummary,
	saveSelfEvaluation
} from '$lib/server/groups/self-evaluation';
import {
	buildGroupWithContent,
	buildMembership,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * The self-evaluation of a learning community (issue #12), per role: the author (the mentee, a
 * member) reads and writes their own; another member, the process coach (the supporter), the
 * coordinator, a member of another group of the programme, a person of another programme and anon
 * read and write nothing of it. The coach and the coordinator get averages per theme, none below
 * the minimum group size (3 here) and never the texts.
 */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
let outsider: BuiltUser;
let foreign: BuiltUser;
let otherGroup: string;

const MIN = 3;
const answers = (value: number) =>
	Object.fromEntries(SELF_EVALUATION_THEMES.map((t) => [t.key, value]));
const save = (who: BuiltUser, moment: NeedsMoment, value: number, group = g.group) =>
	saveSelfEvaluation(db, who.claims, group, {
		moment,
		answers: answers(value),
		goingWell: 'Geheime tekst over mijn team',
		toGrow: null
	});
const rowsOf = (
	claims: JwtClaims | null,
	sql = 'select id from public.community_self_evaluations'
) => db.asUser(claims, (tx) => tx.query<{ id: string }>(sql));

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	outsider = await buildUser(db);
	await buildMembership(db, staffed.program.id, outsider, 'mentee');
	await db.asService(async (tx) => {
		await tx.query(
			"update public.programs set kind = 'learning_community', min_group_size = $2 where id = $1",
			[staffed.program.id, MIN]
		);
		const other = await tx.query<{ id: string }>(
			"insert into public.groups (program_id, kind, name) values ($1, 'LGLB', 'Groep 2') returning id",
			[staffed.program.id]
		);
		otherGroup = other[0].id;
		await tx.query(
			"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'pupil_support_lead')",
			[staffed.program.id, outsider.id, g.schoolA]
		);
		await tx.query(
			"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
			[otherGroup, outsider.id, g.schoolA]
		);
	});
	const elsewhere = await buildStaffedProgram(db);
	foreign = elsewhere.people.mentee;
});
afterAll(() => db.close());

describe(`learning communities: self-evaluation (${testEngine()})`, () => {
	it('the author reads their own self-evaluation, texts included', async () => {
		const mine = await loadMySelfEvaluations(db, staffed.people.mentee.claims, g.group);
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ moment: 'start', toGrow: 'Feedback geven', goingWell: null });
		expect((await rowsOf(staffed.people.mentee.claims)).map((r) => r.id)).toEqual([
			g.selfEvaluation
		]);
	});

	it('another member, the process coach, the coordinator and outsiders read nothing of it', async () => {
		const { mentor, observer, supporter, coordinator } = staffed.people;
		for (const who of [mentor, observer, supporter, coordinator, outsider, foreign]) {
			expect(await rowsOf(who.claims)).toEqual([]);
		}
		await expect(rowsOf(null)).rejects.toThrow(/permission denied/);
	});

	it('only a member writes, and only their own', async () => {
		const { mentee, mentor, supporter, coordinator } = staffed.people;
		await save(mentee, 'year1_end', 2);
		expect((await loadMySelfEvaluations(db, mentee.claims, g.group)).map((x) => x.moment)).toEqual([
			'start',
			'year1_end'
		]);
		// The coach, the coordinator and a member of another group are no members of this group.
		for (const who of [supporter, coordinator, outsider]) {
			await expect(save(who, 'start', 3)).rejects.toThrow();
		}
		// Nobody writes a row in someone else's name, anon not at all.
		const insertFor = (claims: JwtClaims | null, userId: string) =>
			db.asUser(claims, (tx) =>
				tx.query(
					`insert into public.community_self_evaluations (group_id, user_id, moment, answers)
					 values ($1, $2, 'year2_end', '{"pedagogy": 1}')`,
					[g.group, userId]
				)
			);
		await expect(insertFor(mentor.claims, mentee.id)).rejects.toThrow();
		await expect(insertFor(supporter.claims, mentee.id)).rejects.toThrow();
		await expect(insertFor(null, mentee.id)).rejects.toThrow(/permission denied/);
		await expect(insertFor(foreign.claims, foreign.id)).rejects.toThrow();
	});

	it('nobody but the author changes or deletes it; its group and author are fixed', async () => {
		const { mentee, mentor, supporter, coordinator } = staffed.people;
		for (const who of [mentor, supporter, coordinator, outsider]) {
			const changed = await db.asUser(who.claims, (tx) =>
				tx.query(
					"update public.community_self_evaluations set to_grow = 'x' where id = $1 returning id",
					[g.selfEvaluation]
				)
			);
			expect(changed).toEqual([]);
			const deleted = await db.asUser(who.claims, (tx) =>
				tx.query('delete from public.community_self_evaluations where id = $1 returning id', [
					g.selfEvaluation
				])
			);
			expect(deleted).toEqual([]);
		}
		await expect(
			db.asUser(mentee.claims, (tx) =>
				tx.query('update public.community_self_evaluations set user_id = $2 where id = $1', [
					g.selfEvaluation,
					mentor.id
				])
			)
		).rejects.toThrow(/permission denied/);
		const own = await db.asUser(mentee.claims, (tx) =>
			tx.query(
				"update public.community_self_evaluations set to_grow = 'Meer delegeren' where id = $1 returning id",
				[g.selfEvaluation]
			)
		);
		expect(own).toHaveLength(1);
		const [start] = await loadMySelfEvaluations(db, mentee.claims, g.group);
		expect(start.toGrow).toBe('Meer delegeren');
	});

	it('the coach and the coordinator get no averages below the minimum group size', async () => {
		// Only the mentee answered (start and year 1): one answer per moment.
		expect(await loadSelfEvaluationSummary(db, staffed.people.supporter.claims, g.group)).toEqual(
			[]
		);
		expect(await loadSelfEvaluationSummary(db, staffed.people.coordinator.claims, g.group)).toEqual(
			[]
		);
		const [group] = (
			await loadProgramSelfEvaluationSummary(
				db,
				staffed.people.coordinator.claims,
				staffed.program.id
			)
		).filter((x) => x.groupId === g.group);
		expect(group.rows).toEqual([]);
		expect(group.pseudonym).toMatch(/^G-\d{2}$/);
	});

	it('from the minimum on, the coach and the coordinator get averages per theme, never the texts', async () => {
		await save(staffed.people.mentor, 'start', 3);
		await save(staffed.people.observer, 'start', 4);
		const coach = await loadSelfEvaluationSummary(db, staffed.people.supporter.claims, g.group);
		const start = coach.filter((r) => r.moment === 'start');
		// Mentee 2 (pedagogy) or 1 (leadership), mentor 3, observer 4.
		expect(start.find((r) => r.theme === 'pedagogy')).toEqual({
			moment: 'start',
			theme: 'pedagogy',
			respondents: 3,
			average: 3
		});
		expect(start.find((r) => r.theme === 'leadership')?.average).toBe(2.7);
		expect(coach.some((r) => r.moment === 'year1_end')).toBe(false);
		const programWide = await loadProgramSelfEvaluationSummary(
			db,
			staffed.people.coordinator.claims,
			staffed.program.id
		);
		expect(programWide.find((x) => x.groupId === g.group)?.rows).toEqual(coach);
		expect(JSON.stringify(programWide)).not.toMatch(/Geheime|delegeren|Groep/);
		// The members themselves, another group's member and another programme get nothing.
		for (const who of [staffed.people.mentee, staffed.people.mentor, outsider, foreign]) {
			expect(await loadSelfEvaluationSummary(db, who.claims, g.group)).toEqual([]);
			expect(await loadProgramSelfEvaluationSummary(db, who.claims, staffed.program.id)).toEqual(
				[]
			);
		}
		await expect(
			db.asUser(null, (tx) =>
				tx.query('select * from public.group_self_evaluation_summary($1)', [g.group])
			)
		).rejects.toThrow(/permission denied/);
	});

	it("the author's export holds their own self-evaluations and needs analyses, nobody else's", async () => {
		const entries = await collectExport(db, staffed.people.mentee.id);
		const file = (suffix: string) => {
			const key = [...entries.keys()].find((k) => k.endsWith(suffix));
			if (!key) throw new Error(`${suffix} missing`);
			return JSON.parse(new TextDecoder().decode(entries.get(key))) as Record<string, unknown>[];
		};
		const mine = file('self-evaluations.json');
		expect(mine.map((x) => x.moment).sort()).toEqual(['start', 'year1_end']);
		expect(mine.find((x) => x.moment === 'start')).toMatchObject({
			group: 'Groep 1',
			to_grow: 'Meer delegeren'
		});
		expect(file('needs-analyses.json').map((x) => x.moment)).toEqual(['start']);
	});

	it('the author deletes their own', async () => {
		const { mentee } = staffed.people;
		const deleted = await db.asUser(mentee.claims, (tx) =>
			tx.query('delete from public.community_self_evaluations where id = $1 returning id', [
				g.selfEvaluation
			])
		);
		expect(deleted).toHaveLength(1);
		expect((await loadMySelfEvaluations(db, mentee.claims, g.group)).map((x) => x.moment)).toEqual([
			'year1_end'
		]);
	});
});
