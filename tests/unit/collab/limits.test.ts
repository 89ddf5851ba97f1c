import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, test } from 'vitest';
import { CloseCode, DEFAULT_COLLAB_LIMITS, MessageType } from '$lib/shared/collab';
import {
	TokenBucket,
	isFrameTooLarge,
	isSlowConsumer,
	resolveLimits,
	transportPayloadCap
} from '$lib/server/collab/limits';
import {
	retryableAssertion,
	sheetName,
	startCollabHarness,
	type Harness
} from '../../helpers/collab-harness';

describe('limits', () => {
	test('defaults fill in; nonsense is refused at start-up', () => {
		expect(resolveLimits()).toEqual(DEFAULT_COLLAB_LIMITS);
		expect(resolveLimits({ messageBurst: 5 }).messageBurst).toBe(5);
		expect(() => resolveLimits({ maxFrameBytes: 0 })).toThrow(/maxFrameBytes/);
		expect(() => resolveLimits({ messagesPerSecond: Number.NaN })).toThrow(/messagesPerSecond/);
	});

	test('frame size and transport cap', () => {
		const limits = resolveLimits({ maxFrameBytes: 10 });
		expect(isFrameTooLarge(new Uint8Array(10), limits)).toBe(false);
		expect(isFrameTooLarge(new Uint8Array(11), limits)).toBe(true);
		expect(transportPayloadCap(limits)).toBeGreaterThan(limits.maxFrameBytes);
	});

	test('token bucket: a burst, then the sustained rate', () => {
		let now = 0;
		const bucket = new TokenBucket(10, 3, () => now);
		expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
			true,
			true,
			true,
			false
		]);
		now += 100; // one token back at 10/s
		expect([bucket.take(), bucket.take()]).toEqual([true, false]);
		now += 10_000; // never more than the burst
		expect(Array.from({ length: 4 }, () => bucket.take())).toEqual([true, true, true, false]);
	});

	test('token bucket: costs in bytes', () => {
		let now = 0;
		const bucket = new TokenBucket(1_000, 2_000, () => now);
		expect(bucket.take(1_500)).toBe(true);
		expect(bucket.take(1_000)).toBe(false);
		now += 500;
		expect(bucket.take(1_000)).toBe(true);
	});

	test('a consumer is slow when its unsent bytes pass the bound', () => {
		const limits = resolveLimits({ maxBufferedBytes: 100 });
		expect(isSlowConsumer({ bufferedAmount: 100 }, limits)).toBe(false);
		expect(isSlowConsumer({ bufferedAmount: 101 }, limits)).toBe(true);
	});
});

describe('limits through the server', () => {
	let harness: Harness;
	afterEach(async () => {
		await harness.teardown();
	});

	test('a flooding socket is closed as rate limited; others are unaffected', async () => {
		harness = await startCollabHarness({ limits: { messagesPerSecond: 20, messageBurst: 50 } });
		const room = sheetName();
		const calm = harness.connect(room, 'mentee');
		await calm.synced();
		const flooder = await harness.raw(room, 'mentor');
		const query = Uint8Array.from([MessageType.QueryAwareness]);
		for (let i = 0; i < 200; i++) flooder.send(query);
		expect((await flooder.closed).code).toBe(CloseCode.RateLimited);
		expect(calm.provider.wsconnected).toBe(true);
	});

	test('a socket sending too many bytes is closed as rate limited', async () => {
		harness = await startCollabHarness({
			limits: { bytesPerSecond: 10_000, maxFrameBytes: 8_000 }
		});
		const flooder = await harness.raw(sheetName(), 'mentor');
		// Valid but useless sync step 1 messages padded to just under the frame limit.
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, MessageType.Sync);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, Uint8Array.from([0, ...new Uint8Array(7_000)]));
		for (let i = 0; i < 5; i++) flooder.send(encoding.toUint8Array(e));
		expect((await flooder.closed).code).toBe(CloseCode.RateLimited);
		expect(harness.logs.some((entry) => entry.fields?.reason === 'too many bytes')).toBe(true);
	});

	test('a socket that stops reading is closed as too slow', async () => {
		harness = await startCollabHarness({
			limits: { maxBufferedBytes: 256 * 1024, bytesPerSecond: 1024 ** 3 }
		});
		const room = sheetName();
		const stalled = await harness.raw(room, 'mentee');
		stalled.ws.pause();
		const writer = harness.connect(room, 'mentor');
		await writer.synced();
		const chunk = 'x'.repeat(200 * 1024);
		for (
			let i = 0;
			i < 80 && harness.server.stats().closesByCode[CloseCode.TooSlow] === undefined;
			i++
		) {
			writer.doc.getText('t').insert(0, chunk);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await retryableAssertion(() =>
			expect(harness.server.stats().closesByCode[CloseCode.TooSlow]).toBe(1)
		);
		stalled.ws.resume();
		expect((await stalled.closed).code).toBe(CloseCode.TooSlow);
		expect(writer.provider.wsconnected).toBe(true);
	});
});
