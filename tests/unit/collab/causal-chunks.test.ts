import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { causalChunks } from '$lib/server/collab/causal-chunks';
import { buildDocument } from '../../bench/shared';

/**
 * A large document is built on the main thread from these pieces, one per turn of the event loop,
 * so each must integrate completely when the ones before it are in, and together they must be
 * the document: the same content, the same state vector, the same deletions.
 */

const PROPERTY_TIMEOUT_MS = 60_000;

/** Applies the chunks in order to a fresh document, checking nothing waits after each. */
function rebuild(chunks: readonly Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const [index, chunk] of chunks.entries()) {
		Y.applyUpdate(doc, chunk);
		expect(doc.store.pendingStructs, `chunk ${index} left structs pending`).toBeNull();
		expect(doc.store.pendingDs, `chunk ${index} left deletions pending`).toBeNull();
	}
	return doc;
}

function expectSame(actual: Y.Doc, expected: Y.Doc): void {
	expect(Y.encodeStateVector(actual)).toEqual(Y.encodeStateVector(expected));
	expect(
		Y.equalDeleteSets(
			Y.createDeleteSetFromStructStore(actual.store),
			Y.createDeleteSetFromStructStore(expected.store)
		)
	).toBe(true);
	// The roots the tests write: rich text, a map with nested types, paragraphs.
	expect(actual.getText('t').toDelta()).toEqual(expected.getText('t').toDelta());
	expect(actual.getMap('m').toJSON()).toEqual(expected.getMap('m').toJSON());
	expect(actual.getXmlFragment('x').toString()).toEqual(expected.getXmlFragment('x').toString());
}

/** The document as the worker holds it: built from the stored state, garbage-collected. */
function loaded(source: Y.Doc): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
	return doc;
}

/** The benchmark's document: four writers taking turns at random places, about `bytes` long. */
function typedByFour(bytes: number): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, buildDocument(bytes, 7));
	return doc;
}

type Op =
	| { kind: 'insert'; at: number; text: string }
	| { kind: 'delete'; at: number; length: number }
	| { kind: 'bold'; at: number; length: number }
	| { kind: 'set'; key: string; value: number }
	| { kind: 'nested'; key: string; text: string }
	| { kind: 'nestedSet'; key: string; field: string; value: number }
	| { kind: 'paragraph'; text: string }
	| { kind: 'unparagraph'; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant('insert' as const),
		at: fc.nat(),
		text: fc.string({ minLength: 1, maxLength: 12 })
	}),
	fc.record({
		kind: fc.constant('delete' as const),
		at: fc.nat(),
		length: fc.integer({ min: 1, max: 6 })
	}),
	fc.record({
		kind: fc.constant('bold' as const),
		at: fc.nat(),
		length: fc.integer({ min: 1, max: 6 })
	}),
	fc.record({
		kind: fc.constant('set' as const),
		key: fc.constantFrom('a', 'b', 'c'),
		value: fc.integer()
	}),
	fc.record({
		kind: fc.constant('nested' as const),
		key: fc.constantFrom('x', 'y'),
		text: fc.string({ minLength: 1, maxLength: 8 })
	}),
	fc.record({
		kind: fc.constant('nestedSet' as const),
		key: fc.constantFrom('x', 'y'),
		field: fc.constantFrom('p', 'q'),
		value: fc.integer()
	}),
	fc.record({ kind: fc.constant('paragraph' as const), text: fc.string({ maxLength: 8 }) }),
	fc.record({ kind: fc.constant('unparagraph' as const), at: fc.nat() })
);

/** Several people editing the same document, syncing now and then, in the order they did. */
function play(steps: { who: number; ops: Op[]; sync: boolean }[]): Y.Doc {
	const people = [1, 2, 3].map((id) => {
		const doc = new Y.Doc();
		doc.clientID = id;
		return doc;
	});
	const syncAll = () => {
		for (const from of people) {
			for (const to of people) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
		}
	};
	for (const step of steps) {
		const doc = people[step.who];
		doc.transact(() => {
			for (const change of step.ops) {
				const text = doc.getText('t');
				const map = doc.getMap<unknown>('m');
				const xml = doc.getXmlFragment('x');
				switch (change.kind) {
					case 'insert':
						text.insert(change.at % (text.length + 1), change.text);
						break;
					case 'delete':
						if (text.length > 0) {
							const at = change.at % text.length;
							text.delete(at, Math.min(change.length, text.length - at));
						}
						break;
					case 'bold':
						if (text.length > 0) {
							const at = change.at % text.length;
							text.format(at, Math.min(change.length, text.length - at), { bold: true });
						}
						break;
					case 'set':
						map.set(change.key, change.value);
						break;
					case 'nested': {
						let inner = map.get(change.key);
						if (!(inner instanceof Y.Map)) {
							inner = new Y.Map<unknown>();
							map.set(change.key, inner);
						}
						const field = (inner as Y.Map<unknown>).get('text');
						if (field instanceof Y.Text) field.insert(field.length, change.text);
						else (inner as Y.Map<unknown>).set('text', new Y.Text(change.text));
						break;
					}
					case 'nestedSet': {
						// Often the first entry someone else's nested map gets: its parent is that item.
						const inner = map.get(change.key);
						if (inner instanceof Y.Map) inner.set(change.field, change.value);
						break;
					}
					case 'paragraph': {
						const paragraph = new Y.XmlElement('paragraph');
						paragraph.insert(0, [new Y.XmlText(change.text)]);
						xml.insert(xml.length, [paragraph]);
						break;
					}
					case 'unparagraph':
						if (xml.length > 0) xml.delete(change.at % xml.length, 1);
						break;
				}
			}
		});
		if (step.sync) syncAll();
	}
	syncAll();
	return people[0];
}

describe('causalChunks', () => {
	test('a document typed by four writers at random places comes back whole, piece by piece', () => {
		const source = typedByFour(100_000);
		const doc = loaded(source);
		const chunks = causalChunks(Y, doc, 2_000);
		expect(chunks.length).toBeGreaterThan(10);
		expectSame(rebuild(chunks), source);
	});

	test('each piece stays near the budget; the last holds only the deletions', () => {
		const doc = loaded(typedByFour(100_000));
		const chunks = causalChunks(Y, doc, 4_000);
		const structs = chunks.map((chunk) => Y.decodeUpdate(chunk));
		for (const piece of structs.slice(0, -1)) {
			const length = piece.structs.reduce((sum, struct) => sum + struct.length + 8, 0);
			expect(length).toBeLessThan(4_000 + 400);
			expect(piece.ds.clients.size).toBe(0);
		}
		expect(structs.at(-1)!.structs).toHaveLength(0);
		expect(structs.at(-1)!.ds.clients.size).toBeGreaterThan(0);
	});

	test('a budget larger than the document gives one piece of structs and one of deletions', () => {
		const source = typedByFour(5_000);
		const chunks = causalChunks(Y, loaded(source), 10_000_000);
		expect(chunks).toHaveLength(2);
		expectSame(rebuild(chunks), source);
	});

	test('an empty document gives only the (empty) delete set', () => {
		const chunks = causalChunks(Y, new Y.Doc(), 1_000);
		expect(chunks).toHaveLength(1);
		const doc = rebuild(chunks);
		expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
	});

	test('its source text runs on its own, as the decoder runs it on a worker', () => {
		const source = typedByFour(25_000);
		const doc = loaded(source);
		const copy = new Function(`return (${causalChunks.toString()})`)() as typeof causalChunks;
		const chunks = copy(Y, doc, 3_000);
		expect(chunks).toEqual(causalChunks(Y, doc, 3_000));
		expectSame(rebuild(chunks), source);
	});

	test(
		'property: any interleaving of people editing text, marks, maps, nested types and paragraphs',
		() => {
			fc.assert(
				fc.property(
					fc.array(
						fc.record({
							who: fc.integer({ min: 0, max: 2 }),
							ops: fc.array(op, { minLength: 1, maxLength: 8 }),
							sync: fc.boolean()
						}),
						{ minLength: 1, maxLength: 30 }
					),
					fc.integer({ min: 1, max: 200 }),
					(steps, budget) => {
						const source = play(steps);
						expectSame(rebuild(causalChunks(Y, loaded(source), budget)), source);
					}
				),
				{ numRuns: 2_000 }
			);
		},
		PROPERTY_TIMEOUT_MS
	);
});
