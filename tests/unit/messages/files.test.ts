import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { contentDisposition, detectType, sanitiseFileName } from '$lib/server/files';

const fixture = (name: string) =>
	readFile(new URL(`../../fixtures/files/${name}`, import.meta.url)).then((b) => new Uint8Array(b));

describe('attachment types by content', () => {
	it.each([
		['sample.pdf', 'application/pdf'],
		['pixel.png', 'image/png'],
		['sample.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		['sample.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
		['sample.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
		['sample.odt', 'application/vnd.oasis.opendocument.text'],
		['sample.ods', 'application/vnd.oasis.opendocument.spreadsheet']
	])('%s is %s', async (name, type) => {
		expect(await detectType(await fixture(name))).toBe(type);
	});

	it('accepts UTF-8 text and refuses text with NUL or invalid UTF-8', async () => {
		expect(await detectType(new TextEncoder().encode('Hallo, café ☕\n'))).toBe('text/plain');
		expect(await detectType(new Uint8Array([0x61, 0, 0x62]))).toBeNull();
		expect(await detectType(new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toBeNull();
		expect(await detectType(new Uint8Array())).toBeNull();
	});

	it('refuses executables and plain archives, whatever they are called', async () => {
		const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
		const pe = new Uint8Array([0x4d, 0x5a, 0x90, 0, ...new Array(60).fill(0)]);
		const script = new TextEncoder().encode('#!/bin/sh\nrm -rf /\n');
		expect(await detectType(elf)).toBeNull();
		expect(await detectType(pe)).toBeNull();
		expect(await detectType(await fixture('plain.zip'))).toBeNull();
		// A shell script is text: stored as text/plain and always served as a download.
		expect(await detectType(script)).toBe('text/plain');
	});
});

describe('file names', () => {
	it.each([
		['../../etc/passwd', 'text/plain', 'passwd.txt'],
		['..\\..\\windows\\win.ini', 'text/plain', 'win.ini.txt'],
		['verslag.pdf', 'application/pdf', 'verslag.pdf'],
		['Foto.JPEG', 'image/jpeg', 'Foto.jpeg'],
		['factuur.exe', 'application/pdf', 'factuur.exe.pdf'],
		['gnp.\u202eexe.pdf', 'application/pdf', 'gnp.exe.pdf'],
		['.htaccess', 'text/plain', 'htaccess.txt'],
		['a\u0000b\nc.txt', 'text/plain', 'abc.txt'],
		['', 'application/pdf', 'file.pdf'],
		['what?<>|.pdf', 'application/pdf', 'what____.pdf']
	])('%j → %j', (raw, type, expected) => {
		expect(sanitiseFileName(raw, type)).toBe(expected);
	});

	it('caps the length and keeps the extension', () => {
		const name = sanitiseFileName(`${'é'.repeat(500)}.pdf`, 'application/pdf');
		expect([...name]).toHaveLength(120);
		expect(name.endsWith('.pdf')).toBe(true);
	});

	it('sends the name as an attachment with an ASCII fallback and RFC 5987 filename*', () => {
		expect(contentDisposition('Plan (v2) "final" é.pdf')).toBe(
			`attachment; filename="Plan (v2) _final_ _.pdf"; filename*=UTF-8''Plan%20%28v2%29%20%22final%22%20%C3%A9.pdf`
		);
	});
});
