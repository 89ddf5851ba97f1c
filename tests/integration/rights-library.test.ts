/**
 * Data rights over the resource library: the export holds the person's own contributions,
 * collections and done marks (nobody else's); the erasure deletes their contributions (case
 * studies, links, documents and their stored bytes) and their done marks, rather than handing
 * them to the placeholder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { createLocalFileStore, type FileStore } from '$lib/server/files';
import { createResource } from '$lib/server/resources';
import { erasePerson } from '$lib/server/rights/erasure';
import { collectExport } from '$lib/server/rights/export';
import { buildStaffedProgram } from '../factories';
import { buildResourceRows } from '../factories/resources';
import { createTestDatabase, testEngine } from '../helpers/db';

type Staffed = Awaited<ReturnType<typeof buildStaffedProgram>>;

let db: Database;
let files: FileStore;
let filesDir: string;

const PDF = new Uint8Array(
	Buffer.from(
		'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
	)
);

beforeAll(async () => {
	db = await createTestDatabase();
	filesDir = await mkdtemp(join(tmpdir(), 'mentorpad-rights-library-'));
	files = createLocalFileStore(filesDir);
});
afterAll(async () => {
	await db.close();
	await rm(filesDir, { recursive: true, force: true });
});

async function library(x: Staffed) {
	const rows = await buildResourceRows(db, x);
	const document = await createResource(
		{ db, files, fileMaxBytes: 1024 * 1024, claims: x.people.coordinator.claims },
		x.program.id,
		{
			kind: 'document',
			title: 'Handleiding PS1',
			description: '',
			url: '',
			phases: ['BR'],
			instruments: ['PS1'],
			audience: ['mentor'],
			publish: true
		},
		{ name: 'handleiding.pdf', bytes: PDF }
	);
	const [{ key }] = await db.asService((tx) =>
		tx.query<{ key: string }>('select storage_key as key from public.resources where id = $1', [
			document
		])
	);
	return { rows, document, key };
}

const count = (sql: string, params: unknown[]) =>
	db.asService(async (tx) => {
		const [row] = await tx.query<{ n: number }>(`select count(*)::int as n from (${sql}) s`, [
			...(params as string[])
		]);
		return row.n;
	});

async function stored(key: string): Promise<boolean> {
	const stream = await files.get(key);
	await stream?.cancel();
	return stream !== null;
}

function entry(entries: Map<string, Uint8Array>, path: string): unknown {
	const data = entries.get(path);
	if (!data) throw new Error(`${path} is not in the export`);
	return JSON.parse(strFromU8(data));
}

describe(`the library in the export (${testEngine()})`, () => {
	it('holds the mentor’s own case studies and done marks, and nobody else’s', async () => {
		const x = await buildStaffedProgram(db);
		await library(x);
		const entries = await collectExport(db, x.people.mentor.id);
		const contributions = entry(entries, 'library/contributions.json') as {
			kind: string;
			title: string;
			status: string;
			body: string;
		}[];
		expect(contributions.map((c) => [c.kind, c.title, c.status]).sort()).toEqual([
			['case_study', 'Een geslaagde start', 'published'],
			['case_study', 'Een moeilijk gesprek', 'submitted'],
			['case_study', 'Mijn kladversie', 'draft']
		]);
		expect(contributions[0].body).toBe('What happened');
		expect(entry(entries, 'library/done.json')).toMatchObject([
			{ collection: 'Mentoropleiding', resource: 'Hoe voer je PS1 uit' }
		]);
		expect(entry(entries, 'library/collections.json')).toEqual([]);
		// The coordinator's: their material (the document as name, type and size) and collection.
		const theirs = await collectExport(db, x.people.coordinator.id);
		const material = entry(theirs, 'library/contributions.json') as {
			title: string;
			file_name: string | null;
			file_type: string | null;
		}[];
		expect(material.map((c) => c.title)).toContain('Handleiding PS1');
		expect(material.find((c) => c.title === 'Handleiding PS1')).toMatchObject({
			file_name: 'handleiding.pdf',
			file_type: 'application/pdf'
		});
		expect(material.map((c) => c.title)).not.toContain('Een geslaagde start');
		expect(entry(theirs, 'library/collections.json')).toMatchObject([
			{ kind: 'training', title: 'Mentoropleiding' }
		]);
		expect(entry(theirs, 'library/done.json')).toEqual([]);
	});
});

describe(`the library in the erasure (${testEngine()})`, () => {
	it('deletes the mentor’s case studies and done marks instead of moving them to the placeholder', async () => {
		const x = await buildStaffedProgram(db);
		const { rows } = await library(x);
		await db.asService((tx) =>
			tx.query('insert into public.resource_done (item_id, user_id) values ($1, $2)', [
				rows.item,
				x.people.supporter.id
			])
		);
		const result = await erasePerson({ db, files }, x.people.mentor.id);
		expect(result).not.toBeNull();
		const placeholder = result!.placeholderId;
		expect(
			await count('select 1 from public.resources where id = any($1::uuid[])', [
				`{${rows.submittedCase},${rows.draftCase},${rows.publishedCase}}`
			])
		).toBe(0);
		expect(await count('select 1 from public.resources where author_id = $1', [placeholder])).toBe(
			0
		);
		expect(
			await count('select 1 from public.resource_done where user_id = $1', [placeholder])
		).toBe(0);
		// Other people's marks and the coordinator's material stay.
		expect(
			await count('select 1 from public.resource_done where user_id = $1', [x.people.supporter.id])
		).toBe(1);
		expect(await count('select 1 from public.resources where id = $1', [rows.mentorLink])).toBe(1);
	});

	it('deletes the coordinator’s links and documents with their stored bytes; collections stay', async () => {
		const x = await buildStaffedProgram(db);
		const { rows, document, key } = await library(x);
		expect(await stored(key)).toBe(true);
		const result = await erasePerson({ db, files }, x.people.coordinator.id);
		const placeholder = result!.placeholderId;
		expect(
			await count('select 1 from public.resources where id = any($1::uuid[])', [
				`{${document},${rows.mentorLink},${rows.organisationLink},${rows.draftLink}}`
			])
		).toBe(0);
		expect(await stored(key)).toBe(false);
		// The mentor's case studies are theirs, not the coordinator's: they stay.
		expect(await count('select 1 from public.resources where id = $1', [rows.publishedCase])).toBe(
			1
		);
		// The collection is the programme's structure: kept, made by the placeholder now.
		expect(
			await count('select 1 from public.resource_collections where id = $1 and created_by = $2', [
				rows.collection,
				placeholder
			])
		).toBe(1);
	});
});
