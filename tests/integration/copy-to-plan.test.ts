import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PairRef } from '$lib/domain/policy';
import { DEVELOPMENT_PLAN_KEY } from '$lib/domain/templates';
import type { Database } from '$lib/server/db/types';
import { copyToPlan, findSheet, type SheetRow } from '$lib/server/pairs/sheet-actions';
import { plainText } from '$lib/shared/sheet-doc';
import { buildPairWithContent, buildStaffedProgram } from '../factories';
import { startCollabHarness, type Harness } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * "Kopiëren naar het ontwikkelingsplan": PS2's knowledge and skills columns land in sheet 04's
 * first plan field, under a label naming the sheet and field, through the live document (everyone
 * with 04 open sees it arrive), and the copy is audited as the person who asked.
 */

let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pair: PairRef;
let ps2: SheetRow;
let plan: SheetRow;

const planText = () =>
	harness.server.readDocument(plan.docName, (doc) => plainText(doc.getXmlFragment('already-have')));

beforeAll(async () => {
	db = await createTestDatabase();
	harness = await startCollabHarness();
	staffed = await buildStaffedProgram(db);
	const pairId = await buildPairWithContent(db, staffed);
	const { people } = staffed;
	pair = {
		id: pairId,
		programId: staffed.program.id,
		mentorId: people.mentor.id,
		menteeId: people.mentee.id,
		supporterId: people.supporter.id,
		status: 'active'
	};
	ps2 = (await findSheet(db, pairId, 'PS2'))!;
	plan = (await findSheet(db, pairId, DEVELOPMENT_PLAN_KEY))!;
});

afterAll(async () => {
	await harness?.teardown();
	await db?.close();
});

describe(`copying a sheet's answer into the development plan (${testEngine()})`, () => {
	it('refuses an empty field and a field that cannot be copied, writing nothing', async () => {
		const ctx = {
			db,
			collab: harness.server,
			claims: staffed.people.mentee.claims,
			locale: 'nl' as const
		};
		await expect(copyToPlan(ctx, pair, ps2, 'training-steps')).rejects.toThrow(/nothing_to_copy/);
		await expect(copyToPlan(ctx, pair, ps2, 'other')).rejects.toThrow(/not_copyable/);
		expect(await planText()).toBe('');
	});

	it("appends the rows under the sheet's and field's title, and audits the copy", async () => {
		await harness.server.changeDocument(ps2.docName, (doc) => {
			const row = new Y.Map<unknown>();
			const knowledge = new Y.XmlFragment();
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText('Klasmanagement')]);
			knowledge.insert(0, [paragraph]);
			row.set('knowledge', knowledge);
			row.set('skills', 'Feedback geven');
			doc.getArray<Y.Map<unknown>>('training-steps').push([row]);
		});
		const mentee = staffed.people.mentee;
		await copyToPlan(
			{ db, collab: harness.server, claims: mentee.claims, locale: 'en' },
			pair,
			ps2,
			'training-steps'
		);
		const text = await planText();
		expect(text).toMatch(/^\[PS2 .*· Follow the experience/);
		expect(text).toContain('Klasmanagement · Feedback geven');
		const audit = await db.asService((tx) =>
			tx.query<{ actor_id: string }>(
				"select actor_id from public.audit_events where action = 'sheet.copy_to_plan' and entity_id = $1",
				[ps2.id]
			)
		);
		expect(audit).toEqual([{ actor_id: mentee.id }]);
	});
});
