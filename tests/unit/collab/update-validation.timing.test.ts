import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_COLLAB_LIMITS } from '$lib/shared/collab';
import {
	MAX_CLOCK,
	ShadowDoc,
	inspectUpdate,
	isIntegrated
} from '$lib/server/collab/update-validation';
import {
	V2_RUN_LENGTH_BOMB,
	baseDocument,
	hostileUpdates,
	partiallyApplyingUpdates
} from './fixtures';

const limits = DEFAULT_COLLAB_LIMITS;

/** One item per client, all inserted at the start of the root text `t`: maximal conflicts. */
function conflictingInserts(clients: number, structsPerClient = 1): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, clients);
	for (let client = 1; client <= clients; client++) {
		encoding.writeVarUint(e, structsPerClient);
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, 0);
		for (let i = 0; i < structsPerClient; i++) {
			if (i === 0) {
				encoding.writeUint8(e, 4); // string content, no origins: parent follows
				encoding.writeVarUint(e, 1); // parent is a root type, by name
				encoding.writeVarString(e, 't');
			} else {
				encoding.writeUint8(e, 4 | 128); // string content with left origin = previous char
				encoding.writeVarUint(e, client);
				encoding.writeVarUint(e, i - 1);
			}
			encoding.writeVarString(e, 'x');
		}
	}
	encoding.writeVarUint(e, 0);
	return encoding.toUint8Array(e);
}

describe('inspectUpdate', () => {
	test('accepts real updates', () => {
		const doc = baseDocument();
		expect(inspectUpdate(Y.encodeStateAsUpdate(doc), limits)).toMatchObject({ ok: true });
		expect(inspectUpdate(Y.encodeStateAsUpdate(new Y.Doc()), limits)).toMatchObject({ ok: true });
	});

	test.each(Object.entries(hostileUpdates()))('rejects %s quickly', (_name, update) => {
		const started = performance.now();
		expect(inspectUpdate(update, limits).ok).toBe(false);
		expect(performance.now() - started).toBeLessThan(500);
	});

	test('reads only the V1 format, where the V2 run-length bomb (yjs#687) is inert', () => {
		const started = performance.now();
		const verdict = inspectUpdate(V2_RUN_LENGTH_BOMB, limits);
		if (verdict.ok) Y.applyUpdate(new Y.Doc(), V2_RUN_LENGTH_BOMB);
		expect(performance.now() - started).toBeLessThan(500);
	});

	test('never throws on random bytes or bit-flipped updates', () => {
		const real = Y.encodeStateAsUpdate(baseDocument());
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
				expect(typeof inspectUpdate(bytes, limits).ok).toBe('boolean');
			}),
			{ numRuns: 2_000 }
		);
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { maxLength: 4 }),
				(flips) => {
					const bytes = real.slice();
					for (const [position, bit] of flips) bytes[position % bytes.length] ^= 1 << bit;
					expect(typeof inspectUpdate(bytes, limits).ok).toBe('boolean');
				}
			),
			{ numRuns: 2_000 }
		);
	});

	test('bounds structs, clients, delete ranges and clocks', () => {
		const small = {
			...limits,
			maxStructsPerUpdate: 10,
			maxClientsPerUpdate: 5,
			maxDeleteRangesPerUpdate: 3
		};
		expect(inspectUpdate(conflictingInserts(5, 2), small).ok).toBe(true);
		expect(inspectUpdate(conflictingInserts(6), small).ok).toBe(false);
		expect(inspectUpdate(conflictingInserts(2, 6), small).ok).toBe(false);

		const deletes = (ranges: number, clock = 0, len = 1) => {
			const e = encoding.createEncoder();
			encoding.writeVarUint(e, 0);
			encoding.writeVarUint(e, 1);
			encoding.writeVarUint(e, 77);
			encoding.writeVarUint(e, ranges);
			for (let i = 0; i < ranges; i++) {
				encoding.writeVarUint(e, clock + i * 2);
				encoding.writeVarUint(e, len);
			}
			return encoding.toUint8Array(e);
		};
		expect(inspectUpdate(deletes(3), small).ok).toBe(true);
		expect(inspectUpdate(deletes(4), small).ok).toBe(false);
		expect(inspectUpdate(deletes(1, MAX_CLOCK), small).ok).toBe(false);
		expect(inspectUpdate(deletes(1, 0, MAX_CLOCK + 1), small).ok).toBe(false);
	});

	test('the worst update within the limits applies in bounded time', () => {
		const update = conflictingInserts(
			limits.maxClientsPerUpdate,
			limits.maxStructsPerUpdate / limits.maxClientsPerUpdate
		);
		expect(update.byteLength).toBeLessThan(limits.maxFrameBytes);
		const started = performance.now();
		expect(inspectUpdate(update, limits)).toMatchObject({ ok: true });
		const doc = new Y.Doc();
		Y.applyUpdate(doc, update);
		expect(doc.getText('t').length).toBe(limits.maxStructsPerUpdate);
		expect(performance.now() - started).toBeLessThan(3_000);
	});
});

describe('ShadowDoc', () => {
	test('plain Yjs changes the document before throwing on these updates', () => {
		// Why the replica exists: Yjs has no rollback.
		for (const update of partiallyApplyingUpdates()) {
			const doc = baseDocument();
			const before = Y.encodeStateAsUpdate(doc);
			expect(inspectUpdate(update, limits)).toMatchObject({ ok: true });
			expect(() => Y.applyUpdate(doc, update)).toThrow();
			expect(Y.encodeStateAsUpdate(doc)).not.toEqual(before);
		}
	});

	test('a failed rehearsal leaves the real document alone and the replica realigned', () => {
		const doc = baseDocument();
		const before = Y.encodeStateAsUpdate(doc);
		const shadow = new ShadowDoc(doc);
		for (const update of partiallyApplyingUpdates()) {
			expect(shadow.tryApply(update).ok).toBe(false);
			expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		}
		expect(shadow.encodedSize()).toBe(before.byteLength);

		const other = new Y.Doc();
		Y.applyUpdate(other, before);
		other.getText('t').insert(0, 'ok ');
		const good = Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc));
		expect(shadow.tryApply(good)).toMatchObject({ ok: true });
		Y.applyUpdate(doc, good);
		expect(shadow.encodedSize()).toBe(Y.encodeStateAsUpdate(doc).byteLength);
		shadow.destroy();
	});
});

describe('isIntegrated', () => {
	function extentOf(update: Uint8Array) {
		const inspected = inspectUpdate(update, limits);
		if (!inspected.ok) throw new Error(inspected.reason);
		return inspected.extent;
	}

	test('an update whose structs and deletions all landed is integrated, again and again', () => {
		const source = new Y.Doc();
		source.getText('t').insert(0, 'abc');
		source.getText('t').delete(0, 1);
		const update = Y.encodeStateAsUpdate(source);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, update);
		expect(isIntegrated(extentOf(update), doc)).toBe(true);
		Y.applyUpdate(doc, update);
		expect(isIntegrated(extentOf(update), doc)).toBe(true);
	});

	test('a struct waiting for its origin, or a deletion of an unknown item, is not', () => {
		const source = new Y.Doc();
		source.getText('t').insert(0, 'ab');
		const skipped = Y.encodeStateVector(source);
		source.getText('t').insert(2, 'c');
		const dependent = Y.encodeStateAsUpdate(source, skipped);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, dependent);
		expect(doc.store.pendingStructs).not.toBeNull();
		expect(isIntegrated(extentOf(dependent), doc)).toBe(false);

		const deleter = new Y.Doc();
		deleter.getText('t').insert(0, 'xyz');
		const known = Y.encodeStateVector(deleter);
		deleter.getText('t').delete(0, 1);
		const deletion = Y.encodeStateAsUpdate(deleter, known);
		const other = new Y.Doc();
		Y.applyUpdate(other, deletion);
		expect(other.store.pendingDs).not.toBeNull();
		expect(isIntegrated(extentOf(deletion), other)).toBe(false);
	});

	test('a rehearsal hands back the transaction that applied the update', () => {
		const doc = new Y.Doc();
		const shadow = new ShadowDoc(doc);
		const source = new Y.Doc();
		source.getMap('values').set('k', 1);
		const rehearsal = shadow.tryApply(Y.encodeStateAsUpdate(source));
		if (!rehearsal.ok) throw new Error(rehearsal.reason);
		expect([...rehearsal.transaction.changed.keys()]).toEqual([
			rehearsal.replica.share.get('values')
		]);
		shadow.destroy();
	});
});
