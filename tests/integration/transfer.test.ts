import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import { handleExit, requestExit } from '$lib/server/coordination/exits';
import { transferConsentedSheets } from '$lib/server/coordination/transfer';
import { createPair } from '$lib/server/pairs/commands';
import { loadPairRef } from '$lib/server/pairs/queries';
import { buildMembership, buildStaffedProgram, buildUser } from '../factories';
import { startCollabHarness, type Harness } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';
import { pairSheets } from '$lib/domain/templates';

let db: Database;
let harness: Harness;

beforeAll(async () => {
	db = await createTestDatabase();
	harness = await startCollabHarness({
		store: createPgDocumentStore(db),
		persistence: { batchMs: 10 }
	});
});
afterAll(async () => {
	await harness.teardown();
	await db.close();
});

async function sheetDoc(pairId: string, key: string) {
	const rows = await db.asService((tx) =>
		tx.query<{ doc_name: string }>(
			'select doc_name from public.sheets where pair_id = $1 and template_key = $2',
			[pairId, key]
		)
	);
	return rows[0].doc_name;
}

async function scenario(consents: boolean) {
	const { program, people } = await buildStaffedProgram(db);
	const coordinator = people.coordinator.claims;
	const first = await createPair(db, coordinator, {
		programId: program.id,
		mentorId: people.mentor.id,
		menteeId: people.mentee.id
	});
	await harness.server.changeDocument(await sheetDoc(first, 'PS1'), (doc) =>
		doc.getText('mentee-name').insert(0, 'Fien')
	);
	await requestExit(
		{ db, claims: people.mentee.claims },
		(await loadPairRef(db, first))!,
		'mentee',
		{
			reason: 'Andere mentor graag',
			consentsTransfer: consents
		}
	);
	const request = await db.asService((tx) =>
		tx.query<{ id: string }>('select id from public.exit_requests where pair_id = $1', [first])
	);
	await handleExit({ db, claims: coordinator }, program.id, request[0].id, 'ended');
	const mentor2 = await buildUser(db);
	await buildMembership(db, program.id, mentor2, 'mentor');
	const second = await createPair(db, coordinator, {
		programId: program.id,
		mentorId: mentor2.id,
		menteeId: people.mentee.id
	});
	const moved = await transferConsentedSheets(db, harness.server, [second]);
	const text = await harness.server.readDocument(await sheetDoc(second, 'PS1'), (doc) =>
		doc.getText('mentee-name').toString()
	);
	return { moved, text };
}

describe(`worksheets after re-matching (${testEngine()})`, () => {
	it('move to the new pair when the mentee consented', async () => {
		const { moved, text } = await scenario(true);
		// Every sheet of the pair: one per instrument.
		expect(moved).toBe(pairSheets.length);
		expect(text).toBe('Fien');
	});

	it('stay behind without consent', async () => {
		const { moved, text } = await scenario(false);
		expect(moved).toBe(0);
		expect(text).toBe('');
	});
});
