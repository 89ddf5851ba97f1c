import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_COLLAB_LIMITS, MessageType } from '$lib/shared/collab';
import { decodeClientMessage, encodeAwarenessEntries } from '$lib/server/collab/protocol';
import { bitFlipped } from './fixtures';

const limits = DEFAULT_COLLAB_LIMITS;

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

function sampleDoc(): Y.Doc {
	const doc = new Y.Doc();
	doc.getText('goal').insert(0, 'Set a goal for the first session');
	doc.getMap('choices').set('phase', 'BR');
	return doc;
}

function validFrames(): Uint8Array[] {
	const doc = sampleDoc();
	const awareness = new Awareness(doc);
	awareness.setLocalState({ user: { name: 'Mira' }, cursor: null });
	const frames = [
		frame((e) => {
			encoding.writeVarUint(e, MessageType.Sync);
			syncProtocol.writeSyncStep1(e, doc);
		}),
		frame((e) => {
			encoding.writeVarUint(e, MessageType.Sync);
			syncProtocol.writeSyncStep2(e, doc);
		}),
		frame((e) => {
			encoding.writeVarUint(e, MessageType.Sync);
			syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
		}),
		frame((e) => {
			encoding.writeVarUint(e, MessageType.Awareness);
			encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [doc.clientID]));
		}),
		frame((e) => encoding.writeVarUint(e, MessageType.QueryAwareness))
	];
	awareness.destroy();
	doc.destroy();
	return frames;
}

describe('decodeClientMessage', () => {
	test('decodes what the y-websocket provider sends', () => {
		const types = validFrames().map((bytes) => {
			const result = decodeClientMessage(bytes, limits);
			expect(result.ok).toBe(true);
			return result.ok ? result.message.type : null;
		});
		expect(types).toEqual([
			'sync-step1',
			'sync-step2',
			'sync-update',
			'awareness',
			'query-awareness'
		]);
	});

	test('never throws on random bytes', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
				const result = decodeClientMessage(bytes, limits);
				expect(typeof result.ok).toBe('boolean');
			}),
			{ numRuns: 3_000 }
		);
	});

	test('rejects every truncation of a valid frame', () => {
		for (const bytes of validFrames()) {
			for (let length = 0; length < bytes.length; length++) {
				expect(decodeClientMessage(bytes.subarray(0, length), limits).ok).toBe(false);
			}
		}
	});

	test('never throws on bit-flipped frames', () => {
		const frames = validFrames();
		fc.assert(
			fc.property(bitFlipped(frames, 4), (bytes) => {
				const result = decodeClientMessage(bytes, limits);
				expect(typeof result.ok).toBe('boolean');
			}),
			{ numRuns: 3_000 }
		);
	});

	test('rejects trailing bytes, unknown types and server-only messages', () => {
		const [step1] = validFrames();
		expect(decodeClientMessage(new Uint8Array([...step1, 0]), limits).ok).toBe(false);
		expect(decodeClientMessage(new Uint8Array([9]), limits).ok).toBe(false);
		expect(decodeClientMessage(new Uint8Array([MessageType.Sync, 7, 0]), limits).ok).toBe(false);
		expect(decodeClientMessage(new Uint8Array([MessageType.Auth, 0, 0]), limits).ok).toBe(false);
		expect(decodeClientMessage(new Uint8Array([]), limits).ok).toBe(false);
	});

	function awarenessFrame(payload: Uint8Array): Uint8Array {
		return frame((e) => {
			encoding.writeVarUint(e, MessageType.Awareness);
			encoding.writeVarUint8Array(e, payload);
		});
	}

	test('accepts only object or null awareness states, within the size and count limits', () => {
		const withState = (json: string) =>
			awarenessFrame(
				frame((e) => {
					encoding.writeVarUint(e, 1);
					encoding.writeVarUint(e, 42);
					encoding.writeVarUint(e, 1);
					encoding.writeVarString(e, json);
				})
			);
		expect(decodeClientMessage(withState('{"user":{"name":"x"}}'), limits).ok).toBe(true);
		expect(decodeClientMessage(withState('null'), limits).ok).toBe(true);
		for (const json of ['[]', '"text"', '12', 'true', '{', '']) {
			expect(decodeClientMessage(withState(json), limits).ok).toBe(false);
		}
		const big = JSON.stringify({ blob: 'x'.repeat(limits.maxAwarenessStateBytes) });
		expect(decodeClientMessage(withState(big), limits).ok).toBe(false);

		const many = encodeAwarenessEntries(
			Array.from({ length: limits.maxAwarenessEntries + 1 }, (_, i) => ({
				clientId: i + 1,
				clock: 1,
				state: null
			}))
		);
		expect(decodeClientMessage(awarenessFrame(many), limits).ok).toBe(false);
	});

	test('a count that claims more entries than the frame holds fails fast', () => {
		const started = performance.now();
		const lying = awarenessFrame(frame((e) => encoding.writeVarUint(e, 999)));
		expect(decodeClientMessage(lying, limits).ok).toBe(false);
		expect(performance.now() - started).toBeLessThan(100);
	});
});
