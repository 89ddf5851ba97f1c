import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fanout, FanoutListener, FanoutKind } from '$lib/server/collab/fanout';
import type { CollabLogger } from '$lib/server/collab/types';
import { createLiveHub, LIVE_EVENTS_CHANNEL, type LiveHub } from '$lib/server/live/hub';
import type { LiveEvent } from '$lib/shared/live-events';

const quiet: CollabLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Two instances on one in-memory broker: what one publishes, the others receive. */
function bus() {
	const listeners = new Map<string, Set<{ id: string; listener: FanoutListener }>>();
	return (): Fanout => {
		const instanceId = randomUUID();
		return {
			instanceId,
			status: 'live',
			degraded: false,
			publish(channel: string, kind: FanoutKind, payload: Uint8Array, origin: string) {
				for (const l of listeners.get(channel) ?? [])
					if (l.id !== origin) l.listener.message({ kind, payload, origin });
			},
			subscribe(channel, listener) {
				const set = listeners.get(channel) ?? new Set();
				listeners.set(channel, set);
				const entry = { id: instanceId, listener };
				set.add(entry);
				return () => set.delete(entry);
			},
			async close() {}
		};
	};
}

function reader(stream: ReadableStream<Uint8Array>) {
	const frames: string[] = [];
	const r = stream.getReader();
	let done = false;
	void (async () => {
		for (;;) {
			const next = await r.read();
			if (next.done) {
				done = true;
				return;
			}
			frames.push(new TextDecoder().decode(next.value));
		}
	})();
	return {
		frames,
		closed: () => done,
		events: () =>
			frames
				.join('')
				.split('\n\n')
				.map((f) => f.split('\n').find((l) => l.startsWith('data: ')))
				.filter((l): l is string => !!l)
				.map((l) => JSON.parse(l.slice(6)) as LiveEvent)
	};
}

const until = async (check: () => boolean) => {
	// A positive signal: returns as soon as it holds; generous for a busy machine.
	const deadline = Date.now() + 15_000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
	}
};

const hubs: LiveHub[] = [];
afterEach(() => {
	for (const hub of hubs.splice(0)) hub.close();
});

describe('live hub', () => {
	const event: LiveEvent = { type: 'unread', total: 3, byPair: { p: 3 } };

	it('delivers to the person’s streams on every instance, and to nobody else', async () => {
		const broker = bus();
		const a = createLiveHub({ fanout: broker(), log: quiet });
		const b = createLiveHub({ fanout: broker(), log: quiet });
		hubs.push(a, b);
		const onA = reader(a.open({ userId: 'u1' }));
		const onB = reader(b.open({ userId: 'u1' }));
		const other = reader(b.open({ userId: 'u2' }));
		a.publishToUsers(['u1'], event);
		await until(() => onA.events().length === 1 && onB.events().length === 1);
		expect(onB.events()).toEqual([event]);
		expect(other.events()).toEqual([]);
	});

	it('drops malformed relays from the broker', async () => {
		const broker = bus();
		const fanout = broker();
		const hub = createLiveHub({ fanout: broker(), log: quiet });
		hubs.push(hub);
		const stream = reader(hub.open({ userId: 'u1' }));
		const bad = { userIds: ['u1'], event: { type: 'message', message: { body: '<script>' } } };
		fanout.publish(
			LIVE_EVENTS_CHANNEL,
			'event',
			new TextEncoder().encode(JSON.stringify(bad)),
			'x'
		);
		fanout.publish(LIVE_EVENTS_CHANNEL, 'event', new TextEncoder().encode('{'), 'x');
		hub.publishToUsers(['u1'], event);
		await until(() => stream.events().length === 1);
		expect(stream.events()).toEqual([event]);
	});

	it('closes the streams of a signed-out session, sends heartbeats, and ends at expiry', async () => {
		const hub = createLiveHub({ fanout: bus()(), log: quiet, heartbeatMs: 20 });
		hubs.push(hub);
		const signedOut = reader(hub.open({ userId: 'u1', sessionId: 's1' }));
		const stays = reader(hub.open({ userId: 'u1', sessionId: 's2' }));
		const expires = reader(hub.open({ userId: 'u3', expiresAt: new Date(Date.now() + 50) }));
		await until(() => stays.frames.some((f) => f.includes(': heartbeat')));
		hub.closeWhere((s) => s.userId === 'u1' && s.sessionId === 's1');
		await until(() => signedOut.closed());
		await until(() => expires.closed());
		expect(stays.closed()).toBe(false);
		expect(hub.size).toBe(1);
	});
});
