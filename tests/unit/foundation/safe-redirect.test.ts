import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '$lib/server/safe-redirect';

const ORIGIN = 'http://localhost:3000';
const FALLBACK = '/programs';
const target = (value: unknown) => safeRedirectPath(value, ORIGIN, FALLBACK);
/** What `/login?next=<raw>` hands to the helper: the query parser's decoding. */
const fromQuery = (raw: string) => new URL(`${ORIGIN}/login?next=${raw}`).searchParams.get('next');

describe('safeRedirectPath', () => {
	it.each([
		'/programs',
		'/pairs/0b7e/sheets/PS1?view=print#field-3',
		'/programs?next=//evil.example',
		'/%2F%2Fevil.example',
		'/%5Cevil.example/'
	])('keeps a path on this site: %s', (path) => {
		expect(target(path)).toBe(path);
	});

	it('returns the resolved path, not the raw input', () => {
		expect(target('/pairs/../programs')).toBe('/programs');
		expect(target('/a b')).toBe('/a%20b');
	});

	it.each([
		// Another site, spelled in the ways browsers repair.
		'//evil.example',
		'//evil.example/programs',
		'/\\evil.example/',
		'\\\\evil.example',
		'/\\/evil.example',
		'\\/evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'\t//evil.example',
		'/\u0000/evil.example',
		'/\u007f/evil.example',
		' //evil.example',
		// Normalisation that ends up as `//host`.
		'/.//evil.example',
		'/a/..//evil.example',
		'/%2e%2e//evil.example',
		// Schemes and absolute URLs, even our own.
		'http://evil.example',
		'https://evil.example/programs',
		'http:evil.example',
		'http:/evil.example',
		'javascript:alert(1)',
		'data:text/html,hi',
		`${ORIGIN}/programs`,
		// Not a path.
		'programs',
		'',
		'/'.padEnd(2_001, 'a')
	])('falls back for %j', (value) => {
		expect(target(value)).toBe(FALLBACK);
	});

	it.each(['/%5Cevil.example/', '/%09/evil.example', '%2F%2Fevil.example', '/%0A/evil.example'])(
		'falls back for ?next=%s once the query is decoded',
		(raw) => {
			expect(target(fromQuery(raw))).toBe(FALLBACK);
		}
	);

	it.each([null, undefined, 42, {}, ['/programs']])('falls back for a non-string %j', (value) => {
		expect(target(value)).toBe(FALLBACK);
	});
});

describe('a redirect target a Location header can carry', () => {
	it.each([
		['/é', '/%C3%A9'],
		['/a b', '/a%20b'],
		['/€?x=€', '/%E2%82%AC?x=%E2%82%AC']
	])('percent-encodes %j', (value, expected) => {
		expect(safeRedirectPath(value, 'http://localhost:3000', '/programs')).toBe(expected);
	});
});
