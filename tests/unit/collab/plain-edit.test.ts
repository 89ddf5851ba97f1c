import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_COLLAB_LIMITS } from '$lib/shared/collab';
import {
	ShadowDoc,
	inspectUpdate,
	isIntegrated,
	isPlainEdit,
	type ReviewedRoots
} from '$lib/server/collab/update-validation';
import { baseDocument, bitFlipped, hostileUpdates, partiallyApplyingUpdates } from './fixtures';

/**
 * `isPlainEdit` lets an update skip the rehearsal on the replica, so "true" must mean: applying it
 * cannot throw, leaves nothing pending, and changes nothing under a reviewed root or respondent
 * entry. These tests hold it to that, including for mutated and hand-made hostile bytes.
 */

/** About 2 s each on a quiet machine; the test command runs them beside the type check and lint. */
const PROPERTY_TIMEOUT_MS = 60_000;

const ROOTS: ReviewedRoots = {
	reviewed: ['comments'],
	values: 'values',
	respondentEntries: new Map([['agree.mentor', 'mentor']])
};

/** The server's copy of a sheet: rich text, plain text, values and a comment thread. */
function serverDoc(): Y.Doc {
	const doc = baseDocument();
	Y.transact(doc, () => {
		doc.getText('note').insert(0, 'plain text field');
		const values = doc.getMap<unknown>('values');
		values.set('date', '2026-11-30');
		values.set('agree.mentor', { value: 'agree' });
		const thread = new Y.Map<unknown>();
		thread.set('text', 'a remark');
		doc.getMap<unknown>('comments').set('thread-1', thread);
	});
	return doc;
}

/** A client that has synced with `server`, and the update its edit produces. */
function edit(server: Y.Doc, change: (client: Y.Doc) => void, clientId = 77): Uint8Array {
	const client = new Y.Doc();
	client.clientID = clientId;
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	return Y.encodeStateAsUpdate(client, before);
}

function plain(server: Y.Doc, update: Uint8Array): boolean {
	const inspected = inspectUpdate(update, DEFAULT_COLLAB_LIMITS);
	return inspected.ok && isPlainEdit(inspected.decoded, server, ROOTS);
}

function paragraph(client: Y.Doc): Y.XmlText {
	const p = client.getXmlFragment('x').get(0) as Y.XmlElement;
	return p.get(0) as Y.XmlText;
}

describe('isPlainEdit: the everyday edits', () => {
	const cases: Record<string, (client: Y.Doc) => void> = {
		'typing in the middle of a text': (c) => c.getText('t').insert(5, ', dear'),
		'typing at the end of a text': (c) => c.getText('t').insert(11, '!'),
		'typing at the start of a text': (c) => c.getText('t').insert(0, '> '),
		'a word typed letter by letter in one update': (c) => {
			for (const [i, ch] of [...'word'].entries()) c.getText('note').insert(i, ch);
		},
		'deleting characters': (c) => c.getText('t').delete(0, 6),
		'typing in rich text': (c) => paragraph(c).insert(4, ' text'),
		'making rich text bold': (c) => paragraph(c).format(0, 4, { bold: true }),
		'an attribute of an element': (c) =>
			(c.getXmlFragment('x').get(0) as Y.XmlElement).setAttribute('class', 'lead'),
		'a plain value': (c) => c.getMap('values').set('date', '2026-12-01'),
		'a new plain value': (c) => c.getMap('values').set('count', 3),
		'a cell of a table row': (c) => (c.getArray('rows').get(0) as Y.Map<unknown>).set('k', 'w'),
		'the first text of a field nobody opened yet (a new root)': (c) =>
			c.getText('brand-new').insert(0, 'xy')
	};
	for (const [name, change] of Object.entries(cases)) {
		test(name, () => {
			const server = serverDoc();
			expect(plain(server, edit(server, change))).toBe(true);
		});
	}
});

describe('isPlainEdit: what must be rehearsed', () => {
	const cases: Record<string, (client: Y.Doc) => void> = {
		'a new paragraph (a new type)': (c) => c.getXmlFragment('x').insert(1, [new Y.XmlElement('p')]),
		'a new table row': (c) => c.getArray('rows').push([new Y.Map()]),
		'a new comment thread': (c) => c.getMap('comments').set('thread-2', new Y.Map()),
		'a change inside a comment thread': (c) =>
			(c.getMap('comments').get('thread-1') as Y.Map<unknown>).set('text', 'changed'),
		'deleting a comment thread': (c) => c.getMap('comments').delete('thread-1'),
		'a respondent answer': (c) => c.getMap('values').set('agree.mentor', { value: 'disagree' }),
		'clearing a respondent answer': (c) => c.getMap('values').delete('agree.mentor'),
		'a respondent answer beside typing': (c) => {
			c.getText('t').insert(0, 'x');
			c.getMap('values').set('agree.mentor', { value: 'disagree' });
		}
	};
	for (const [name, change] of Object.entries(cases)) {
		test(name, () => {
			const server = serverDoc();
			expect(plain(server, edit(server, change))).toBe(false);
		});
	}

	test('the first comment or value of a document that has none yet', () => {
		const server = baseDocument();
		expect(
			plain(
				server,
				edit(server, (c) => c.getMap('comments').set('t1', 'x'))
			)
		).toBe(false);
		expect(
			plain(
				server,
				edit(server, (c) => c.getMap('values').set('date', 'x'))
			)
		).toBe(false);
		expect(
			plain(
				server,
				edit(server, (c) => c.getText('fresh').insert(0, 'x'))
			)
		).toBe(true);
	});

	test('an update the server already has, and one with a gap before it', () => {
		const server = serverDoc();
		const client = new Y.Doc();
		client.clientID = 77;
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const start = Y.encodeStateVector(client);
		client.getText('t').insert(0, 'a');
		const first = Y.encodeStateAsUpdate(client, start);
		const middle = Y.encodeStateVector(client);
		client.getText('t').insert(1, 'b');
		const second = Y.encodeStateAsUpdate(client, middle);
		expect(plain(server, second)).toBe(false);
		expect(plain(server, first)).toBe(true);
		Y.applyUpdate(server, first);
		expect(plain(server, first)).toBe(false);
		expect(plain(server, second)).toBe(true);
	});

	test('an edit that refers to text the server does not have', () => {
		const server = serverDoc();
		const other = new Y.Doc();
		other.clientID = 55;
		Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
		other.getText('t').insert(0, 'unseen ');
		const client = new Y.Doc();
		client.clientID = 77;
		Y.applyUpdate(client, Y.encodeStateAsUpdate(other));
		const before = Y.encodeStateVector(client);
		client.getText('t').insert(3, 'x'); // inside "unseen": its origins are client 55's
		expect(plain(server, Y.encodeStateAsUpdate(client, before))).toBe(false);
	});

	test('an item whose parent is a character, not a type', () => {
		const server = serverDoc();
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1); // one client
		encoding.writeVarUint(e, 1); // one struct
		encoding.writeVarUint(e, 77);
		encoding.writeVarUint(e, 0);
		encoding.writeUint8(e, 4); // string content, no origins: parent follows
		encoding.writeVarUint(e, 0); // parent by id
		encoding.writeVarUint(e, 1); // client 1, clock 0: the "h" of "hello world"
		encoding.writeVarUint(e, 0);
		encoding.writeVarString(e, 'x');
		encoding.writeVarUint(e, 0); // no deletions
		expect(plain(server, encoding.toUint8Array(e))).toBe(false);
	});

	test('hostile updates and the updates that fail halfway', () => {
		const server = serverDoc();
		const base = baseDocument();
		for (const update of [...Object.values(hostileUpdates()), ...partiallyApplyingUpdates()]) {
			expect(plain(server, update)).toBe(false);
			expect(plain(base, update)).toBe(false);
		}
	});
});

/**
 * A check for many updates against one server state: an update the gate accepts is applied to a
 * fresh copy of that state, and must not throw, must leave nothing pending and must change no
 * guarded entry. The gate itself reads one copy for every update (the server runs it on the live
 * document, which it must not change); `unchanged` says whether that copy still holds the state.
 */
function safetyCheck(server: Y.Doc) {
	const state = Y.encodeStateAsUpdate(server);
	const copyOf = () => {
		const copy = new Y.Doc({ gc: true });
		Y.applyUpdate(copy, state);
		return copy;
	};
	const read = copyOf();
	const check = (update: Uint8Array): boolean => {
		const inspected = inspectUpdate(update, DEFAULT_COLLAB_LIMITS);
		if (!inspected.ok || !isPlainEdit(inspected.decoded, read, ROOTS)) return false;
		const copy = copyOf();
		const comments = JSON.stringify(copy.getMap('comments').toJSON());
		const answer = JSON.stringify(copy.getMap('values').get('agree.mentor'));
		expect(() => Y.applyUpdate(copy, update)).not.toThrow();
		expect(copy.store.pendingStructs).toBeNull();
		expect(copy.store.pendingDs).toBeNull();
		expect(isIntegrated(inspected.extent, copy)).toBe(true);
		expect(JSON.stringify(copy.getMap('comments').toJSON())).toBe(comments);
		expect(JSON.stringify(copy.getMap('values').get('agree.mentor'))).toBe(answer);
		return true;
	};
	const unchanged = () => Buffer.from(Y.encodeStateAsUpdate(read)).equals(Buffer.from(state));
	return { check, unchanged };
}

describe('isPlainEdit: "true" is safe', () => {
	test(
		'random bit flips of real edits: every accepted one applies cleanly',
		() => {
			const server = serverDoc();
			const sources = [
				edit(server, (c) => c.getText('t').insert(5, ', dear')),
				edit(server, (c) => paragraph(c).format(0, 4, { bold: true })),
				edit(server, (c) => c.getText('t').delete(0, 6)),
				edit(server, (c) => c.getMap('values').set('date', '2026-12-01')),
				edit(server, (c) => c.getMap('comments').delete('thread-1')),
				edit(server, (c) => c.getXmlFragment('x').insert(1, [new Y.XmlElement('p')]))
			];
			const { check, unchanged } = safetyCheck(server);
			let accepted = 0;
			fc.assert(
				fc.property(bitFlipped(sources, 3), (update) => {
					if (check(update)) accepted++;
				}),
				{ numRuns: 20000, seed: 15 }
			);
			// The property must have been exercised: some mutants stay plain edits (a changed letter).
			expect(accepted).toBeGreaterThan(100);
			expect(unchanged()).toBe(true);
		},
		PROPERTY_TIMEOUT_MS
	);
});

/** One struct of a hand-made V1 update: references chosen at random, often near the real ones. */
interface RandomStruct {
	origin: [number, number] | null;
	right: [number, number] | null;
	parent: { root: string } | { id: [number, number] };
	parentSub: string | null;
	content: 'string' | 'format' | 'any' | 'deleted' | 'type';
}

const clientArb = fc.constantFrom(1, 55, 77);
const idArb = fc.tuple(clientArb, fc.integer({ min: 0, max: 48 }));
const structArb: fc.Arbitrary<RandomStruct> = fc.record({
	origin: fc.option(idArb),
	right: fc.option(idArb),
	parent: fc.oneof(
		fc.record({ root: fc.constantFrom('t', 'x', 'note', 'values', 'comments', 'rows', 'new') }),
		fc.record({ id: idArb })
	),
	parentSub: fc.option(fc.constantFrom('date', 'agree.mentor', 'k', 'text')),
	content: fc.constantFrom('string', 'format', 'any', 'deleted', 'type')
});

function encodeRandomUpdate(
	groups: { client: number; clock: number; structs: RandomStruct[] }[],
	deletions: { client: number; clock: number; len: number }[]
): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, groups.length);
	for (const group of groups) {
		encoding.writeVarUint(e, group.structs.length);
		encoding.writeVarUint(e, group.client);
		encoding.writeVarUint(e, group.clock);
		for (const struct of group.structs) {
			const ref = { deleted: 1, string: 4, format: 6, type: 7, any: 8 }[struct.content];
			const hasOrigins = struct.origin !== null || struct.right !== null;
			const info =
				ref |
				(struct.origin ? 0x80 : 0) |
				(struct.right ? 0x40 : 0) |
				(!hasOrigins && struct.parentSub !== null ? 0x20 : 0);
			encoding.writeUint8(e, info);
			for (const id of [struct.origin, struct.right]) {
				if (id) {
					encoding.writeVarUint(e, id[0]);
					encoding.writeVarUint(e, id[1]);
				}
			}
			if (!hasOrigins) {
				if ('root' in struct.parent) {
					encoding.writeVarUint(e, 1);
					encoding.writeVarString(e, struct.parent.root);
				} else {
					encoding.writeVarUint(e, 0);
					encoding.writeVarUint(e, struct.parent.id[0]);
					encoding.writeVarUint(e, struct.parent.id[1]);
				}
				if (struct.parentSub !== null) encoding.writeVarString(e, struct.parentSub);
			}
			if (struct.content === 'string') encoding.writeVarString(e, 'xy');
			if (struct.content === 'deleted') encoding.writeVarUint(e, 2);
			if (struct.content === 'type') encoding.writeVarUint(e, 1); // a Y.Map
			if (struct.content === 'format') {
				encoding.writeVarString(e, 'bold');
				encoding.writeVarString(e, 'true');
			}
			if (struct.content === 'any') {
				encoding.writeVarUint(e, 1);
				encoding.writeAny(e, { value: 'agree' });
			}
		}
	}
	encoding.writeVarUint(e, deletions.length);
	for (const d of deletions) {
		encoding.writeVarUint(e, d.client);
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, d.clock);
		encoding.writeVarUint(e, d.len);
	}
	return encoding.toUint8Array(e);
}

describe('isPlainEdit: hand-made updates with random references', () => {
	test(
		'every update it accepts applies cleanly and leaves guarded entries alone',
		() => {
			const server = serverDoc();
			// A second client's text, so origins on client 55 exist too.
			const other = edit(server, (c) => c.getText('t').insert(3, 'OTHER'), 55);
			Y.applyUpdate(server, other);
			const { check, unchanged } = safetyCheck(server);
			let accepted = 0;
			fc.assert(
				fc.property(
					fc.array(
						fc.record({
							client: clientArb,
							// Mostly exactly where the server's state of that client ends.
							clock: fc.option(fc.integer({ min: 0, max: 48 }), { freq: 1 }),
							structs: fc.array(structArb, { minLength: 1, maxLength: 3 })
						}),
						{ minLength: 1, maxLength: 2 }
					),
					fc.array(
						fc.record({
							client: clientArb,
							clock: fc.integer({ min: 0, max: 48 }),
							len: fc.integer({ min: 0, max: 6 })
						}),
						{ maxLength: 2 }
					),
					(groups, deletions) => {
						const unique = groups.filter(
							(g, i) => groups.findIndex((h) => h.client === g.client) === i
						);
						const del = deletions.filter(
							(d, i) => deletions.findIndex((x) => x.client === d.client) === i
						);
						const placed = unique.map((g) => ({
							...g,
							clock: g.clock ?? Y.getState(server.store, g.client)
						}));
						if (check(encodeRandomUpdate(placed, del))) accepted++;
					}
				),
				{ numRuns: 20000, seed: 15 }
			);
			expect(accepted).toBeGreaterThan(100);
			expect(unchanged()).toBe(true);
		},
		PROPERTY_TIMEOUT_MS
	);
});

describe('ShadowDoc.defer', () => {
	test('the replica catches up before the next rehearsal, and on its own', async () => {
		const main = serverDoc();
		const shadow = new ShadowDoc(main);
		const typing = edit(main, (c) => c.getText('t').insert(0, 'A'));
		Y.applyUpdate(main, typing);
		shadow.defer(typing);
		const next = edit(main, (c) => c.getText('t').insert(1, 'B'));
		const rehearsal = shadow.tryApply(next);
		expect(rehearsal.ok && rehearsal.replica.getText('t').toString()).toBe('ABhello world');
		Y.applyUpdate(main, next);

		const more = edit(main, (c) => c.getText('t').insert(2, 'C'));
		Y.applyUpdate(main, more);
		shadow.defer(more);
		await expect
			.poll(() => shadow.encodedSize() === Y.encodeStateAsUpdate(main).byteLength)
			.toBe(true);
		shadow.destroy();
	});
});
