/**
 * Switching an instrument off closes the sockets open on its (empty) sheets at once, through the
 * same re-check as a pair's end (`pair-changed`); a sheet with content stays open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { instrumentChoices } from '$lib/domain/templates/instrument-sets';
import { pairSheets } from '$lib/domain/templates';
import { CloseCode } from '$lib/shared/collab';
import { applyAccessEvent } from '$lib/server/access-events';
import { createLocalAuth } from '$lib/server/auth/local';
import { authenticateSocket, authorizeDocument } from '$lib/server/collab-access';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { resetProgramInstruments, saveProgramInstruments } from '$lib/server/programs/instruments';
import { buildPairWithContent, buildStaffedProgram, FACTORY_PASSWORD } from '../factories';
import {
	browserSocket,
	retryableAssertion,
	startCollabHarness,
	type Harness
} from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;
const cookies: Record<string, string> = {};
const open: { provider: WebsocketProvider; doc: Y.Doc }[] = [];

function connect(who: string, room: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(harness.url, room, doc, {
		WebSocketPolyfill: browserSocket(harness.url, cookies[who]),
		disableBc: true,
		maxBackoffTime: 100
	});
	open.push({ provider, doc });
	const closed = new Promise<number>((resolve) => {
		provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code));
	});
	const synced = new Promise<void>((resolve) =>
		provider.on('sync', (state: boolean) => state && resolve())
	);
	return { doc, provider, closed, synced };
}

async function sheetDoc(key: string): Promise<string> {
	const rows = await db.asService((tx) =>
		tx.query<{ doc_name: string }>(
			'select doc_name from public.sheets where pair_id = $1 and template_key = $2',
			[pairId, key]
		)
	);
	return rows[0].doc_name;
}

beforeAll(async () => {
	db = await createTestDatabase();
	const log = createLogger('silent');
	const auth = createLocalAuth({
		db,
		mailer: createOutboxMailer(db, log),
		origin: 'http://x',
		sessionDays: 1
	});
	staffed = await buildStaffedProgram(db);
	pairId = await buildPairWithContent(db, staffed);
	for (const who of ['mentor', 'mentee'] as const) {
		const result = await auth.signIn(staffed.people[who].email, FACTORY_PASSWORD, {
			ip: who,
			userAgent: 'vitest'
		});
		if (!result.ok) throw new Error(`sign-in failed for ${who}`);
		cookies[who] = `${result.cookies[0].name}=${result.cookies[0].value}`;
	}
	harness = await startCollabHarness({
		authenticate: authenticateSocket(auth),
		authorize: authorizeDocument(db),
		store: createPgDocumentStore(db)
	});
});

afterAll(async () => {
	for (const { provider, doc } of open) {
		provider.destroy();
		doc.destroy();
	}
	await harness?.teardown();
	await db?.close();
});

describe(`switching an instrument off closes its open sockets (${testEngine()})`, () => {
	it('a socket on the empty sheet closes at once; one on a sheet with content stays open', async () => {
		const act = applyAccessEvent(harness.server, authorizeDocument(db));
		const announced: string[] = [];
		const onPairChanged = async (id: string) => {
			announced.push(id);
			await act({ type: 'pair-changed', pairId: id });
		};
		const s4 = connect('mentee', await sheetDoc('S4'));
		// The agreement has content (the factory's progress row): it stays whatever the set says.
		const agreement = connect('mentor', await sheetDoc('01-agreement'));
		await Promise.all([s4.synced, agreement.synced]);

		const list = instrumentChoices('youth', [], pairSheets).map((c) => ({
			key: c.key,
			enabled: c.key === 'S4' || c.key === '01-agreement' ? false : c.enabled
		}));
		await saveProgramInstruments(
			{ db, claims: staffed.people.coordinator.claims },
			staffed.program.id,
			list,
			onPairChanged
		);
		expect(announced).toEqual([pairId]);
		expect(await s4.closed).toBe(CloseCode.AccessRevoked);
		// Its reconnection is refused too (the next connect, as before).
		await retryableAssertion(() => expect(s4.provider.wsconnected).toBe(false));
		expect(agreement.provider.wsconnected).toBe(true);

		// Back to the default: the sheet opens again.
		await resetProgramInstruments(
			db,
			staffed.people.coordinator.claims,
			staffed.program.id,
			onPairChanged
		);
		const again = connect('mentee', await sheetDoc('S4'));
		await again.synced;
		expect(again.provider.wsconnected).toBe(true);
		expect(agreement.provider.wsconnected).toBe(true);
	});
});
