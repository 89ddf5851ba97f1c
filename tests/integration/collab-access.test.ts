import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, formatDocumentName } from '$lib/shared/collab';
import { createLocalAuth } from '$lib/server/auth/local';
import {
	authenticateSocket,
	authorizeDocument,
	deriveProgress,
	revalidate
} from '$lib/server/collab-access';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import type { Database } from '$lib/server/db/types';
import { parseEnv } from '$lib/server/env';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { setPairStatus } from '$lib/server/pairs/commands';
import { removeMember } from '$lib/server/programs/commands';
import { listPeople } from '$lib/server/programs/queries';
import { upgradeWith } from '$lib/server/upgrade';
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
let other: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;
const cookies: Record<string, string> = {};
const open: { provider: WebsocketProvider; doc: Y.Doc }[] = [];

/**
 * A real y-websocket provider that sends the person's session cookie and the page's Origin, as a
 * browser does.
 */
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
	other = await buildStaffedProgram(db);
	pairId = await buildPairWithContent(db, staffed);
	const people = { ...staffed.people, stranger: other.people.mentor };
	for (const [who, user] of Object.entries(people)) {
		const result = await auth.signIn(user.email, FACTORY_PASSWORD, {
			ip: who,
			userAgent: 'vitest'
		});
		if (!result.ok) throw new Error(`sign-in failed for ${who}`);
		cookies[who] = `${result.cookies[0].name}=${result.cookies[0].value}`;
	}
	harness = await startCollabHarness({
		authenticate: authenticateSocket(auth),
		authorize: authorizeDocument(db),
		store: createPgDocumentStore(db),
		onStored: deriveProgress(db, log),
		persistence: { batchMs: 20 }
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

describe(`collaboration access through the policy (${testEngine()})`, () => {
	it('mentor and mentee co-edit a sheet and converge; presence carries their pair role', async () => {
		const room = await sheetDoc('PS1');
		const mentor = connect('mentor', room);
		const mentee = connect('mentee', room);
		await Promise.all([mentor.synced, mentee.synced]);
		mentor.doc.getText('mentor-name').insert(0, 'Carla');
		mentee.doc.getMap('values').set('date', '2026-11-24');
		mentee.provider.awareness.setLocalStateField('field', 'liked-most');
		await retryableAssertion(() => {
			expect(mentee.doc.getText('mentor-name').toString()).toBe('Carla');
			expect(mentor.doc.getMap('values').get('date')).toBe('2026-11-24');
			const states = [...mentor.provider.awareness.getStates().values()];
			expect(states.some((s) => s.user?.role === 'mentee' && s.field === 'liked-most')).toBe(true);
		});
	});

	it('derives sheet progress in the database, counts only', async () => {
		const room = await sheetDoc('PS1');
		await retryableAssertion(
			async () => {
				const rows = await db.asService((tx) =>
					tx.query<{ filled: number; total: number }>(
						"select filled, total from public.sheet_progress where pair_id = $1 and template_key = 'PS1'",
						[pairId]
					)
				);
				expect(rows[0]?.filled).toBeGreaterThanOrEqual(1);
				expect(rows[0]?.total).toBeGreaterThan(rows[0]?.filled ?? 0);
			},
			{ timeout: 5000 }
		);
		expect(room).toMatch(/^pair\//);
	});

	it.each([
		['coordinator', CloseCode.Forbidden],
		['supporter', CloseCode.Forbidden],
		['observer', CloseCode.Forbidden],
		['stranger', CloseCode.Forbidden],
		['nobody', CloseCode.Unauthenticated]
	])('refuses the %s on a pair sheet with %i', async (who, code) => {
		const client = connect(who, await sheetDoc('PS1'));
		expect(await client.closed).toBe(code);
	});

	it('a logbook part 1 opens for its author only', async () => {
		const mentorLog = formatDocumentName({ kind: 'log', pairId, userId: staffed.people.mentor.id });
		const own = connect('mentor', mentorLog);
		await own.synced;
		expect(await connect('mentee', mentorLog).closed).toBe(CloseCode.Forbidden);
		expect(await connect('coordinator', mentorLog).closed).toBe(CloseCode.Forbidden);
	});

	it('an unknown sheet or pair is refused like a forbidden one: existence is not told', async () => {
		const unknown = '00000000-0000-4000-8000-000000000009';
		const unknownSheet = formatDocumentName({ kind: 'sheet', pairId, sheetId: unknown });
		const unknownPair = formatDocumentName({ kind: 'sheet', pairId: unknown, sheetId: unknown });
		const strangersSheet = await sheetDoc('01-agreement');
		expect(await connect('mentor', unknownSheet).closed).toBe(CloseCode.Forbidden);
		expect(await connect('observer', unknownPair).closed).toBe(CloseCode.Forbidden);
		expect(await connect('observer', strangersSheet).closed).toBe(CloseCode.Forbidden);
	});

	it('ending the pair makes open sockets read-only: later edits are dropped', async () => {
		const room = await sheetDoc('V3');
		const mentee = connect('mentee', room);
		await mentee.synced;
		mentee.doc.getText('mentee-name').insert(0, 'voor');
		await retryableAssertion(async () => {
			expect(
				await harness.server.readDocument(room, (d) => d.getText('mentee-name').toString())
			).toBe('voor');
		});
		await setPairStatus(db, staffed.people.coordinator.claims, pairId, 'ended');
		await revalidate(harness.server, authorizeDocument(db), (c) =>
			c.docName.startsWith(`pair/${pairId}/`)
		);
		// The socket was closed with a retryable code; the provider reconnects as read-only.
		await retryableAssertion(() => expect(mentee.provider.wsconnected).toBe(true), {
			timeout: 5000
		});
		await mentee.synced;
		const drops = harness.server.stats().readOnlyDrops;
		mentee.doc.getText('mentee-name').insert(4, ' na');
		// First the positive signal that the edit reached the server and was dropped, then the check.
		await retryableAssertion(() =>
			expect(harness.server.stats().readOnlyDrops).toBeGreaterThan(drops)
		);
		expect(
			await harness.server.readDocument(room, (d) => d.getText('mentee-name').toString())
		).toBe('voor');
		await setPairStatus(db, staffed.people.coordinator.claims, pairId, 'active');
	});

	it('removing a membership closes that person\'s open sockets with "access revoked"', async () => {
		const mentee = connect('mentee', await sheetDoc('PS2'));
		await mentee.synced;
		const membership = (
			await listPeople(db, staffed.people.coordinator.claims, staffed.program.id)
		).find((p) => p.userId === staffed.people.mentee.id);
		await removeMember(
			db,
			staffed.people.coordinator.claims,
			staffed.program.id,
			membership!.membershipId!
		);
		const started = Date.now();
		await revalidate(
			harness.server,
			authorizeDocument(db),
			(c) => c.user.userId === staffed.people.mentee.id
		);
		expect(await mentee.closed).toBe(CloseCode.AccessRevoked);
		// Nothing else would ever close it (there is no periodic re-check): the bound only says the
		// close followed the revalidation, with room for a busy machine's parallel run.
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

describe(`long-lived sockets and the sign-in behind them (${testEngine()})`, () => {
	it('a socket closes when its session expires', async () => {
		const room = await sheetDoc('S1');
		// A fresh sign-in that ends in half a second.
		const log = createLogger('silent');
		const auth = createLocalAuth({
			db,
			mailer: createOutboxMailer(db, log),
			origin: 'http://x',
			sessionDays: 1
		});
		const signIn = await auth.signIn(staffed.people.mentor.email, FACTORY_PASSWORD, {
			ip: 'expiry',
			userAgent: 'vitest'
		});
		if (!signIn.ok) throw new Error('sign-in failed');
		await db.asService((tx) =>
			tx.query(
				"update auth.local_sessions set expires_at = now() + interval '700 milliseconds' where user_id = $1",
				[staffed.people.mentor.id]
			)
		);
		cookies.expiring = `${signIn.cookies[0].name}=${signIn.cookies[0].value}`;
		const client = connect('expiring', room);
		await client.synced;
		const started = Date.now();
		expect(await client.closed).toBe(CloseCode.Unauthenticated);
		// The session's own timer closes it; without one the socket would stay open for good.
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

/** How the server answered an upgrade: its HTTP status, its close code, or a sync (accepted). */
function answer(url: string, headers: Record<string, string>): Promise<string> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(`http ${res.statusCode}`);
			ws.terminate();
		});
		ws.on('message', () => {
			resolve('accepted');
			ws.close();
		});
		ws.on('close', (code) => resolve(`close ${code}`));
		ws.on('error', () => {});
	});
}

describe(`the WebSocket Origin check (${testEngine()})`, () => {
	const servers: Server[] = [];
	let cookie = '';

	beforeAll(async () => {
		// A sign-in of its own: the expiry test above shortened the mentor's earlier ones.
		const auth = createLocalAuth({
			db,
			mailer: createOutboxMailer(db, createLogger('silent')),
			origin: 'http://x',
			sessionDays: 1
		});
		const result = await auth.signIn(staffed.people.mentor.email, FACTORY_PASSWORD, {
			ip: 'origin',
			userAgent: 'vitest'
		});
		if (!result.ok) throw new Error('sign-in failed');
		cookie = `${result.cookies[0].name}=${result.cookies[0].value}`;
	});

	/** The production upgrade path (Origin check, then the collaboration server) on a port. */
	async function appServer(env: Record<string, string>) {
		const runtime = {
			config: parseEnv(env),
			collab: harness.server,
			log: createLogger('silent')
		};
		const server = createServer((_req, res) => res.writeHead(404).end());
		server.on('upgrade', (req, socket, head) => upgradeWith(runtime, req, socket, head));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		servers.push(server);
		const { port } = server.address() as AddressInfo;
		return { port, url: `ws://127.0.0.1:${port}/collab/${await sheetDoc('PS1')}` };
	}

	afterAll(async () => {
		for (const server of servers) {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('without ORIGIN: a page of the host the request came in on is accepted, another port is not', async () => {
		const { port, url } = await appServer({});
		expect(await answer(url, { cookie, origin: `http://127.0.0.1:${port}` })).toBe('accepted');
		expect(await answer(url, { cookie, origin: `http://127.0.0.1:${port + 1}` })).toBe('http 403');
		expect(await answer(url, { cookie, origin: `http://localhost:${port}` })).toBe('http 403');
		expect(await answer(url, { cookie, origin: 'null' })).toBe('http 403');
	});

	it('with ORIGIN: only that origin and ALLOWED_ORIGINS are accepted', async () => {
		const { port, url } = await appServer({
			ORIGIN: 'https://mentorpad.example.org',
			ALLOWED_ORIGINS: 'https://mentorpad.school.be, http://localhost:5173'
		});
		for (const origin of [
			'https://mentorpad.example.org',
			'https://mentorpad.school.be',
			'http://localhost:5173'
		]) {
			expect(await answer(url, { cookie, origin })).toBe('accepted');
		}
		for (const origin of [
			`http://127.0.0.1:${port}`,
			'http://mentorpad.example.org',
			'https://mentorpad.example.org:8443',
			'https://evil.example'
		]) {
			expect(await answer(url, { cookie, origin })).toBe('http 403');
		}
	});

	it('without Origin a cookie is not read: the upgrade is unauthenticated', async () => {
		const { url } = await appServer({});
		expect(await answer(url, { cookie })).toBe(`close ${CloseCode.Unauthenticated}`);
	});
});
