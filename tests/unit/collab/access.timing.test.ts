import { afterEach, describe, expect, test } from 'vitest';
import { CloseCode } from '$lib/shared/collab';
import {
	openRawClient,
	retryableAssertion,
	sheetName,
	startCollabHarness,
	testUsers,
	type Harness
} from '../../helpers/collab-harness';

let harness: Harness;
afterEach(async () => {
	await harness.teardown();
});

describe('admission', () => {
	test.each([
		['no token', null, sheetName(), CloseCode.Unauthenticated],
		['an unknown token', 'nobody', sheetName(), CloseCode.Unauthenticated],
		['a user without access', 'stranger', sheetName(), CloseCode.Forbidden],
		['a bad document name', 'mentor', 'pair/123/sheet/456', CloseCode.BadDocumentName]
	])(
		'%s: closed with the documented code, and the provider stops retrying',
		async (_label, token, room, code) => {
			harness = await startCollabHarness();
			const query = token ? `?token=${token}` : '';
			const raw = await openRawClient(`${harness.url}/${room}${query}`);
			expect((await raw.closed).code).toBe(code);

			if (token === 'mentor' || token === 'stranger') {
				const client = harness.connect(room, token);
				const closed = new Promise<{ code: number }>((resolve) =>
					client.provider.once('closed', (event: { code: number }) => resolve(event))
				);
				expect((await closed).code).toBe(code);
				expect(client.provider.shouldConnect).toBe(false);
			}
			expect(harness.server.stats().closesByCode[code]).toBeGreaterThanOrEqual(1);
		}
	);

	test('a failing authenticate closes with the server-error code and is logged', async () => {
		harness = await startCollabHarness({
			authenticate: async () => {
				throw new Error('session store down');
			}
		});
		const raw = await openRawClient(`${harness.url}/${sheetName()}?token=mentor`);
		expect((await raw.closed).code).toBe(CloseCode.ServerError);
		expect(harness.logs.some((entry) => entry.level === 'error')).toBe(true);
	});

	test('the deny code of authorize is passed on (e.g. not found)', async () => {
		harness = await startCollabHarness({ authorize: async () => ({ deny: CloseCode.NotFound }) });
		const raw = await openRawClient(`${harness.url}/${sheetName()}?token=mentor`);
		expect((await raw.closed).code).toBe(CloseCode.NotFound);
	});

	test('upgrades outside /collab/ are left to the host', async () => {
		harness = await startCollabHarness();
		await expect(openRawClient(harness.url.replace('/collab', '/elsewhere/x'))).rejects.toThrow();
		expect(harness.server.stats().connectionsTotal).toBe(0);
	});
});

describe('read-only access', () => {
	test('updates from a read-only socket are dropped; it still syncs and receives edits', async () => {
		harness = await startCollabHarness();
		const room = sheetName();
		const writer = harness.connect(room, 'mentor');
		const reader = harness.connect(room, 'reader');
		await Promise.all([writer.synced(), reader.synced()]);

		writer.doc.getText('goal').insert(0, 'from the mentor');
		await retryableAssertion(() =>
			expect(reader.doc.getText('goal').toString()).toBe('from the mentor')
		);
		const before = harness.server.documentState(room);

		reader.doc.getText('goal').insert(0, 'sneaky ');
		reader.doc.getMap('choices').set('signed', true);
		await retryableAssertion(() =>
			expect(harness.server.stats().readOnlyDrops).toBeGreaterThanOrEqual(2)
		);
		expect(harness.server.documentState(room)).toEqual(before);
		expect(writer.doc.getText('goal').toString()).toBe('from the mentor');
		expect(writer.doc.getMap('choices').has('signed')).toBe(false);
		expect(reader.provider.wsconnected).toBe(true);
	});
});

describe('closeWhere', () => {
	test('closes the selected sockets within a second and leaves the others', async () => {
		harness = await startCollabHarness();
		const room = sheetName();
		const mentor = harness.connect(room, 'mentor');
		const mentee = harness.connect(room, 'mentee');
		await Promise.all([mentor.synced(), mentee.synced()]);
		const closed = mentee.closed();

		const started = Date.now();
		const count = harness.server.closeWhere(
			(connection) =>
				connection.user.userId === testUsers.mentee.userId && connection.docName === room,
			CloseCode.AccessRevoked,
			'membership ended'
		);
		expect(count).toBe(1);
		const event = await closed;
		expect(event).toEqual({ code: CloseCode.AccessRevoked, reason: 'membership ended' });
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(mentor.provider.wsconnected).toBe(true);
		await retryableAssertion(() => expect(harness.server.stats().connections).toBe(1));
	});
});
