/**
 * House rules for the two message files (docs/glossary.md): both languages have the same keys and
 * placeholders, Dutch addresses people as "je", no English is left in the Dutch file, no spacing
 * slips, and no internal key (template key, phase code, raw message key) is shown as a label.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { templates, type LocalizedText } from '../../src/lib/domain/templates';

type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
type Value = string | Variant[];
type Messages = Record<string, Value>;

function load(locale: 'nl' | 'en'): Messages {
	const raw = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<
		string,
		unknown
	>;
	delete raw.$schema;
	return raw as Messages;
}

const nl = load('nl');
const en = load('en');

/** Every text a value can show: the string itself, or each plural/select variant. */
function texts(value: Value): string[] {
	return typeof value === 'string' ? [value] : value.flatMap((v) => Object.values(v.match));
}

/** Placeholders a value uses, variants together, without the plural selectors' locals. */
function placeholders(value: Value): string[] {
	const names = new Set<string>();
	for (const text of texts(value))
		for (const [, name] of text.matchAll(/\{(\w+)\}/g)) names.add(name);
	if (typeof value !== 'string')
		for (const v of value)
			for (const d of v.declarations ?? []) {
				const input = /^input (\w+)$/.exec(d);
				if (input) names.add(input[1]);
			}
	return [...names].sort();
}

/** Everything outside placeholders, so `{count}` or a URL placeholder never trips a word check. */
const prose = (text: string) => text.replace(/\{\w+\}/g, ' ');

/**
 * English words that never occur in Dutch prose. Words the two languages share ("in", "is",
 * "over", "van"…) or that Dutch uses as loans ("online", "monitoring", "check-in") are left out.
 */
const ENGLISH_ONLY = [
	'the',
	'and',
	'you',
	'your',
	'with',
	'please',
	'this',
	'that',
	'which',
	'click',
	'save',
	'cancel',
	'delete',
	'settings',
	'sign',
	'signed',
	'meeting',
	'meetings',
	'worksheet',
	'pair',
	'pairs',
	'coordinator',
	'supporter',
	'logbook',
	'not',
	'yet',
	'should',
	'would',
	'could',
	'been',
	'have',
	'has'
];
const DUTCH_ONLY = [
	'de',
	'het',
	'een',
	'je',
	'jij',
	'jouw',
	'jullie',
	'niet',
	'voor',
	'wordt',
	'werkblad',
	'koppel',
	'koppels',
	'bijeenkomst',
	'logboek',
	'coördinator',
	'ondersteuner'
];

function wordsFrom(list: readonly string[], text: string): string[] {
	const words =
		prose(text)
			.toLowerCase()
			.match(/[\p{L}’'-]+/gu) ?? [];
	return words.filter((w) => list.includes(w));
}

/** Proper names and product words that are the same in both languages. */
const SHARED_NAMES =
	/Google|Outlook|Apple|Microsoft|Authenticator|Teams|Zoom|Meet|Webex|Jitsi|English/g;

/** "u" / "uw" as a form of address (the Dutch file says "je"). */
const FORMAL_ADDRESS = /(^|[\s(“‘"])(u|uw|U|Uw)(?=[\s,.;:!?)”’"]|$)/;

/**
 * Labels that show an internal key: a template key ("01-agreement", "A-mentor-log"), a message
 * key ("pairs_overview_title"), a phase code used as a word on its own ("BR" without its name),
 * or a worksheet code repeated ("PS1 · PS1").
 */
const INTERNAL_KEY = [
	/\b0\d[a-z]?-[a-z]+(?:-[a-z]+)*\b/, // 01-agreement, 01b-agreement-weeks
	/\b[AB]-(?:mentor|mentee)-log\b/,
	/\b[a-z]+(?:_[a-z0-9]+){2,}\b/, // snake_case message or column keys
	/\b(PS[1-3]|V[1-3]|S[1-4])\b[^\p{L}]*\b\1\b/u, // "PS1 · PS1"
	/\b(?:statements-20|role-planning|teacher-roles|lesson-observation|lesson-preparation|MO-closing)\b/
];

function offending(
	messages: Messages,
	test: (text: string, key: string) => boolean
): { key: string; text: string }[] {
	const out: { key: string; text: string }[] = [];
	for (const [key, value] of Object.entries(messages))
		for (const text of texts(value)) if (test(text, key)) out.push({ key, text });
	return out;
}

describe('messages: both languages', () => {
	it('have the same keys', () => {
		const onlyNl = Object.keys(nl).filter((k) => !(k in en));
		const onlyEn = Object.keys(en).filter((k) => !(k in nl));
		expect({ onlyNl, onlyEn }).toEqual({ onlyNl: [], onlyEn: [] });
	});

	it('use the same placeholders', () => {
		const differ = Object.keys(nl)
			.filter((k) => k in en)
			.map((key) => ({ key, nl: placeholders(nl[key]), en: placeholders(en[key]) }))
			.filter((d) => d.nl.join() !== d.en.join());
		expect(differ).toEqual([]);
	});

	it('have no leading, trailing or double spaces', () => {
		const bad = (text: string) => text !== text.trim() || / {2}/.test(text);
		expect([...offending(nl, bad), ...offending(en, bad)]).toEqual([]);
	});

	// Paraglide shows an empty English text as it is: a button or heading with no words.
	it('have no empty text', () => {
		const empty = (text: string) => !text.trim();
		expect([...offending(nl, empty), ...offending(en, empty)]).toEqual([]);
	});

	it('show no internal key in any label', () => {
		const bad = (text: string) => INTERNAL_KEY.some((re) => re.test(prose(text)));
		expect([...offending(nl, bad), ...offending(en, bad)]).toEqual([]);
	});

	it('write a count with a plural variant, never a fixed plural noun after a number', () => {
		// "{count} koppels" as a plain string would read "1 koppels"; a plural variant is needed.
		const bad = (text: string, key: string) =>
			typeof (key in nl ? nl[key] : en[key]) === 'string' &&
			/\{(count|total|planned|days|minutes|seconds|max)\} (koppels|pairs|bijeenkomsten|meetings|velden|fields|dagen|days|minuten|minutes|deelnemers|people|mentees|rijen|rows)\b/.test(
				text
			);
		expect([...offending(nl, bad), ...offending(en, bad)]).toEqual([]);
	});
});

describe('messages: Dutch', () => {
	it('addresses people as "je", never "u" or "uw"', () => {
		expect(offending(nl, (text) => FORMAL_ADDRESS.test(prose(text)))).toEqual([]);
	});

	it('has no English left', () => {
		const bad = (text: string) =>
			wordsFrom(ENGLISH_ONLY, text.replace(SHARED_NAMES, ' ')).length > 0;
		expect(offending(nl, bad)).toEqual([]);
	});
});

describe('messages: English', () => {
	it('has no Dutch left', () => {
		const bad = (text: string, key: string) =>
			key !== 'language_switch_hint' && wordsFrom(DUTCH_ONLY, text).length > 0;
		expect(offending(en, bad)).toEqual([]);
	});
});

/** Every text of a template (title, intro, sections, fields, options, columns), found by shape. */
function templateTexts(node: unknown, out: LocalizedText[] = []): LocalizedText[] {
	if (Array.isArray(node)) for (const item of node) templateTexts(item, out);
	else if (node && typeof node === 'object') {
		const record = node as Record<string, unknown>;
		if (typeof record.nl === 'string' && typeof record.en === 'string')
			out.push(record as unknown as LocalizedText);
		else for (const value of Object.values(record)) templateTexts(value, out);
	}
	return out;
}

describe('worksheet templates', () => {
	const all = templates.flatMap((tpl) =>
		templateTexts(tpl).map((text) => ({ key: tpl.key, ...text }))
	);

	it('address people as "je" in Dutch, never "u" or "uw"', () => {
		expect(all.length).toBeGreaterThan(500);
		expect(all.filter((x) => FORMAL_ADDRESS.test(x.nl))).toEqual([]);
	});

	it('show no repeated sheet code and no template key in a title', () => {
		const titles = templates.map((tpl) => ({ key: tpl.key, ...tpl.title }));
		const bad = (text: string) => INTERNAL_KEY.some((re) => re.test(text));
		expect(titles.filter((x) => bad(x.nl) || bad(x.en))).toEqual([]);
	});

	it('have no leading, trailing or double spaces', () => {
		const bad = (text: string) => text !== text.trim() || / {2}/.test(text);
		expect(all.filter((x) => bad(x.nl) || bad(x.en))).toEqual([]);
	});
});

describe('the checks can fail', () => {
	it('catch "u", English words, an internal key and a repeated sheet code', () => {
		expect(FORMAL_ADDRESS.test('Heeft u vragen?')).toBe(true);
		expect(FORMAL_ADDRESS.test('Wat is uw naam?')).toBe(true);
		expect(FORMAL_ADDRESS.test('Heb je vragen? Kies een uur.')).toBe(false);
		expect(wordsFrom(ENGLISH_ONLY, 'Klik op Save om je settings te bewaren')).toEqual([
			'save',
			'settings'
		]);
		expect(wordsFrom(DUTCH_ONLY, 'Open the werkblad')).toEqual(['werkblad']);
		expect(INTERNAL_KEY.some((re) => re.test('Open 01-agreement'))).toBe(true);
		expect(INTERNAL_KEY.some((re) => re.test('#PS1 · PS1 Eerste analyse'))).toBe(true);
		expect(INTERNAL_KEY.some((re) => re.test('pairs_overview_title'))).toBe(true);
		expect(INTERNAL_KEY.some((re) => re.test('Bereid PS1 voor vóór bijeenkomst 3'))).toBe(false);
	});

	it('compares placeholders across variants', () => {
		const plural: Value = [
			{
				declarations: ['input count', 'local countPlural = count: plural'],
				selectors: ['countPlural'],
				match: { 'countPlural=one': '1 koppel', 'countPlural=other': '{count} koppels' }
			}
		];
		expect(placeholders(plural)).toEqual(['count']);
		expect(placeholders('Dag {name}, {count} nieuwe')).toEqual(['count', 'name']);
	});
});
