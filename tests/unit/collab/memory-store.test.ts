import { describe, expect, test } from 'vitest';
import { MemoryStore } from '$lib/server/collab/memory-store';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('MemoryStore', () => {
	test('follows the DocumentStore contract: ordered log, growing seq, compaction', async () => {
		const store = new MemoryStore();
		expect(await store.load('a')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
		const [first, b] = await store.append([
			{ name: 'a', updates: [bytes(1), bytes(2)] },
			{ name: 'b', updates: [bytes(9)] }
		]);
		expect(b).toBeGreaterThan(first);
		const [third] = await store.append([{ name: 'a', updates: [bytes(3)] }]);
		expect(third).toBeGreaterThan(b);
		expect(await store.load('a')).toEqual({
			snapshot: null,
			updates: [bytes(1), bytes(2), bytes(3)],
			lastSeq: third
		});
		await store.compact('a', bytes(7), first);
		expect(await store.load('a')).toEqual({
			snapshot: bytes(7),
			updates: [bytes(3)],
			lastSeq: third
		});
		expect(store.logLength('b')).toBe(1);
	});

	test('keeps copies, not the caller’s buffers', async () => {
		const store = new MemoryStore();
		const update = bytes(1, 2, 3);
		await store.append([{ name: 'a', updates: [update] }]);
		update[0] = 99;
		expect((await store.load('a')).updates[0]).toEqual(bytes(1, 2, 3));
	});
});
