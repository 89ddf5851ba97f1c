import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DELETED_PARTICIPANT, docStrings, scrubDoc } from '$lib/server/rights/scrub-doc';

const NAME = 'Zoë Wissel';
const ID = '5b0c3a59-6a0f-4f6e-9a59-0c6d1f7c2f11';
const needles = [NAME, 'zoe@example.org', ID];

function typed(doc: Y.Doc) {
	// Typed letter by letter by two clients, so the name is split over several items.
	const text = doc.getText('goals');
	for (const ch of `Met ${NAME}.`) text.insert(text.length, ch);
	text.format(0, 3, { bold: true });
	const fragment = doc.getXmlFragment('notes');
	const paragraph = new Y.XmlElement('paragraph');
	fragment.insert(0, [paragraph]);
	paragraph.setAttribute('data-author', ID);
	paragraph.insert(0, [new Y.XmlText(`Mail ZOE@example.org of ${NAME.toUpperCase()}`)]);
	const thread = new Y.Map<unknown>();
	doc.getMap('comments').set('t1', thread);
	thread.set('authorId', ID);
	thread.set('authorName', NAME);
	thread.set('replies', Y.Array.from([{ id: 'r', authorId: ID, authorName: NAME, text: 'ok' }]));
	doc.getMap('values').set('agree.mentee', { value: 'agree', by: ID });
	doc.getArray('rows').push([{ who: NAME }, 'plain']);
}

/** A document as the server loads it: from bytes, its roots known only as AbstractType. */
const reload = (doc: Y.Doc) => {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
};

describe('scrubDoc', () => {
	it('replaces the name, e-mail and id everywhere and leaves the rest', () => {
		const original = new Y.Doc();
		typed(original);
		const doc = reload(original);
		expect(scrubDoc(doc, needles)).toBeGreaterThan(0);
		const text = docStrings(reload(doc));
		for (const needle of needles) expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
		expect(doc.getText('goals').toString()).toBe(`Met ${DELETED_PARTICIPANT}.`);
		expect(doc.getText('goals').toDelta()[0]).toEqual({
			insert: 'Met',
			attributes: { bold: true }
		});
		expect(text).toContain('plain');
		// The bytes hold nothing either: deleted content is garbage-collected.
		const bytes = new TextDecoder().decode(Y.encodeStateAsUpdate(doc));
		for (const needle of needles) expect(bytes.toLowerCase()).not.toContain(needle.toLowerCase());
	});

	it('reaches an open editor as an ordinary update', () => {
		const editor = new Y.Doc();
		typed(editor);
		const server = reload(editor);
		const before = Y.encodeStateVector(server);
		scrubDoc(server, needles);
		Y.applyUpdate(editor, Y.encodeStateAsUpdate(server, before));
		expect(editor.getText('goals').toString()).toBe(`Met ${DELETED_PARTICIPANT}.`);
		// The editor's old state, sent again, brings nothing back.
		Y.applyUpdate(server, Y.encodeStateAsUpdate(editor));
		expect(docStrings(server)).not.toContain(NAME);
	});

	it('is idempotent and ignores needles too short to mean anything', () => {
		const doc = new Y.Doc();
		typed(doc);
		scrubDoc(doc, needles);
		expect(scrubDoc(doc, needles)).toBe(0);
		expect(scrubDoc(doc, ['', 'a'])).toBe(0);
	});
});
