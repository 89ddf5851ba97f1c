/**
 * Authorship on a real pair: the person and their pair role come from the session cookie and
 * the policy, the per-person answers from the sheet's template in the database. A hostile
 * client of the mentor, on the raw protocol, cannot write as the mentee; honest providers get
 * the account names and the server's time on their comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '$lib/shared/collab';
import { COMMENTS_MAP } from '$lib/shared/sheet-comments';
import { SheetComments } from '$lib/components/sheet/comments';
import { createLocalAuth } from '$lib/server/auth/local';
import {
	authenticateSocket,
	authorizeDocument,
	respondentEntriesOf
} from '$lib/server/collab-access';
import { loadDocument } from '$lib/server/collab/persistence';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import type { Database } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { notifyComment } from '$lib/server/notifications/events';
import { updateFrame } from '../bench/shared';
import { buildPairWithContent, buildStaffedProgram, FACTORY_PASSWORD } from '../factories';
import {
	browserSocket,
	openRawClient,
	retryableAssertion,
	startCollabHarness,
	type Harness,
	type RawClient
} from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;
const cookies: Record<string, string> = {};
const providers: { provider: WebsocketProvider; doc: Y.Doc }[] = [];
const raws: RawClient[] = [];

/** The display name the factories give a person. */
function nameOf(who: 'mentor' | 'mentee'): string {
	return `Person ${staffed.people[who].email.split('@')[0]}`;
}

function connect(who: 'mentor' | 'mentee', room: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(harness.url, room, doc, {
		WebSocketPolyfill: browserSocket(harness.url, cookies[who]),
		disableBc: true,
		maxBackoffTime: 100
	});
	providers.push({ provider, doc });
	const synced = new Promise<void>((resolve) =>
		provider.on('sync', (state: boolean) => state && resolve())
	);
	return { doc, synced };
}

/** A hostile client with the person's cookie: sends `change`, made on a copy of the server's state. */
async function rawChange(who: 'mentor' | 'mentee', room: string, change: (doc: Y.Doc) => void) {
	const raw = await openRawClient(`${harness.url}/${room}`, {
		cookie: cookies[who],
		origin: new URL(harness.url.replace(/^ws/, 'http')).origin
	});
	raws.push(raw);
	const doc = new Y.Doc();
	const state = harness.server.documentState(room);
	if (state) Y.applyUpdate(doc, state);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.transact(() => change(doc));
	raw.send(updateFrame(Y.mergeUpdates(updates)));
	return { raw, clientId: doc.clientID };
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

async function stored(room: string): Promise<Y.Doc> {
	await harness.server.flushAll();
	return (await loadDocument(harness.store, room)).doc;
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
		respondentEntries: respondentEntriesOf(db),
		onCommented: (name, author, fields) => void notifyComment(db, name, author, fields),
		store: createPgDocumentStore(db),
		persistence: { batchMs: 20 }
	});
});

afterAll(async () => {
	for (const raw of raws) raw.ws.terminate();
	for (const { provider, doc } of providers) {
		provider.destroy();
		doc.destroy();
	}
	await harness?.teardown();
	await db?.close();
});

describe(`authorship on a real pair (${testEngine()})`, () => {
	it('comments show the account names and the server time on both sides', async () => {
		const room = await sheetDoc('PS1');
		const mentor = connect('mentor', room);
		const mentee = connect('mentee', room);
		await Promise.all([mentor.synced, mentee.synced]);
		const started = Date.now();
		const me = { id: staffed.people.mentor.id, name: 'Whatever the page said' };
		new SheetComments(mentor.doc).add('why', 'Kun je een voorbeeld geven?', me);
		await retryableAssertion(() =>
			expect(new SheetComments(mentee.doc).forField('why')).toHaveLength(1)
		);
		const [thread] = new SheetComments(mentee.doc).forField('why');
		new SheetComments(mentee.doc).reply(thread.id, 'Ja.', {
			id: staffed.people.mentee.id,
			name: nameOf('mentee')
		});
		await retryableAssertion(() => {
			for (const doc of [mentor.doc, mentee.doc]) {
				const [only] = new SheetComments(doc).forField('why');
				expect(only.authorName).toBe(nameOf('mentor'));
				expect(only.replies.map((r) => r.authorName)).toEqual([nameOf('mentee')]);
				expect(Date.parse(only.at)).toBeGreaterThanOrEqual(started);
				expect(Date.parse(only.at)).toBeLessThanOrEqual(Date.now());
			}
		});
		// Each stamped comment tells the pair's other person, under the server's name for the author.
		await retryableAssertion(async () => {
			const rows = await db.asService((tx) =>
				tx.query<{ userId: string; kind: string; name: string }>(
					`select user_id as "userId", kind, params ->> 'name' as name from public.notifications
					 order by created_at`
				)
			);
			// Each is made after its own stamp, so they may commit in either order.
			expect(rows).toHaveLength(2);
			expect(rows).toEqual(
				expect.arrayContaining([
					{ userId: staffed.people.mentee.id, kind: 'comment', name: nameOf('mentor') },
					{ userId: staffed.people.mentor.id, kind: 'comment', name: nameOf('mentee') }
				])
			);
		});
	});

	it('the mentor cannot comment as the mentee: refused, never seen, never stored', async () => {
		const room = await sheetDoc('PS2');
		const mentee = connect('mentee', room);
		await mentee.synced;
		const before = (await stored(room)).getMap(COMMENTS_MAP).toJSON();
		const forged = await rawChange('mentor', room, (doc) => {
			const thread = new Y.Map<unknown>();
			thread.set('field', 'why');
			thread.set('authorId', staffed.people.mentee.id);
			thread.set('authorName', nameOf('mentee'));
			thread.set('text', 'Ik stop ermee.');
			thread.set('at', '2020-01-01T00:00:00.000Z');
			thread.set('resolved', false);
			thread.set('replies', new Y.Array());
			doc.getMap(COMMENTS_MAP).set('forged', thread);
		});
		expect((await forged.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		const after = await stored(room);
		expect(after.getMap(COMMENTS_MAP).toJSON()).toEqual(before);
		expect(Y.decodeStateVector(Y.encodeStateVector(after)).has(forged.clientId)).toBe(false);
		expect(mentee.doc.getMap(COMMENTS_MAP).has('forged')).toBe(false);
	});

	it("the mentor cannot answer the mentee's statement; each answers their own", async () => {
		const room = await sheetDoc('statements-20');
		const mentor = connect('mentor', room);
		const mentee = connect('mentee', room);
		await Promise.all([mentor.synced, mentee.synced]);
		const forged = await rawChange('mentor', room, (doc) =>
			doc.getMap('values').set('statement-01.mentee', { value: 'agree' })
		);
		expect((await forged.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		mentor.doc.getMap('values').set('statement-01.mentor', { value: 'agree' });
		mentee.doc.getMap('values').set('statement-01.mentee', { value: 'disagree' });
		await retryableAssertion(async () => {
			const values = (await stored(room)).getMap('values');
			expect(values.get('statement-01.mentor')).toEqual({ value: 'agree' });
			expect(values.get('statement-01.mentee')).toEqual({ value: 'disagree' });
			expect(mentor.doc.getMap('values').get('statement-01.mentee')).toEqual({
				value: 'disagree'
			});
		});
	});
});
