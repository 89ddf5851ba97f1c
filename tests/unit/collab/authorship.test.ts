/**
 * Who wrote a comment, and whose answer an agree entry is, is the server's word: a hostile client
 * speaking the raw protocol cannot write in the other person's name, change or delete what the
 * other person wrote, or date a comment; honest providers still converge and get the server's
 * name and time on their comments.
 */
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '$lib/shared/collab';
import { COMMENTS_MAP } from '$lib/shared/sheet-comments';
import { SheetComments, type CommentThread } from '$lib/components/sheet/comments';
import { loadDocument } from '$lib/server/collab/persistence';
import { updateFrame } from '../../bench/shared';
import {
	retryableAssertion,
	sheetName,
	startCollabHarness,
	testUsers,
	type Harness,
	type RawClient,
	type TestClient,
	type TestUserKey
} from '../../helpers/collab-harness';

const MENTOR_ANSWER = 'statement-01.mentor';
const MENTEE_ANSWER = 'statement-01.mentee';
const ENTRIES = new Map([
	[MENTOR_ANSWER, 'mentor'],
	[MENTEE_ANSWER, 'mentee']
]);
const { mentor, mentee } = testUsers;

let harness: Harness;

afterEach(async () => {
	await harness?.teardown();
});

async function start(): Promise<string> {
	harness = await startCollabHarness({ respondentEntries: async () => ENTRIES });
	return sheetName();
}

interface RawWriter {
	raw: RawClient;
	doc: Y.Doc;
	/** Makes `change` on a fresh copy of the server's document and sends it as one update. */
	send(change: (doc: Y.Doc) => void): void;
}

/** A hostile client: the raw protocol, and whatever content it likes. */
async function rawWriter(room: string, user: TestUserKey): Promise<RawWriter> {
	const raw = await harness.raw(room, user);
	const doc = new Y.Doc();
	return {
		raw,
		doc,
		send(change) {
			const state = harness.server.documentState(room);
			if (state) Y.applyUpdate(doc, state);
			const updates: Uint8Array[] = [];
			const capture = (update: Uint8Array) => updates.push(update);
			doc.on('update', capture);
			doc.transact(() => change(doc));
			doc.off('update', capture);
			raw.send(updateFrame(Y.mergeUpdates(updates)));
		}
	};
}

function thread(fields: Record<string, unknown>): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) map.set(key, value);
	return map;
}

function threadBy(user: typeof mentor, text: string, extra: Record<string, unknown> = {}) {
	return thread({
		field: 'why',
		authorId: user.userId,
		authorName: user.name,
		text,
		at: new Date().toISOString(),
		resolved: false,
		replies: new Y.Array<unknown>(),
		...extra
	});
}

function replyBy(user: typeof mentor, id: string, text: string, at = new Date().toISOString()) {
	return { id, authorId: user.userId, authorName: user.name, text, at };
}

function comments(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(COMMENTS_MAP);
}

function threadsOf(doc: Y.Doc): CommentThread[] {
	return new SheetComments(doc).forField('why');
}

/** Once `to` has `from`'s next edit, it has everything the server accepted before it. */
async function settle(from: TestClient, to: TestClient): Promise<void> {
	const marker = `${Math.random()}`;
	from.doc.getMap('markers').set(marker, true);
	await retryableAssertion(() => expect(to.doc.getMap('markers').get(marker)).toBe(true));
}

/** The server's document as it is now. */
function serverDoc(room: string): Y.Doc {
	const doc = new Y.Doc();
	const state = harness.server.documentState(room);
	if (state) Y.applyUpdate(doc, state);
	return doc;
}

async function storedDoc(room: string): Promise<Y.Doc> {
	await harness.server.flushAll();
	return (await loadDocument(harness.store, room)).doc;
}

/** Structs of this client id in a document (a refused writer must have none stored). */
function structsOf(doc: Y.Doc, clientId: number): number {
	return Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).structs.filter((s) => s.id.client === clientId)
		.length;
}

function expectServerTime(at: string, from: number) {
	const time = Date.parse(at);
	expect(time).toBeGreaterThanOrEqual(from);
	expect(time).toBeLessThanOrEqual(Date.now());
}

describe('comments', () => {
	test('honest providers converge; a comment carries the server name and time', async () => {
		const room = await start();
		const a = harness.connect(room, 'mentor');
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);
		const started = Date.now();
		// The page may show an older name than the account has now: the server's wins.
		new SheetComments(a.doc).add('why', 'Kun je een voorbeeld geven?', {
			id: mentor.userId,
			name: 'An old name'
		});
		await retryableAssertion(() => expect(threadsOf(b.doc)).toHaveLength(1));
		const threadId = threadsOf(b.doc)[0].id;
		new SheetComments(b.doc).reply(threadId, 'Ja, op de stage.', {
			id: mentee.userId,
			name: mentee.name
		});
		// Either person may resolve a thread, the mentee here resolves the mentor's.
		new SheetComments(b.doc).setResolved(threadId, true);
		await retryableAssertion(() => {
			for (const doc of [a.doc, b.doc]) {
				const [only] = threadsOf(doc);
				expect(only).toMatchObject({ authorId: mentor.userId, authorName: mentor.name });
				expect(only.resolved).toBe(true);
				expect(only.replies).toEqual([
					expect.objectContaining({ authorId: mentee.userId, authorName: mentee.name })
				]);
				expectServerTime(only.at, started);
				expectServerTime(only.replies[0].at, started);
			}
			expect(comments(a.doc).toJSON()).toEqual(comments(b.doc).toJSON());
		});
		const stored = threadsOf(await storedDoc(room));
		expect(stored).toEqual(threadsOf(a.doc));
		expect(harness.server.stats().closesByCode).toEqual({});
	});

	test('a comment written offline an hour ago is dated when the server accepts it', async () => {
		const room = await start();
		const offline = new Y.Doc();
		const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
		comments(offline).set('t1', threadBy(mentee, 'Onderweg geschreven', { at: hourAgo }));
		const started = Date.now();
		const b = harness.connect(room, 'mentee', offline);
		const a = harness.connect(room, 'mentor');
		await Promise.all([a.synced(), b.synced()]);
		await retryableAssertion(() => {
			for (const doc of [a.doc, b.doc]) {
				const [only] = threadsOf(doc);
				expect(only?.text).toBe('Onderweg geschreven');
				expectServerTime(only.at, started);
			}
		});
	});

	test("a comment in the other person's name is refused; nobody sees it, nothing is stored", async () => {
		const room = await start();
		const a = harness.connect(room, 'mentor');
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);
		const forger = await rawWriter(room, 'mentee');
		forger.send((doc) => comments(doc).set('forged', threadBy(mentor, 'Ik geef op.')));
		expect((await forger.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		await settle(b, a);
		expect(comments(a.doc).size).toBe(0);
		const stored = await storedDoc(room);
		expect(comments(stored).size).toBe(0);
		expect(structsOf(stored, forger.doc.clientID)).toBe(0);
	});

	test("a reply in the other person's name is refused", async () => {
		const room = await start();
		const a = harness.connect(room, 'mentor');
		await a.synced();
		comments(a.doc).set('t1', threadBy(mentor, 'Vraag'));
		await retryableAssertion(() => expect(comments(serverDoc(room)).size).toBe(1));
		const forger = await rawWriter(room, 'mentee');
		forger.send((doc) => {
			const replies = comments(doc).get('t1')?.get('replies') as Y.Array<unknown>;
			replies.push([replyBy(mentor, 'r1', 'Laat maar.')]);
		});
		expect((await forger.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		expect(threadsOf(await storedDoc(room))[0].replies).toEqual([]);
	});

	test('a comment dated 2020 under a borrowed name is accepted with the server name and time', async () => {
		const room = await start();
		const a = harness.connect(room, 'mentor');
		await a.synced();
		const started = Date.now();
		const writer = await rawWriter(room, 'mentee');
		writer.send((doc) => {
			const own = threadBy(mentee, 'Vroeg', {
				authorName: mentor.name,
				at: '2020-01-01T00:00:00.000Z'
			});
			comments(doc).set('early', own);
			(own.get('replies') as Y.Array<unknown>).push([
				{ ...replyBy(mentee, 'r1', 'Nog vroeger'), at: '2019-01-01T00:00:00.000Z' }
			]);
		});
		await retryableAssertion(() => expect(threadsOf(a.doc)).toHaveLength(1));
		for (const doc of [a.doc, await storedDoc(room)]) {
			const [early] = threadsOf(doc);
			expect(early.authorName).toBe(mentee.name);
			expectServerTime(early.at, started);
			expect(early.replies).toHaveLength(1);
			expect(early.replies[0]).toMatchObject({ id: 'r1', authorName: mentee.name });
			expectServerTime(early.replies[0].at, started);
		}
		expect(writer.raw.ws.readyState).toBe(writer.raw.ws.OPEN);
	});

	/** The mentor's thread `t1` with the mentor's reply `r1`; what the mentee may do to it. */
	const onTheMentorsThread: [string, (doc: Y.Doc) => void][] = [
		['edit its text', (doc) => comments(doc).get('t1')?.set('text', 'Iets anders')],
		['delete it', (doc) => comments(doc).delete('t1')],
		[
			'replace it with a thread of their own',
			(doc) => comments(doc).set('t1', threadBy(mentee, 'Van mij'))
		],
		['take it over', (doc) => comments(doc).get('t1')?.set('authorId', mentee.userId)],
		['redate it', (doc) => comments(doc).get('t1')?.set('at', '2020-01-01T00:00:00.000Z')],
		['move it to another field', (doc) => comments(doc).get('t1')?.set('field', 'elders')],
		['add an entry to it', (doc) => comments(doc).get('t1')?.set('extra', 'x')],
		[
			'delete the mentor’s reply',
			(doc) => (comments(doc).get('t1')?.get('replies') as Y.Array<unknown>).delete(0, 1)
		],
		['replace its replies', (doc) => comments(doc).get('t1')?.set('replies', new Y.Array())],
		['mark it resolved with a non-boolean', (doc) => comments(doc).get('t1')?.set('resolved', 1)]
	];

	test.each(onTheMentorsThread)('the mentee may not %s', async (_name, change) => {
		const room = await start();
		const a = harness.connect(room, 'mentor');
		await a.synced();
		const own = threadBy(mentor, 'Vraag');
		comments(a.doc).set('t1', own);
		(own.get('replies') as Y.Array<unknown>).push([replyBy(mentor, 'r1', 'Aanvulling')]);
		await retryableAssertion(() => expect(threadsOf(serverDoc(room))[0]?.replies).toHaveLength(1));
		const before = comments(await storedDoc(room)).toJSON();
		const attacker = await rawWriter(room, 'mentee');
		attacker.send(change);
		expect((await attacker.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		expect(comments(await storedDoc(room)).toJSON()).toEqual(before);
		expect(comments(a.doc).toJSON()).toEqual(before);
	});

	test('either person may resolve; only the author edits or deletes their comment', async () => {
		const room = await start();
		const a = harness.connect(room, 'mentor');
		await a.synced();
		comments(a.doc).set('t1', threadBy(mentor, 'Vraag'));
		comments(a.doc).set('t2', threadBy(mentor, 'Weg ermee'));
		const mentorRaw = await rawWriter(room, 'mentor');
		const menteeRaw = await rawWriter(room, 'mentee');
		await retryableAssertion(() => expect(comments(serverDoc(room)).size).toBe(2));
		menteeRaw.send((doc) => comments(doc).get('t1')?.set('resolved', true));
		await retryableAssertion(() => expect(comments(a.doc).get('t1')?.get('resolved')).toBe(true));
		mentorRaw.send((doc) => {
			comments(doc).get('t1')?.set('text', 'Vraag, verduidelijkt');
			comments(doc).get('t1')?.set('resolved', false);
			comments(doc).delete('t2');
		});
		await retryableAssertion(() => {
			expect(comments(a.doc).get('t1')?.get('text')).toBe('Vraag, verduidelijkt');
			expect(comments(a.doc).has('t2')).toBe(false);
		});
		// A thread goes with its replies: not while the other person's reply is in it.
		menteeRaw.send((doc) =>
			(comments(doc).get('t1')?.get('replies') as Y.Array<unknown>).push([
				replyBy(mentee, 'r1', 'Antwoord')
			])
		);
		await retryableAssertion(() => expect(threadsOf(a.doc)[0].replies).toHaveLength(1));
		mentorRaw.send((doc) => comments(doc).delete('t1'));
		expect((await mentorRaw.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		expect(comments(await storedDoc(room)).has('t1')).toBe(true);
		expect(menteeRaw.raw.ws.readyState).toBe(menteeRaw.raw.ws.OPEN);
	});

	test('a thread that does not follow the layout is refused', async () => {
		const room = await start();
		const writer = await rawWriter(room, 'mentee');
		writer.send((doc) =>
			comments(doc).set('odd', threadBy(mentee, 'x', { text: new Y.Text('rich') }))
		);
		expect((await writer.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		expect(comments(await storedDoc(room)).size).toBe(0);
	});
});

describe('per-person agree answers', () => {
	test("the mentor may not answer for the mentee, nor clear the mentee's answer", async () => {
		const room = await start();
		const b = harness.connect(room, 'mentee');
		const a = harness.connect(room, 'mentor');
		await Promise.all([a.synced(), b.synced()]);
		const forger = await rawWriter(room, 'mentor');
		forger.send((doc) => doc.getMap('values').set(MENTEE_ANSWER, { value: 'agree' }));
		expect((await forger.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		await settle(a, b);
		expect(b.doc.getMap('values').has(MENTEE_ANSWER)).toBe(false);

		b.doc.getMap('values').set(MENTEE_ANSWER, { value: 'disagree' });
		a.doc.getMap('values').set(MENTOR_ANSWER, { value: 'agree' });
		await retryableAssertion(() => {
			for (const doc of [a.doc, b.doc]) {
				expect(doc.getMap('values').toJSON()).toMatchObject({
					[MENTEE_ANSWER]: { value: 'disagree' },
					[MENTOR_ANSWER]: { value: 'agree' }
				});
			}
		});
		const clearer = await rawWriter(room, 'mentor');
		clearer.send((doc) => doc.getMap('values').delete(MENTEE_ANSWER));
		expect((await clearer.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
		const stored = (await storedDoc(room)).getMap('values');
		expect(stored.get(MENTEE_ANSWER)).toEqual({ value: 'disagree' });
		expect(structsOf(stored.doc!, forger.doc.clientID)).toBe(0);
	});

	test('an answer is agree or disagree; other entries stay free for both', async () => {
		const room = await start();
		const writer = await rawWriter(room, 'mentee');
		writer.send((doc) => doc.getMap('values').set('check.item', true));
		writer.send((doc) => doc.getMap('values').set(MENTEE_ANSWER, { value: 'agree' }));
		await retryableAssertion(async () =>
			expect((await storedDoc(room)).getMap('values').get(MENTEE_ANSWER)).toEqual({
				value: 'agree'
			})
		);
		writer.send((doc) => doc.getMap('values').set(MENTEE_ANSWER, { value: 'maybe' }));
		expect((await writer.raw.closed).code).toBe(CloseCode.AuthorshipRejected);
	});
});

describe('updates that wait for what the server lacks', () => {
	test('a struct whose origin the server never got is refused, to be resent after a resync', async () => {
		const room = await start();
		const writer = await rawWriter(room, 'mentee');
		const local = new Y.Doc();
		local.getText('t').insert(0, 'ab');
		const skipped = Y.encodeStateVector(local);
		local.getText('t').insert(2, 'c');
		writer.raw.send(updateFrame(Y.encodeStateAsUpdate(local, skipped)));
		expect((await writer.raw.closed).code).toBe(CloseCode.OutOfSync);
		await harness.server.readDocument(room, (doc) => {
			expect(doc.getText('t').toString()).toBe('');
			expect(doc.store.pendingStructs).toBeNull();
		});
	});

	test('a deletion of an item the server never got is refused', async () => {
		const room = await start();
		const writer = await rawWriter(room, 'mentee');
		const local = new Y.Doc();
		local.getText('t').insert(0, 'abc');
		const before = Y.encodeStateVector(local);
		local.getText('t').delete(0, 1);
		writer.raw.send(updateFrame(Y.encodeStateAsUpdate(local, before)));
		expect((await writer.raw.closed).code).toBe(CloseCode.OutOfSync);
		await harness.server.readDocument(room, (doc) => expect(doc.store.pendingDs).toBeNull());
	});
});
