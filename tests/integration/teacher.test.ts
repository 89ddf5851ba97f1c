import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PairRef } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { menteeNeedsRounds, needsForMentor } from '$lib/server/coordination/intake';
import {
	PLAN_GOALS_TABLE,
	findSheet,
	goalToPlan,
	type SheetRow
} from '$lib/server/pairs/sheet-actions';
import { readFieldContent } from '$lib/shared/sheet-doc';
import {
	DEVELOPMENT_PLAN_KEY as PLAN_KEY,
	getTemplate,
	fieldsOf,
	TABLE_ROW_ID
} from '$lib/domain/templates';
import {
	buildMembership,
	buildProgram,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { startCollabHarness, type Harness } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let otherMentor: BuiltUser;
let otherCoordinator: BuiltUser;
let pair: PairRef;

async function makePair(
	programId: string,
	mentor: BuiltUser,
	mentee: BuiltUser,
	status = 'active'
): Promise<string> {
	const { insertPair } = await import('$lib/server/pairs/commands');
	return db.asService(async (tx) => {
		const id = await insertPair(tx, { programId, mentorId: mentor.id, menteeId: mentee.id });
		if (status !== 'active')
			await tx.query('update public.pairs set status = $2 where id = $1', [id, status]);
		return id;
	});
}

async function submitNeeds(programId: string, user: BuiltUser, answers: Record<string, unknown>) {
	await db.asUser(user.claims, (tx) =>
		tx.query(
			`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers)
			 values ($1, $2, 'teacher-needs', 1, $3)`,
			[programId, user.id, answers]
		)
	);
}

const needsRows = async (claims: JwtClaims | null, userId: string) =>
	(
		await db.asUser(claims, (tx) =>
			tx.query<{ form_key: string }>(
				'select form_key from public.intake_responses where user_id = $1 order by submitted_at',
				[userId]
			)
		)
	).map((r) => r.form_key);

beforeAll(async () => {
	db = await createTestDatabase();
	harness = await startCollabHarness();
	staffed = await buildStaffedProgram(db);
	await db.asService((tx) =>
		tx.query("update public.programs set kind = 'teacher_induction' where id = $1", [
			staffed.program.id
		])
	);
	otherMentor = await buildUser(db);
	await buildMembership(db, staffed.program.id, otherMentor, 'mentor');
	const other = await buildProgram(db, { organisationId: undefined, kind: 'teacher_induction' });
	otherCoordinator = await buildUser(db);
	await buildMembership(db, other.id, otherCoordinator, 'coordinator');
	const { people } = staffed;
	const pairId = await makePair(staffed.program.id, people.mentor, people.mentee);
	pair = {
		id: pairId,
		programId: staffed.program.id,
		mentorId: people.mentor.id,
		menteeId: people.mentee.id,
		supporterId: null,
		status: 'active'
	};
	// Two rounds of the needs questionnaire and another intake form of the same teacher.
	await submitNeeds(staffed.program.id, people.mentee, {
		date: '2026-09-05',
		'personal-need': 'much',
		'social-need': 'some',
		'professional-need': 'some',
		stress: 'De eerste weken zijn zwaar.'
	});
	await submitNeeds(staffed.program.id, people.mentee, {
		date: '2026-11-20',
		'personal-need': 'some',
		'social-need': 'some',
		'professional-need': 'much',
		'school-culture': 'Hoe werkt de vakgroep?'
	});
	await db.asUser(people.mentee.claims, (tx) =>
		tx.query(
			`insert into public.intake_responses (program_id, user_id, form_key, form_version, answers)
			 values ($1, $2, 'mentee-intake', 1, '{}')`,
			[staffed.program.id, people.mentee.id]
		)
	);
});
afterAll(async () => {
	await harness.teardown();
	await db.close();
});

describe(`the needs questionnaire is shown to the teacher's own mentor (${testEngine()})`, () => {
	it('the teacher and the coordinator read every round and form, as before', async () => {
		const mentee = staffed.people.mentee;
		expect(await needsRows(mentee.claims, mentee.id)).toEqual([
			'teacher-needs',
			'teacher-needs',
			'mentee-intake'
		]);
		expect(await needsRows(staffed.people.coordinator.claims, mentee.id)).toHaveLength(3);
	});

	it("the pair's mentor reads the needs rounds, not the other intake forms", async () => {
		expect(await needsRows(staffed.people.mentor.claims, staffed.people.mentee.id)).toEqual([
			'teacher-needs',
			'teacher-needs'
		]);
	});

	it('another mentor, the supporter, the observer, another programme and anon read nothing', async () => {
		const mentee = staffed.people.mentee.id;
		for (const who of [
			otherMentor,
			staffed.people.supporter,
			staffed.people.observer,
			otherCoordinator
		])
			expect(await needsRows(who.claims, mentee), who.email).toEqual([]);
		await expect(needsRows(null, mentee)).rejects.toThrow(/permission denied/);
	});

	it('a proposed pair does not reveal the needs; an ended pair still does', async () => {
		const mentee = await buildUser(db);
		await buildMembership(db, staffed.program.id, mentee, 'mentee');
		await submitNeeds(staffed.program.id, mentee, { 'personal-need': 'none' });
		const proposed = await makePair(staffed.program.id, otherMentor, mentee, 'proposed');
		expect(await needsRows(otherMentor.claims, mentee.id)).toEqual([]);
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'ended', ended_at = now() where id = $1", [
				proposed
			])
		);
		expect(await needsRows(otherMentor.claims, mentee.id)).toEqual(['teacher-needs']);
		// A mentor who left the programme no longer reads them.
		await db.asService((tx) =>
			tx.query(
				"update public.memberships set status = 'removed' where program_id = $1 and user_id = $2",
				[staffed.program.id, otherMentor.id]
			)
		);
		expect(await needsRows(otherMentor.claims, mentee.id)).toEqual([]);
	});

	it("the mentor cannot write the teacher's rounds", async () => {
		await expect(
			submitNeeds(staffed.program.id, staffed.people.mentor, { 'personal-need': 'much' })
		).rejects.toThrow(/row-level security|policy/);
	});

	it('compares the rounds per plane for the pair page card', async () => {
		const rounds = await needsForMentor(db, staffed.people.mentor.claims, pair);
		expect(rounds?.map((r) => [r.number, r.date])).toEqual([
			[1, '2026-09-05'],
			[2, '2026-11-20']
		]);
		expect(rounds?.[1].planes).toEqual({
			personal: { level: 'some', change: 'less', notes: [] },
			social: { level: 'some', change: 'same', notes: [] },
			professional: { level: 'much', change: 'more', notes: ['Hoe werkt de vakgroep?'] }
		});
		// The card is the mentor's: the mentee's page does not carry it, nor a youth pair's.
		expect(await needsForMentor(db, staffed.people.mentee.claims, pair)).toBeNull();
		// Read as another mentor, the same query returns no rounds.
		expect(
			await menteeNeedsRounds(db, otherCoordinator.claims, pair.programId, pair.menteeId)
		).toEqual([]);
	});
});

describe(`a growth wish becomes a goal of the development plan (${testEngine()})`, () => {
	let roles: SheetRow;
	let plan: SheetRow;

	beforeAll(async () => {
		roles = (await findSheet(db, pair.id, 'teacher-roles'))!;
		plan = (await findSheet(db, pair.id, PLAN_KEY))!;
		await harness.server.changeDocument(roles.docName, (doc) => {
			const fragment = doc.getXmlFragment('educator-growth');
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Rust brengen in de klas na de speeltijd')]);
			fragment.push([paragraph]);
		});
	});

	it('every pair has the three teacher sheets', async () => {
		for (const key of ['teacher-roles', 'lesson-preparation', 'lesson-observation'])
			expect(await findSheet(db, pair.id, key), key).not.toBeNull();
	});

	it("appends a row to 04's action plan whose goal names the role and holds the wish", async () => {
		const mentee = staffed.people.mentee;
		const { rowId } = await goalToPlan(
			{ db, collab: harness.server, claims: mentee.claims, locale: 'nl' },
			pair,
			roles,
			'educator-growth'
		);
		const table = fieldsOf(getTemplate(PLAN_KEY)!).find((f) => f.key === PLAN_GOALS_TABLE)!;
		const rows = await harness.server.readDocument(plan.docName, (doc) => ({
			content: readFieldContent(doc, table),
			ids: doc
				.getArray<Y.Map<unknown>>(PLAN_GOALS_TABLE)
				.toArray()
				.map((row) => row.get(TABLE_ROW_ID)),
			cells: Array.from(doc.getArray<Y.Map<unknown>>(PLAN_GOALS_TABLE).get(0).keys()).sort()
		}));
		expect(rows.ids).toEqual([rowId]);
		expect(rows.content).toEqual([
			expect.objectContaining({
				goal: '[2. De leraar als opvoeder]\nRust brengen in de klas na de speeltijd'
			})
		]);
		// Every text and rich cell exists, as for a row added in the browser.
		const shared = table.kind === 'table' ? table.columns.filter((c) => c.kind === 'rich') : [];
		expect(rows.cells).toEqual([TABLE_ROW_ID, ...shared.map((c) => c.key)].sort());
		const audit = await db.asService((tx) =>
			tx.query<{ actor_id: string }>(
				"select actor_id from public.audit_events where action = 'sheet.goal_to_plan' and entity_id = $1",
				[roles.id]
			)
		);
		expect(audit).toEqual([{ actor_id: mentee.id }]);
	});

	it('refuses a field that is not a growth wish, and an empty wish, writing nothing', async () => {
		const mentee = staffed.people.mentee.claims;
		await expect(
			goalToPlan(
				{ db, collab: harness.server, claims: mentee, locale: 'nl' },
				pair,
				roles,
				'educator-strengths'
			)
		).rejects.toThrow(/not_copyable/);
		await expect(
			goalToPlan(
				{ db, collab: harness.server, claims: mentee, locale: 'nl' },
				pair,
				roles,
				'organiser-growth'
			)
		).rejects.toThrow(/nothing_to_copy/);
		const count = await harness.server.readDocument(
			plan.docName,
			(doc) => doc.getArray(PLAN_GOALS_TABLE).length
		);
		expect(count).toBe(1);
	});
});
