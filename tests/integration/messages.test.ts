import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PairRef } from '$lib/domain/policy';
import { memoryLimiters } from '$lib/server/auth/rate-limit';
import { createLocalFanout } from '$lib/server/collab/fanout';
import type { CollabLogger } from '$lib/server/collab/types';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { createLocalFileStore } from '$lib/server/files';
import { createLiveHub, type LiveHub } from '$lib/server/live/hub';
import {
	deleteMessage,
	editMessage,
	findFile,
	listMessages,
	markRead,
	MessageError,
	postMessage,
	unreadCounts,
	type MessagingDeps
} from '$lib/server/messages';
import { onNotified } from '$lib/server/notifications/notify';
import { listNotifications } from '$lib/server/notifications/queries';
import { loadPairRef } from '$lib/server/pairs/queries';
import { loadActor } from '$lib/server/programs/queries';
import type { LiveEvent } from '$lib/shared/live-events';
import {
	buildOrganisation,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

const quiet: CollabLogger = { debug() {}, info() {}, warn() {}, error() {} };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const PE = new Uint8Array([0x4d, 0x5a, 0x90, 0, ...new Array(60).fill(0)]);

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let other: Awaited<ReturnType<typeof buildStaffedProgram>>;
let stranger: BuiltUser;
let pairId: string;
let pair: PairRef;
let filesDir: string;
let live: LiveHub;
let deps: MessagingDeps;

const as = async (who: BuiltUser) => ({
	claims: who.claims,
	actor: await loadActor(db, who.claims)
});
const count = (claims: JwtClaims | null, table: string) =>
	db
		.asUser(claims, (tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from public.${table} where pair_id = $1`, [
				pairId
			])
		)
		.then((r) => r[0].n)
		.catch((error: Error) => {
			if (/permission denied/.test(error.message)) return 0;
			throw error;
		});
const blobs = async () => {
	try {
		return await readdir(join(filesDir, 'pair', pairId));
	} catch {
		return [];
	}
};
async function refusal(work: Promise<unknown>): Promise<MessageError> {
	try {
		await work;
	} catch (error) {
		if (error instanceof MessageError) return error;
		throw error;
	}
	throw new Error('expected a refusal');
}

/** Reads a person's live stream into a list of events. */
function listen(userId: string): { events: LiveEvent[]; stop: () => Promise<void> } {
	const events: LiveEvent[] = [];
	const reader = live.open({ userId }).getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
			if (done) return;
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const frame = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const data = frame.split('\n').find((l) => l.startsWith('data: '));
				if (data) events.push(JSON.parse(data.slice(6)) as LiveEvent);
			}
		}
	})();
	return { events, stop: () => reader.cancel() };
}

async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 5_000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	other = await buildStaffedProgram(db, (await buildOrganisation(db)).id);
	stranger = await buildUser(db);
	pairId = await buildPairWithContent(db, staffed);
	await buildPairWithContent(db, other);
	pair = (await loadPairRef(db, pairId))!;
	filesDir = await mkdtemp(join(tmpdir(), 'mentorpad-files-'));
	live = createLiveHub({ fanout: createLocalFanout(), log: quiet });
});
afterAll(async () => {
	live.close();
	await db.close();
	await rm(filesDir, { recursive: true, force: true });
});
beforeEach(async () => {
	deps = {
		db,
		files: createLocalFileStore(filesDir),
		live,
		limiter: memoryLimiters.create('messages', 20, 10),
		limits: { fileMaxBytes: 10 * 1024 * 1024, pairQuotaBytes: 200 * 1024 * 1024 }
	};
	await db.asService(async (tx) => {
		await tx.query("update public.pairs set status = 'active' where id = $1", [pairId]);
		await tx.query('delete from public.messages where pair_id = $1', [pairId]);
		await tx.query('delete from public.message_reads where pair_id = $1', [pairId]);
	});
	pair = (await loadPairRef(db, pairId))!;
	await rm(join(filesDir, 'pair'), { recursive: true, force: true });
});

describe(`messages: who reads and writes (${testEngine()})`, () => {
	it('only the mentor and the mentee read the conversation, its files and read marks', async () => {
		const { people } = staffed;
		await postMessage(deps, await as(people.mentor), pair, {
			body: 'Hallo',
			files: [{ name: 'plan.pdf', bytes: PDF }]
		});
		await markRead(deps, await as(people.mentee), pair);
		for (const table of ['messages', 'files', 'message_reads']) {
			expect(await count(people.mentor.claims, table), `mentor ${table}`).toBeGreaterThan(0);
			expect(await count(people.mentee.claims, table), `mentee ${table}`).toBeGreaterThan(0);
			for (const who of [
				people.coordinator,
				people.supporter,
				people.observer,
				other.people.mentor,
				other.people.coordinator,
				stranger
			])
				expect(await count(who.claims, table), `${table}`).toBe(0);
			expect(await count(null, table), `anon ${table}`).toBe(0);
		}
	});

	it('refuses a message in someone else’s name, and from people outside the pair', async () => {
		const insert = (who: BuiltUser, author: string) =>
			db.asUser(who.claims, (tx) =>
				tx.query(
					"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'forged')",
					[pairId, author]
				)
			);
		await expect(insert(staffed.people.mentee, staffed.people.mentor.id)).rejects.toThrow(
			/row-level security/
		);
		for (const who of [staffed.people.coordinator, staffed.people.supporter, stranger])
			await expect(insert(who, who.id)).rejects.toThrow(/row-level security/);
		await expect(
			db.asUser(null, (tx) =>
				tx.query("insert into public.messages (pair_id, author_id, body) values ($1, $2, 'x')", [
					pairId,
					staffed.people.mentor.id
				])
			)
		).rejects.toThrow(/permission denied/);
		expect(await count(staffed.people.mentor.claims, 'messages')).toBe(0);
	});

	it('an edit or delete after 15 minutes is refused by the database', async () => {
		const mentor = await as(staffed.people.mentor);
		const message = await postMessage(deps, mentor, pair, { body: 'Eerste versie' });
		await db.asService((tx) =>
			tx.query(
				"update public.messages set created_at = now() - interval '16 minutes' where id = $1",
				[message.id]
			)
		);
		const direct = await db.asUser(mentor.claims, (tx) =>
			tx.query("update public.messages set body = 'late' where id = $1 returning id", [message.id])
		);
		expect(direct).toHaveLength(0);
		expect(
			(await refusal(editMessage(deps, mentor, pair, { messageId: message.id, body: 'Te laat' })))
				.key
		).toBe('msg_edit_expired');
		expect((await refusal(deleteMessage(deps, mentor, pair, message.id))).status).toBe(403);
		const page = await listMessages(db, mentor.claims, pairId);
		expect(page.messages[0].body).toBe('Eerste versie');
	});

	it('edits and deletions within 15 minutes: the author only, stamped by the server', async () => {
		const mentor = await as(staffed.people.mentor);
		const mentee = await as(staffed.people.mentee);
		const message = await postMessage(deps, mentor, pair, {
			body: 'Tot morgen',
			files: [{ name: 'agenda.pdf', bytes: PDF }]
		});
		expect(
			(
				await refusal(
					editMessage(deps, mentee, pair, { messageId: message.id, body: 'Niet van mij' })
				)
			).key
		).toBe('msg_edit_expired');
		// A forged edit time is replaced by the server's.
		await db.asUser(mentor.claims, (tx) =>
			tx.query("update public.messages set edited_at = '2000-01-01' where id = $1", [message.id])
		);
		const edited = await editMessage(deps, mentor, pair, {
			messageId: message.id,
			body: 'Tot overmorgen'
		});
		expect(edited.body).toBe('Tot overmorgen');
		expect(Date.parse(edited.editedAt!)).toBeGreaterThan(Date.parse('2020-01-01'));
		expect(await blobs()).toHaveLength(1);
		const deleted = await deleteMessage(deps, mentor, pair, message.id);
		expect(deleted.deletedAt).not.toBeNull();
		expect(deleted.body).toBe('');
		expect(deleted.files).toEqual([]);
		expect(await count(mentor.claims, 'files')).toBe(0);
		expect(await blobs()).toEqual([]);
		// Once deleted, it stays deleted.
		const undelete = await db.asUser(mentor.claims, (tx) =>
			tx.query('update public.messages set deleted_at = null where id = $1 returning id', [
				message.id
			])
		);
		expect(undelete).toHaveLength(0);
	});

	it('an ended pair is read-only: reading works, writing is refused', async () => {
		const mentor = await as(staffed.people.mentor);
		const message = await postMessage(deps, mentor, pair, { body: 'Voor het einde' });
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'ended' where id = $1", [pairId])
		);
		pair = (await loadPairRef(db, pairId))!;
		expect((await refusal(postMessage(deps, mentor, pair, { body: 'Na het einde' }))).key).toBe(
			'msg_read_only'
		);
		await expect(
			db.asUser(mentor.claims, (tx) =>
				tx.query(
					"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'direct')",
					[pairId, mentor.claims.sub]
				)
			)
		).rejects.toThrow(/row-level security/);
		const edit = await db.asUser(mentor.claims, (tx) =>
			tx.query("update public.messages set body = 'x' where id = $1 returning id", [message.id])
		);
		expect(edit).toHaveLength(0);
		const page = await listMessages(db, staffed.people.mentee.claims, pairId);
		expect(page.messages.map((msg) => msg.body)).toEqual(['Voor het einde']);
		// Marking as read still works in an ended pair, so no count sticks forever.
		await markRead(deps, await as(staffed.people.mentee), pair);
		expect((await unreadCounts(db, staffed.people.mentee.claims)).total).toBe(0);
	});
});

describe(`messages: commands (${testEngine()})`, () => {
	it('posts with an attachment, counts unread, pages backwards and clears on reading', async () => {
		const mentor = await as(staffed.people.mentor);
		const mentee = await as(staffed.people.mentee);
		const first = await postMessage(deps, mentor, pair, {
			body: 'Zie #PS1 en https://example.org/a).',
			files: [{ name: 'verslag.pdf', bytes: PDF }]
		});
		expect(first.files).toEqual([
			expect.objectContaining({ name: 'verslag.pdf', contentType: 'application/pdf' })
		]);
		expect(first.parts).toEqual([
			{ t: 'text', text: 'Zie ' },
			expect.objectContaining({ t: 'mention', href: `/pairs/${pairId}/sheets/PS1`, text: '#PS1' }),
			{ t: 'text', text: ' en ' },
			{ t: 'link', href: 'https://example.org/a', text: 'https://example.org/a' },
			{ t: 'text', text: ').' }
		]);
		for (let i = 0; i < 5; i++) await postMessage(deps, mentor, pair, { body: `Bericht ${i}` });
		expect(await unreadCounts(db, mentee.claims)).toEqual({ total: 6, byPair: { [pairId]: 6 } });
		expect((await unreadCounts(db, mentor.claims)).total).toBe(0);

		const newest = await listMessages(db, mentee.claims, pairId, { limit: 4 });
		expect(newest.messages.map((msg) => msg.body)).toEqual([
			'Bericht 1',
			'Bericht 2',
			'Bericht 3',
			'Bericht 4'
		]);
		expect(newest.hasOlder).toBe(true);
		const older = await listMessages(db, mentee.claims, pairId, {
			limit: 4,
			before: newest.messages[0].id
		});
		expect(older.messages.map((msg) => msg.body)).toEqual([first.body, 'Bericht 0']);
		expect(older.hasOlder).toBe(false);

		await markRead(deps, mentee, pair, newest.messages[1].id);
		expect((await unreadCounts(db, mentee.claims)).total).toBe(2);
		await markRead(deps, mentee, pair);
		expect((await unreadCounts(db, mentee.claims)).total).toBe(0);
		// The mark never moves back.
		await markRead(deps, mentee, pair, older.messages[0].id);
		expect((await unreadCounts(db, mentee.claims)).total).toBe(0);

		const file = await findFile(db, mentee.claims, pairId, first.files[0].id);
		expect(file?.storageKey).toBe(`pair/${pairId}/${first.files[0].id}`);
		expect(await findFile(db, staffed.people.coordinator.claims, pairId, first.files[0].id)).toBe(
			null
		);
		const stream = await deps.files.get(file!.storageKey);
		const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
		expect(bytes).toEqual(PDF);
	});

	it('delivers a new message live to the other person’s open stream, with the count', async () => {
		const mentee = listen(staffed.people.mentee.id);
		const coordinator = listen(staffed.people.coordinator.id);
		try {
			const message = await postMessage(deps, await as(staffed.people.mentor), pair, {
				body: 'Live!'
			});
			await until(
				() => mentee.events.some((e) => e.type === 'message' && e.message.id === message.id),
				'the message'
			);
			await until(
				() => mentee.events.some((e) => e.type === 'unread' && e.total === 1),
				'the count'
			);
			await markRead(deps, await as(staffed.people.mentee), pair);
			await until(
				() => mentee.events.some((e) => e.type === 'unread' && e.total === 0),
				'the cleared count'
			);
			expect(coordinator.events).toEqual([]);
		} finally {
			await mentee.stop();
			await coordinator.stop();
		}
	});
});

describe(`messages: notifications (${testEngine()})`, () => {
	it('a message notifies the other person once per burst, live, naming the author only', async () => {
		await db.asService((tx) => tx.query('delete from public.notifications'));
		const notified: string[][] = [];
		const stop = onNotified((ids) => notified.push(ids));
		try {
			const mentor = await as(staffed.people.mentor);
			await postMessage(deps, mentor, pair, { body: 'Geheim plan voor morgen' });
			await postMessage(deps, mentor, pair, { body: 'En nog iets' });
			const list = await listNotifications(db, staffed.people.mentee.claims, 'nl');
			expect(list.items.map((n) => n.kind)).toEqual(['message']);
			expect(list.items[0].link).toBe(`/pairs/${pairId}/messages`);
			const [{ name }] = await db.asService((tx) =>
				tx.query<{ name: string }>(
					'select display_name as name from public.profiles where id = $1',
					[staffed.people.mentor.id]
				)
			);
			expect(list.items[0].text).toContain(name);
			expect(list.items[0].text).not.toContain('Geheim');
			expect((await listNotifications(db, staffed.people.mentor.claims, 'nl')).items).toEqual([]);
			expect(notified).toEqual([[staffed.people.mentee.id]]);
		} finally {
			stop();
		}
	});
});

describe(`messages: hostile input (${testEngine()})`, () => {
	it('a 1 MB body is refused with 413 and nothing is stored', async () => {
		const error = await refusal(
			postMessage(deps, await as(staffed.people.mentor), pair, { body: 'a'.repeat(1024 * 1024) })
		);
		expect([error.status, error.key]).toEqual([413, 'msg_too_long']);
		expect(await count(staffed.people.mentor.claims, 'messages')).toBe(0);
	});

	it('a NUL in the text is refused with 400', async () => {
		const error = await refusal(
			postMessage(deps, await as(staffed.people.mentor), pair, { body: 'a\u0000b' })
		);
		expect([error.status, error.key]).toEqual([400, 'msg_invalid_text']);
	});

	it.each([
		['ELF', ELF],
		['PE', PE]
	])('an %s executable named .pdf is refused with 415: no row, no blob', async (_kind, bytes) => {
		const error = await refusal(
			postMessage(deps, await as(staffed.people.mentor), pair, {
				body: 'Mijn verslag',
				files: [{ name: 'verslag.pdf', bytes }]
			})
		);
		expect([error.status, error.key]).toEqual([415, 'file_type_refused']);
		expect(await count(staffed.people.mentor.claims, 'messages')).toBe(0);
		expect(await blobs()).toEqual([]);
	});

	it('a path-traversal name is stored as a plain name under the server’s own key', async () => {
		const message = await postMessage(deps, await as(staffed.people.mentor), pair, {
			body: '',
			files: [{ name: '../../etc/passwd', bytes: new TextEncoder().encode('root:x:0:0\n') }]
		});
		expect(message.files[0]).toEqual(
			expect.objectContaining({ name: 'passwd.txt', contentType: 'text/plain' })
		);
		expect(await blobs()).toEqual([message.files[0].id]);
		const windows = await postMessage(deps, await as(staffed.people.mentor), pair, {
			body: '',
			files: [{ name: '..\\..\\boot.ini\u202e.pdf', bytes: PDF }]
		});
		expect(windows.files[0].name).toBe('boot.ini.pdf');
	});

	it('a file over FILE_MAX_MB is refused with 413, and the pair quota holds', async () => {
		deps.limits = { fileMaxBytes: 1024, pairQuotaBytes: 100 };
		const big = new Uint8Array(2048).fill(0x61);
		expect(
			(
				await refusal(
					postMessage(deps, await as(staffed.people.mentor), pair, {
						body: 'x',
						files: [{ name: 'a.txt', bytes: big }]
					})
				)
			).key
		).toBe('file_too_large');
		expect(
			(
				await refusal(
					postMessage(deps, await as(staffed.people.mentor), pair, {
						body: 'x',
						files: [{ name: 'a.txt', bytes: big.slice(0, 200) }]
					})
				)
			).key
		).toBe('file_quota');
	});

	it('two uploads at once cannot both fit in the room left for one', async () => {
		const [{ used }] = await db.asService((tx) =>
			tx.query<{ used: string }>(
				'select coalesce(sum(size), 0)::text as used from public.files where pair_id = $1',
				[pairId]
			)
		);
		deps.limits = { fileMaxBytes: 1024, pairQuotaBytes: Number(used) + 300 };
		const before = await blobs();
		const text = (name: string) => ({ name, bytes: new Uint8Array(200).fill(0x62) });
		const results = await Promise.allSettled([
			postMessage(deps, await as(staffed.people.mentor), pair, {
				body: 'een',
				files: [text('een.txt')]
			}),
			postMessage(deps, await as(staffed.people.mentee), pair, {
				body: 'twee',
				files: [text('twee.txt')]
			})
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((refused.reason as MessageError).key).toBe('file_quota');
		// The refused file's bytes were removed again; only the accepted one was added.
		expect((await blobs()).length).toBe(before.length + 1);
		deps.limits = { fileMaxBytes: 10 * 1024 * 1024, pairQuotaBytes: 200 * 1024 * 1024 };
	});

	it('200 messages in a second: the excess gets 429, the other person still gets through', async () => {
		const mentor = await as(staffed.people.mentor);
		const mentee = await as(staffed.people.mentee);
		const results = await Promise.allSettled(
			Array.from({ length: 200 }, (_, i) => postMessage(deps, mentor, pair, { body: `spam ${i}` }))
		);
		const ok = results.filter((r) => r.status === 'fulfilled').length;
		const limited = results.filter(
			(r) => r.status === 'rejected' && (r.reason as MessageError).status === 429
		).length;
		expect(ok).toBe(20);
		expect(limited).toBe(180);
		const reply = await postMessage(deps, mentee, pair, { body: 'Ik ben er nog' });
		expect(reply.body).toBe('Ik ben er nog');
		expect(await count(mentee.claims, 'messages')).toBe(21);
	});
});
