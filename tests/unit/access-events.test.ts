import { describe, expect, test } from 'vitest';
import {
	createAccessEvents,
	decodeAccessEvent,
	encodeAccessEvent,
	type AccessEvent
} from '$lib/server/access-events';
import { createLocalFanout } from '$lib/server/collab/fanout';
import { quietLogger } from '../helpers/collab-harness';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('access events between app instances', () => {
	test.each<AccessEvent>([
		{ type: 'signed-out', userId: 'u1' },
		{ type: 'signed-out', userId: 'u1', sessionId: 's1' },
		{ type: 'access-changed', userId: 'u2' },
		{ type: 'pair-changed', pairId: 'p1' }
	])('round-trips %o', (event) => {
		expect(decodeAccessEvent(encodeAccessEvent(event))).toEqual(event);
	});

	test.each([
		['not JSON', bytes('{"type":')],
		['an unknown type', bytes('{"type":"delete-everything","userId":"u1"}')],
		['a missing field', bytes('{"type":"access-changed"}')],
		['a field of the wrong type', bytes('{"type":"pair-changed","pairId":7}')],
		['an empty id', bytes('{"type":"signed-out","userId":""}')],
		['an oversized payload', bytes(`{"type":"signed-out","userId":"${'u'.repeat(2_000)}"}`)],
		['binary noise', Uint8Array.from([0xff, 0xfe, 0x00, 0x01])]
	])('refuses %s', (_label, payload) => {
		expect(decodeAccessEvent(payload)).toBeNull();
	});

	test('an event acts on this instance even with nobody to relay to; a failure is logged', async () => {
		const seen: AccessEvent[] = [];
		const logger = quietLogger();
		const events = createAccessEvents(
			createLocalFanout(),
			async (event) => {
				seen.push(event);
				if (event.type === 'pair-changed') throw new Error('database unavailable');
			},
			logger
		);
		await events.emit({ type: 'access-changed', userId: 'u1' });
		await events.emit({ type: 'pair-changed', pairId: 'p1' });
		expect(seen).toHaveLength(2);
		expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([
			expect.objectContaining({ message: 'acting on an access event failed' })
		]);
		events.close();
	});
});
