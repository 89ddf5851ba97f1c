import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, formatDocumentName } from '$lib/shared/collab';
import { createLocalAuth } from '$lib/server/auth/local';
import { authenticateSocket, authorizeDocument, revalidate } from '$lib/server/collab-access';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import type { Database } from '$lib/server/db/types';
import { removeGroupMember, setReflectionSharing } from '$lib/server/groups/commands';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import {
	buildGroupWithContent,
	buildMembership,
	buildStaffedProgram,
	buildUser,
	FACTORY_PASSWORD
} from '../factories';
import {
	browserSocket,
	retryableAssertion,
	startCollabHarness,
	type Harness
} from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * Group documents and reflections on the collaboration server. In the group: mentor and mentee
 * (school A), observer (school B), the supporter as facilitator. `outsider` is in the programme
 * but not in the group.
 */
let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
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

const groupDoc = () => formatDocumentName({ kind: 'group-doc', groupId: g.group, docId: g.docId });
const reflectionDoc = (id: string) => formatDocumentName({ kind: 'reflection', reflectionId: id });
const recheck = (userId: string) =>
	revalidate(harness.server, authorizeDocument(db), (c) => c.user.userId === userId);

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
	g = await buildGroupWithContent(db, staffed);
	const outsider = await buildUser(db);
	await buildMembership(db, staffed.program.id, outsider, 'mentee');
	const elsewhere = await buildStaffedProgram(db);
	const people = { ...staffed.people, outsider, foreign: elsewhere.people.mentee };
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

describe(`group documents and reflections on the collaboration server (${testEngine()})`, () => {
	it('two members and the facilitator co-edit a group document; presence carries the group role', async () => {
		const a = connect('mentor', groupDoc());
		const b = connect('observer', groupDoc());
		const coach = connect('supporter', groupDoc());
		await Promise.all([a.synced, b.synced, coach.synced]);
		a.doc.getText('t').insert(0, 'agenda');
		coach.doc.getMap('m').set('k', 'v');
		await retryableAssertion(() => {
			expect(b.doc.getText('t').toString()).toBe('agenda');
			expect(a.doc.getMap('m').get('k')).toBe('v');
		});
	});

	it.each([
		['coordinator', CloseCode.Forbidden],
		['outsider', CloseCode.Forbidden],
		['foreign', CloseCode.Forbidden],
		['nobody', CloseCode.Unauthenticated]
	])('refuses the %s on a group document with %i', async (who, code) => {
		expect(await connect(who, groupDoc()).closed).toBe(code);
	});

	it('an unknown document of the group is refused like a forbidden one', async () => {
		const unknown = formatDocumentName({
			kind: 'group-doc',
			groupId: g.group,
			docId: '00000000-0000-4000-8000-000000000009'
		});
		expect(await connect('mentor', unknown).closed).toBe(CloseCode.Forbidden);
	});

	it('a private reflection opens for its author only', async () => {
		const room = reflectionDoc(g.reflections.menteePrivate);
		await connect('mentee', room).synced;
		for (const who of ['mentor', 'observer', 'supporter', 'coordinator', 'outsider']) {
			expect(await connect(who, room).closed, who).toBe(CloseCode.Forbidden);
		}
	});

	it('a reflection shared with the school: colleagues read, edits are dropped; others refused', async () => {
		const room = reflectionDoc(g.reflections.menteeSchool);
		const author = connect('mentee', room);
		await author.synced;
		author.doc.getText('body').insert(0, 'Mijn reflectie');
		const colleague = connect('mentor', room);
		await colleague.synced;
		await retryableAssertion(() =>
			expect(colleague.doc.getText('body').toString()).toBe('Mijn reflectie')
		);
		const drops = harness.server.stats().readOnlyDrops;
		colleague.doc.getText('body').insert(0, 'X');
		await retryableAssertion(() =>
			expect(harness.server.stats().readOnlyDrops).toBeGreaterThan(drops)
		);
		expect(await harness.server.readDocument(room, (d) => d.getText('body').toString())).toBe(
			'Mijn reflectie'
		);
		expect(await connect('observer', room).closed).toBe(CloseCode.Forbidden);
		expect(await connect('supporter', room).closed).toBe(CloseCode.Forbidden);
	});

	it('stopping sharing closes the open sockets of the others with "access revoked"', async () => {
		const room = reflectionDoc(g.reflections.menteeGroup);
		const author = connect('mentee', room);
		const reader = connect('observer', room);
		const coach = connect('supporter', room);
		await Promise.all([author.synced, reader.synced, coach.synced]);
		const others = await setReflectionSharing(
			db,
			staffed.people.mentee.claims,
			g.reflections.menteeGroup,
			null
		);
		for (const userId of others) await recheck(userId);
		expect(await reader.closed).toBe(CloseCode.AccessRevoked);
		expect(await coach.closed).toBe(CloseCode.AccessRevoked);
		expect(author.provider.wsconnected).toBe(true);
		await setReflectionSharing(
			db,
			staffed.people.mentee.claims,
			g.reflections.menteeGroup,
			'group'
		);
	});

	it('removing a member from the group closes their open sockets', async () => {
		const member = connect('observer', groupDoc());
		await member.synced;
		const removed = await removeGroupMember(
			db,
			staffed.people.coordinator.claims,
			staffed.program.id,
			{
				groupId: g.group,
				userId: staffed.people.observer.id
			}
		);
		await recheck(removed);
		expect(await member.closed).toBe(CloseCode.AccessRevoked);
		expect(await connect('observer', groupDoc()).closed).toBe(CloseCode.Forbidden);
	});
});
