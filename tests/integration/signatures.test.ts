import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairRef } from '$lib/domain/policy';
import { getTemplate } from '$lib/domain/templates';
import { canonicalContent } from '$lib/shared/sheet-doc';
import type { Database } from '$lib/server/db/types';
import { findSheet, signSheet, signaturesOf, type SheetRow } from '$lib/server/pairs/sheet-actions';
import { buildPairWithContent, buildStaffedProgram } from '../factories';
import { startCollabHarness, type Harness } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pair: PairRef;
let agreement: SheetRow;
let confidentiality: SheetRow;

const signatureRows = (sheetId: string) =>
	db.asService((tx) =>
		tx.query<{ signer_id: string; role: string; content_hash: string }>(
			'select signer_id, role, content_hash from public.signatures where sheet_id = $1 order by signed_at',
			[sheetId]
		)
	);

beforeAll(async () => {
	db = await createTestDatabase();
	harness = await startCollabHarness();
	staffed = await buildStaffedProgram(db);
	const pairId = await buildPairWithContent(db, staffed);
	await db.asService((tx) =>
		tx.query('delete from public.signatures where pair_id = $1', [pairId])
	);
	pair = {
		id: pairId,
		programId: staffed.program.id,
		mentorId: staffed.people.mentor.id,
		menteeId: staffed.people.mentee.id,
		supporterId: staffed.people.supporter.id,
		status: 'active'
	};
	agreement = (await findSheet(db, pairId, '01-agreement'))!;
	confidentiality = (await findSheet(db, pairId, '02-confidentiality'))!;
	await harness.server.changeDocument(agreement.docName, (doc) =>
		doc.getText('goals').insert(0, 'Samen sterker')
	);
});
afterAll(async () => {
	await harness.teardown();
	await db.close();
});

describe(`signatures are written by the server (${testEngine()})`, () => {
	it('stores the hash of the document as it is, whatever the person is', async () => {
		await signSheet(
			{ db, collab: harness.server, claims: staffed.people.mentor.claims },
			pair,
			agreement,
			'mentor'
		);
		const expected = createHash('sha256')
			.update(
				await harness.server.readDocument(agreement.docName, (doc) =>
					canonicalContent(doc, getTemplate('01-agreement')!)
				)
			)
			.digest('hex');
		expect(await signatureRows(agreement.id)).toEqual([
			{ signer_id: staffed.people.mentor.id, role: 'mentor', content_hash: expected }
		]);
		const audit = await db.asService((tx) =>
			tx.query<{ actor_id: string }>(
				"select actor_id from public.audit_events where action = 'sheet.sign' and entity_id = $1",
				[agreement.id]
			)
		);
		expect(audit).toEqual([{ actor_id: staffed.people.mentor.id }]);
		const view = await signaturesOf(db, harness.server, agreement);
		expect(view.changedSinceSigned).toBe(false);
		// The mentee signs 01 too: they are asked to; the mentor is not told of their own signature.
		const told = await db.asService((tx) =>
			tx.query<{ user_id: string; kind: string; link: string }>(
				'select user_id, kind, link from public.notifications'
			)
		);
		expect(told).toEqual([
			{
				user_id: staffed.people.mentee.id,
				kind: 'signature_requested',
				link: `/pairs/${pair.id}/sheets/01-agreement`
			}
		]);
	});

	it('refuses a role the person does not hold in the pair, and writes nothing', async () => {
		const cases = [
			['mentor', 'mentee'],
			['observer', 'mentee'],
			['supporter', 'mentor'],
			['coordinator', 'mentor']
		] as const;
		for (const [who, role] of cases) {
			await expect(
				signSheet(
					{ db, collab: harness.server, claims: staffed.people[who].claims },
					pair,
					agreement,
					role
				),
				`${who} as ${role}`
			).rejects.toThrow(/forbidden/);
		}
		expect(await signatureRows(agreement.id)).toHaveLength(1);
	});

	it('lets the coordinator co-sign the confidentiality agreement only', async () => {
		await expect(
			signSheet(
				{ db, collab: harness.server, claims: staffed.people.coordinator.claims },
				pair,
				agreement,
				'coordinator'
			)
		).rejects.toThrow(/not_signable/);
		await signSheet(
			{ db, collab: harness.server, claims: staffed.people.coordinator.claims },
			pair,
			confidentiality,
			'coordinator'
		);
		expect((await signatureRows(confidentiality.id)).map((r) => r.role)).toEqual(['coordinator']);
	});

	it('refuses to sign for a pair that is paused', async () => {
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'paused' where id = $1", [pair.id])
		);
		await expect(
			signSheet(
				{ db, collab: harness.server, claims: staffed.people.mentee.claims },
				pair,
				agreement,
				'mentee'
			)
		).rejects.toThrow(/forbidden/);
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'active' where id = $1", [pair.id])
		);
		await signSheet(
			{ db, collab: harness.server, claims: staffed.people.mentee.claims },
			pair,
			agreement,
			'mentee'
		);
		expect((await signatureRows(agreement.id)).map((r) => r.role)).toEqual(['mentor', 'mentee']);
	});
});
