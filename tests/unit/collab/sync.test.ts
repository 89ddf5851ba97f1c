import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	retryableAssertion,
	sheetName,
	startCollabHarness,
	type Harness
} from '../../helpers/collab-harness';

let harness: Harness;
beforeEach(async () => {
	harness = await startCollabHarness();
});
afterEach(async () => {
	await harness.teardown();
});

function state(doc: Y.Doc) {
	return {
		text: doc.getText('goal').toString(),
		choices: doc.getMap('choices').toJSON(),
		rows: doc.getArray<Y.Map<unknown>>('rows').toJSON(),
		rich: doc.getXmlFragment('notes').toString()
	};
}

describe('two providers on one document', () => {
	test('converge on concurrent edits of every shared type a sheet uses', async () => {
		const room = sheetName();
		const a = harness.connect(room, 'mentor');
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);

		// Interleaved edits on both sides without waiting for each other.
		a.doc.getText('goal').insert(0, 'Mentor writes. ');
		b.doc.getText('goal').insert(0, 'Mentee writes. ');
		a.doc.getMap('choices').set('phase', 'BR');
		b.doc.getMap('choices').set('consent', true);
		b.doc.getMap('choices').set('phase', 'SD');
		a.doc.transact(() => {
			const row = new Y.Map<unknown>();
			row.set('action', 'plan session');
			a.doc.getArray<Y.Map<unknown>>('rows').push([row]);
		});
		b.doc.transact(() => {
			const row = new Y.Map<unknown>();
			row.set('action', 'read article');
			b.doc.getArray<Y.Map<unknown>>('rows').insert(0, [row]);
		});
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Rich text from the mentor')]);
		a.doc.getXmlFragment('notes').insert(0, [paragraph]);
		const heading = new Y.XmlElement('heading');
		heading.insert(0, [new Y.XmlText('Heading from the mentee')]);
		b.doc.getXmlFragment('notes').insert(0, [heading]);

		await retryableAssertion(() => {
			expect(state(a.doc)).toEqual(state(b.doc));
			expect(a.doc.getArray('rows').length).toBe(2);
			expect(a.doc.getXmlFragment('notes').length).toBe(2);
			expect(a.doc.getText('goal').length).toBe('Mentor writes. Mentee writes. '.length);
			expect(Object.keys(a.doc.getMap('choices').toJSON()).sort()).toEqual(['consent', 'phase']);
		});
	});

	test('a client connecting later receives the full state', async () => {
		const room = sheetName();
		const a = harness.connect(room, 'mentor');
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);
		a.doc.getText('goal').insert(0, 'hello');
		b.doc.getMap('choices').set('agreed', 'yes');
		await retryableAssertion(() => expect(state(a.doc)).toEqual(state(b.doc)));

		const c = harness.connect(room, 'mentor');
		await c.synced();
		await retryableAssertion(() => {
			expect(state(c.doc)).toEqual(state(a.doc));
			expect(c.doc.getText('goal').toString()).toBe('hello');
		});
		expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(a.doc));
	});

	test('offline edits made before connecting reach the server and the other side', async () => {
		const room = sheetName();
		const offline = new Y.Doc();
		offline.getText('goal').insert(0, 'written offline');
		const a = harness.connect(room, 'mentor', offline);
		const b = harness.connect(room, 'mentee');
		await Promise.all([a.synced(), b.synced()]);
		await retryableAssertion(() =>
			expect(b.doc.getText('goal').toString()).toBe('written offline')
		);
	});
});
