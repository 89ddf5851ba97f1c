import { describe, expect, it } from 'vitest';
import { fieldsOf, getTemplate } from '$lib/domain/templates';
import { messageParts } from '$lib/server/messages/text';
import { readLiveEvent } from '$lib/shared/live';
import { parseLiveEvent } from '$lib/shared/live-events';

const PAIR = '00000000-0000-4000-8000-000000000001';

describe('message text', () => {
	it('keeps markup as text: nothing in a body becomes HTML', () => {
		expect(messageParts('<img src=x onerror=alert(1)>', PAIR)).toEqual([
			{ t: 'text', text: '<img src=x onerror=alert(1)>' }
		]);
	});

	it('makes http and https links clickable, and nothing else', () => {
		const parts = messageParts(
			'a https://example.org/x?y=1. b javascript:alert(1) c data:text/html,x d (http://e.org/p_(1))',
			PAIR
		);
		expect(parts.filter((p) => p.t === 'link')).toEqual([
			{ t: 'link', href: 'https://example.org/x?y=1', text: 'https://example.org/x?y=1' },
			{ t: 'link', href: 'http://e.org/p_(1)', text: 'http://e.org/p_(1)' }
		]);
		expect(parts.map((p) => p.text).join('')).toBe(
			'a https://example.org/x?y=1. b javascript:alert(1) c data:text/html,x d (http://e.org/p_(1))'
		);
	});

	it('links mentions of the pair’s sheets and fields; unknown ones stay text', () => {
		const parts = messageParts('Zie #ps1 en #01-agreement/nope en #bestaat-niet.', PAIR);
		expect(parts).toEqual([
			{ t: 'text', text: 'Zie ' },
			expect.objectContaining({ t: 'mention', text: '#ps1', href: `/pairs/${PAIR}/sheets/PS1` }),
			{ t: 'text', text: ' en ' },
			expect.objectContaining({
				t: 'mention',
				text: '#01-agreement',
				href: `/pairs/${PAIR}/sheets/01-agreement`
			}),
			{ t: 'text', text: '/nope en #bestaat-niet.' }
		]);
	});

	it('links a field mention to the field', () => {
		const [, mention] = messageParts('zie #01-agreement/' + firstFieldOf01(), PAIR);
		expect(mention).toEqual(
			expect.objectContaining({
				t: 'mention',
				href: `/pairs/${PAIR}/sheets/01-agreement#f-${firstFieldOf01()}`
			})
		);
	});

	it('a hash inside a word is not a mention', () => {
		expect(messageParts('abc#PS1', PAIR)).toEqual([{ t: 'text', text: 'abc#PS1' }]);
	});
});

describe('live events', () => {
	it('parses what the server sends and drops anything else', () => {
		expect(parseLiveEvent('{"type":"unread","total":2,"byPair":{"p":2}}')).toEqual({
			type: 'unread',
			total: 2,
			byPair: { p: 2 }
		});
		expect(parseLiveEvent('{"type":"unread","total":-1,"byPair":{}}')).toBeNull();
		expect(parseLiveEvent('{"type":"shell","cmd":"x"}')).toBeNull();
		expect(parseLiveEvent('not json')).toBeNull();
	});

	it('the browser’s light check keeps what it branches on and drops the rest', () => {
		expect(readLiveEvent('{"type":"unread","total":2,"byPair":{}}')).toEqual({
			type: 'unread',
			total: 2,
			byPair: {}
		});
		expect(readLiveEvent('{"type":"message","action":"posted","message":{"id":"a"}}')).toBeNull();
		expect(readLiveEvent('{"type":"read","pairId":"p","userId":"u"}')).toBeNull();
		expect(readLiveEvent('[]')).toBeNull();
		expect(readLiveEvent('{')).toBeNull();
	});
});

function firstFieldOf01(): string {
	return fieldsOf(getTemplate('01-agreement')!)[0].key;
}
