import * as encoding from 'lib0/encoding';
import { Awareness } from 'y-protocols/awareness';
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '$lib/shared/collab';
import { AwarenessGuard } from '$lib/server/collab/awareness-guard';
import { encodeAwarenessEntries, type AwarenessEntry } from '$lib/server/collab/protocol';
import {
	retryableAssertion,
	sheetName,
	startCollabHarness,
	testUsers,
	type Harness
} from '../../helpers/collab-harness';

const mentor = { user: testUsers.mentor };
const mentorTab2 = { user: testUsers.mentor };
const mentee = { user: testUsers.mentee };
const canonicalMentor = { ...testUsers.mentor };

function guard() {
	const doc = new Y.Doc();
	const awareness = new Awareness(doc);
	awareness.setLocalState(null);
	return {
		awareness,
		guard: new AwarenessGuard<{ user: typeof testUsers.mentor }>(awareness),
		doc
	};
}

describe('AwarenessGuard', () => {
	test('the first live state binds the client id and gets the server user fields', () => {
		const { guard: g } = guard();
		const decision = g.check(mentor, [{ clientId: 7, clock: 1, state: { cursor: 3 } }]);
		expect(decision).toEqual({
			ok: true,
			entries: [{ clientId: 7, clock: 1, state: { cursor: 3, user: canonicalMentor } }]
		});
		expect(g.ownerOf(7)).toBe(mentor);
	});

	test('user fields equal to the server ones are accepted; any other value or key is not', () => {
		const { guard: g } = guard();
		const ok = g.check(mentor, [
			{ clientId: 7, clock: 1, state: { user: { name: 'Mira Mentor', color: '#1f77b4' } } }
		]);
		expect(ok.ok).toBe(true);
		for (const user of [
			{ name: 'Someone Else' },
			{ role: 'coordinator' },
			{ isAdmin: true },
			'Mira',
			[1]
		]) {
			const { guard: fresh } = guard();
			expect(fresh.check(mentor, [{ clientId: 7, clock: 1, state: { user } }]).ok).toBe(false);
		}
	});

	test('echoes of other clients (known clock) are dropped silently', () => {
		const { guard: g, awareness } = guard();
		expect(g.check(mentee, [{ clientId: 9, clock: 4, state: {} }]).ok).toBe(true);
		awareness.meta.set(9, { clock: 4, lastUpdated: 0 });
		expect(g.ownerOf(9)).toBe(mentee);
		const decision = g.check(mentor, [
			{ clientId: 7, clock: 1, state: {} },
			{ clientId: 9, clock: 4, state: { user: testUsers.mentee } },
			{ clientId: 9, clock: 4, state: null }
		]);
		expect(decision.ok && decision.entries.map((entry: AwarenessEntry) => entry.clientId)).toEqual([
			7
		]);
	});

	test('a newer state for a client another user owns is impersonation', () => {
		const { guard: g, awareness } = guard();
		g.check(mentee, [{ clientId: 9, clock: 1, state: {} }]);
		awareness.meta.set(9, { clock: 1, lastUpdated: 0 });
		expect(g.check(mentor, [{ clientId: 9, clock: 2, state: { user: testUsers.mentor } }]).ok).toBe(
			false
		);
		expect(g.check(mentor, [{ clientId: 9, clock: 2, state: null }]).ok).toBe(false);
	});

	test('the same person may take over their client id from a stale socket', () => {
		const { guard: g, awareness } = guard();
		g.check(mentor, [{ clientId: 7, clock: 1, state: {} }]);
		awareness.meta.set(7, { clock: 1, lastUpdated: 0 });
		expect(g.check(mentorTab2, [{ clientId: 7, clock: 2, state: {} }]).ok).toBe(true);
		expect(g.ownerOf(7)).toBe(mentorTab2);
		expect(g.release(mentor)).toBeNull();
		expect(g.release(mentorTab2)).toBe(7);
	});
});

function awarenessFrame(entries: AwarenessEntry[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Awareness);
	encoding.writeVarUint8Array(e, encodeAwarenessEntries(entries));
	return encoding.toUint8Array(e);
}

describe('awareness through the server', () => {
	let harness: Harness;
	afterEach(async () => {
		await harness.teardown();
	});

	test('presence reaches the other side with the user fields the server knows', async () => {
		harness = await startCollabHarness();
		const room = sheetName();
		const a = harness.connect(room, 'mentor');
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);
		a.provider.awareness.setLocalState({ field: 'goal' });
		b.provider.awareness.setLocalState({ user: { name: 'Mo Mentee' }, field: 'choices' });

		await retryableAssertion(() => {
			expect(b.provider.awareness.getStates().get(a.doc.clientID)).toEqual({
				field: 'goal',
				user: canonicalMentor
			});
			expect(a.provider.awareness.getStates().get(b.doc.clientID)?.user).toEqual(testUsers.mentee);
		});
		// The stock provider echoes the states it receives: that must not count as spoofing.
		for (let i = 0; i < 5; i++) a.provider.awareness.setLocalStateField('field', `f${i}`);
		await retryableAssertion(() =>
			expect(b.provider.awareness.getStates().get(a.doc.clientID)?.field).toBe('f4')
		);
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
		expect(harness.server.stats().closesByCode[CloseCode.AwarenessRejected]).toBeUndefined();
	});

	test('a forged name closes the socket', async () => {
		harness = await startCollabHarness();
		const room = sheetName();
		const a = harness.connect(room, 'mentee');
		await a.synced();
		const closed = a.closed();
		a.provider.awareness.setLocalState({ user: { name: 'Mira Mentor', role: 'mentor' } });
		expect((await closed).code).toBe(CloseCode.AwarenessRejected);
	});

	test("publishing another user's client id closes the socket and changes nothing", async () => {
		harness = await startCollabHarness();
		const room = sheetName();
		const victim = harness.connect(room, 'mentor');
		const observer = harness.connect(room, 'reader');
		await Promise.all([victim.synced(), observer.synced()]);
		victim.provider.awareness.setLocalState({ field: 'goal' });
		const id = victim.doc.clientID;
		await retryableAssertion(() =>
			expect(observer.provider.awareness.getStates().get(id)?.field).toBe('goal')
		);

		const attacker = await harness.raw(room, 'mentee');
		const clock = (victim.provider.awareness.meta.get(id)?.clock ?? 0) + 5;
		attacker.send(awarenessFrame([{ clientId: id, clock, state: { field: 'hijacked' } }]));
		expect((await attacker.closed).code).toBe(CloseCode.AwarenessRejected);
		expect(observer.provider.awareness.getStates().get(id)?.field).toBe('goal');
	});

	test("a closed connection's presence is removed for everyone", async () => {
		harness = await startCollabHarness();
		const room = sheetName();
		const observer = harness.connect(room, 'mentee');
		await observer.synced();
		const leaving = await harness.raw(room, 'mentor');
		leaving.send(awarenessFrame([{ clientId: 4242, clock: 1, state: { field: 'goal' } }]));
		await retryableAssertion(() =>
			expect(observer.provider.awareness.getStates().get(4242)?.user).toEqual(canonicalMentor)
		);
		leaving.ws.terminate();
		await retryableAssertion(() =>
			expect(observer.provider.awareness.getStates().has(4242)).toBe(false)
		);
	});
});
