import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
	CloseCode,
	formatDocumentName,
	isRetryableClose,
	parseDocumentName
} from '$lib/shared/collab';

const a = randomUUID();
const b = randomUUID();

describe('document names', () => {
	test('parses the four kinds', () => {
		expect(parseDocumentName(`pair/${a}/sheet/${b}`)).toEqual({
			kind: 'sheet',
			pairId: a,
			sheetId: b
		});
		expect(parseDocumentName(`pair/${a}/log/${b}`)).toEqual({ kind: 'log', pairId: a, userId: b });
		expect(parseDocumentName(`group/${a}/doc/${b}`)).toEqual({
			kind: 'group-doc',
			groupId: a,
			docId: b
		});
		expect(parseDocumentName(`reflection/${a}`)).toEqual({ kind: 'reflection', reflectionId: a });
	});

	test('format is the inverse of parse', () => {
		for (const name of [
			`pair/${a}/sheet/${b}`,
			`pair/${a}/log/${b}`,
			`group/${a}/doc/${b}`,
			`reflection/${a}`
		]) {
			const ref = parseDocumentName(name);
			expect(ref).not.toBeNull();
			if (ref) expect(formatDocumentName(ref)).toBe(name);
		}
	});

	test.each([
		'',
		'pair',
		`pair/${a}`,
		`pair/${a}/sheet`,
		`pair/${a}/sheet/${b}/`,
		`/pair/${a}/sheet/${b}`,
		`pair/${a}/sheet/${b}/extra`,
		`pair/${a}/doc/${b}`,
		`group/${a}/sheet/${b}`,
		`group/${a}/log/${b}`,
		`pair/${a.toUpperCase()}/sheet/${b}`,
		`pair/not-a-uuid/sheet/${b}`,
		`pair/${a}/sheet/${b}?x=1`,
		`pair/${a}%2Fsheet/${b}`,
		`pair/${a}/sheet/../sheet/${b}`,
		`pair/${a}/sheet/${b}\n`,
		`Pair/${a}/sheet/${b}`,
		`reflection/${a}/`,
		`reflection/${a}/${b}`,
		`group/${a}/reflection/${b}`,
		`reflection/${a.toUpperCase()}`
	])('rejects %j', (name) => {
		expect(parseDocumentName(name)).toBeNull();
	});

	test('format refuses ids that are not UUIDs', () => {
		expect(() => formatDocumentName({ kind: 'sheet', pairId: '../x', sheetId: b })).toThrow();
	});
});

describe('close codes', () => {
	test('44xx codes are final for the y-websocket provider, the others are retried', () => {
		expect(isRetryableClose(CloseCode.Forbidden)).toBe(false);
		expect(isRetryableClose(CloseCode.Malformed)).toBe(false);
		expect(isRetryableClose(CloseCode.RateLimited)).toBe(true);
		expect(isRetryableClose(CloseCode.TooSlow)).toBe(true);
		expect(isRetryableClose(CloseCode.ShuttingDown)).toBe(true);
	});

	test('codes are unique and in the private-use range', () => {
		const codes = Object.values(CloseCode);
		expect(new Set(codes).size).toBe(codes.length);
		for (const code of codes) expect(code >= 4000 && code <= 4999).toBe(true);
	});
});
