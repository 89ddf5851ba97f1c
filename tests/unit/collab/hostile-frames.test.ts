import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType } from '$lib/shared/collab';
import { MemoryStore } from '$lib/server/collab/memory-store';
import {
	retryableAssertion,
	sheetName,
	startCollabHarness,
	type Harness
} from '../../helpers/collab-harness';
import { baseDocument, hostileUpdates, partiallyApplyingUpdates } from './fixtures';

const MAX_FRAME = 64 * 1024;
const MAX_DOCUMENT = 16 * 1024;

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.Sync);
	encoding.writeVarUint(e, step);
	encoding.writeVarUint8Array(e, payload);
	return encoding.toUint8Array(e);
}

function textUpdate(base: Uint8Array, text: string): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, base);
	const before = Y.encodeStateVector(doc);
	doc.getText('t').insert(0, text);
	return Y.encodeStateAsUpdate(doc, before);
}

let harness: Harness;
const base = Y.encodeStateAsUpdate(baseDocument());

beforeAll(async () => {
	harness = await startCollabHarness({
		store: new MemoryStore(),
		limits: { maxFrameBytes: MAX_FRAME, maxDocumentBytes: MAX_DOCUMENT }
	});
});
afterAll(async () => {
	await harness.teardown();
});

/** A fresh document holding `baseDocument()`, and a raw socket on it that has been synced. */
async function seededRoom() {
	const room = sheetName();
	await harness.store.append([{ name: room, updates: [base] }]);
	const raw = await harness.raw(room, 'mentor');
	await retryableAssertion(() => expect(raw.received.length).toBeGreaterThan(0));
	const before = harness.server.documentState(room);
	expect(before).not.toBeNull();
	return { room, raw, before };
}

const hostileFrames: [string, () => Uint8Array | string, number][] = [
	['random bytes', () => Uint8Array.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]), CloseCode.Malformed],
	['a text frame', () => 'hello', CloseCode.Malformed],
	['an unknown message type', () => Uint8Array.from([7, 0]), CloseCode.Malformed],
	[
		'a truncated sync step 2',
		() => syncFrame(1, textUpdate(base, 'x')).subarray(0, 6),
		CloseCode.Malformed
	],
	[
		'an update with trailing bytes',
		() => Uint8Array.from([...syncFrame(2, textUpdate(base, 'x')), 0]),
		CloseCode.Malformed
	],
	...Object.entries(hostileUpdates()).map(([name, update]): [string, () => Uint8Array, number] => [
		`an update with ${name}`,
		() => syncFrame(2, update),
		CloseCode.Malformed
	]),
	...partiallyApplyingUpdates().map((update, index): [string, () => Uint8Array, number] => [
		`an update that fails halfway through integration (#${index + 1})`,
		() => syncFrame(2, update),
		CloseCode.Malformed
	]),
	[
		'a frame over maxFrameBytes',
		() => syncFrame(2, new Uint8Array(MAX_FRAME)),
		CloseCode.FrameTooLarge
	],
	['a frame over the transport cap', () => new Uint8Array(MAX_FRAME * 2 + 1), 1009],
	[
		'an update that would grow the document past maxDocumentBytes',
		() => syncFrame(2, textUpdate(base, 'x'.repeat(MAX_DOCUMENT))),
		CloseCode.DocumentTooLarge
	]
];

describe('hostile frames', () => {
	test.each(hostileFrames)(
		'%s closes that socket and leaves the document unchanged',
		async (_name, make, code) => {
			const { room, raw, before } = await seededRoom();
			const bystander = harness.connect(room, 'mentee');
			await bystander.synced();

			raw.send(make());
			expect((await raw.closed).code).toBe(code);
			expect(harness.server.documentState(room)).toEqual(before);
			expect(bystander.provider.wsconnected).toBe(true);
			expect(Y.encodeStateAsUpdate(bystander.doc)).toEqual(before);
			bystander.destroy();
			if (code !== 1009) {
				expect(
					harness.logs.some((entry) => entry.level === 'warn' && entry.fields?.code === code)
				).toBe(true);
			}
		}
	);

	test('after all that, a valid update from a new socket still applies', async () => {
		const { room, raw } = await seededRoom();
		raw.send(syncFrame(syncProtocol.messageYjsUpdate, textUpdate(base, 'fine ')));
		await retryableAssertion(() => {
			const state = harness.server.documentState(room);
			const doc = new Y.Doc();
			if (state) Y.applyUpdate(doc, state);
			expect(doc.getText('t').toString()).toBe('fine hello world');
		});
	});
});
