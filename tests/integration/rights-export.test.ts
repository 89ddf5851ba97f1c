import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '$lib/server/db/types';
import { createLocalFileStore, type FileStore } from '$lib/server/files';
import { extractText, getDocumentProxy } from 'unpdf';
import { renderSheetsPdf } from '$lib/server/pdf/sheets';
import { collectExport, requestExport, runExport, zipEntries } from '$lib/server/rights/export';
import {
	buildMembership,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase } from '../helpers/db';

let db: Database;
let dir: string;
let files: FileStore;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let pairId: string;
let otherMentee: BuiltUser;
let otherPairId: string;

async function storeDoc(name: string, edit: (doc: Y.Doc) => void) {
	const doc = new Y.Doc();
	edit(doc);
	await db.asService((tx) =>
		tx.query('insert into public.yjs_updates (doc_name, "update") values ($1, $2)', [
			name,
			Y.encodeStateAsUpdate(doc)
		])
	);
}

beforeAll(async () => {
	db = await createTestDatabase();
	dir = await mkdtemp(join(tmpdir(), 'rights-export-'));
	files = createLocalFileStore(dir);
	staffed = await buildStaffedProgram(db);
	pairId = await buildPairWithContent(db, staffed);
	const { mentor, mentee } = staffed.people;
	// A second pair of the same mentor, with a mentee whose data must never appear.
	otherMentee = await buildUser(db, { email: 'someone.else@example.org', name: 'Iemand Anders' });
	await buildMembership(db, staffed.program.id, otherMentee, 'mentee');
	const { insertPair } = await import('$lib/server/pairs/commands');
	otherPairId = await db.asService((tx) =>
		insertPair(tx, { programId: staffed.program.id, mentorId: mentor.id, menteeId: otherMentee.id })
	);
	await db.asService(async (tx) => {
		for (const [pair, author, body] of [
			[pairId, mentee.id, 'Bericht van de mentee'],
			[pairId, mentor.id, 'Antwoord van de mentor'],
			[otherPairId, otherMentee.id, 'GEHEIM van de andere mentee']
		]) {
			await tx.query('insert into public.messages (pair_id, author_id, body) values ($1, $2, $3)', [
				pair,
				author,
				body
			]);
		}
		await tx.query(
			`insert into public.notifications (user_id, kind, category, link, params)
			 values ($1, 'message', 'messages', '/pairs', '{"name": "mijn melding"}'),
				($2, 'message', 'messages', '/pairs', '{"name": "andermans melding"}')`,
			[mentee.id, otherMentee.id]
		);
	});
	const sheetOf = async (pair: string) =>
		(
			await db.asService((tx) =>
				tx.query<{ doc_name: string }>(
					"select doc_name from public.sheets where pair_id = $1 and template_key = '03-mutual-presentation'",
					[pair]
				)
			)
		)[0].doc_name;
	await storeDoc(await sheetOf(pairId), (doc) => {
		doc.getText('mentee-name').insert(0, 'Ik ben de mentee');
	});
	await storeDoc(await sheetOf(otherPairId), (doc) => {
		doc.getText('mentee-name').insert(0, 'GEHEIM blad');
	});
	await storeDoc(`pair/${pairId}/log/${mentee.id}`, (doc) => {
		doc.getXmlFragment('remarks').insert(0, [new Y.XmlText('mijn privé logboek')]);
	});
	await storeDoc(`pair/${pairId}/log/${mentor.id}`, (doc) => {
		doc.getXmlFragment('remarks').insert(0, [new Y.XmlText('GEHEIM logboek van de mentor')]);
	});
	// The coordinator read the monitoring: the mentee sees it in the export.
	await db.asUser(staffed.people.coordinator.claims, (tx) =>
		tx.query(
			"select public.record_audit_event('monitoring.view', 'monitoring', $1::text, $1::uuid, '{}')",
			[staffed.program.id]
		)
	);
});

afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('export of a person', () => {
	it("holds the person's data and nobody else's", async () => {
		const { mentee } = staffed.people;
		const progress: number[] = [];
		const entries = await collectExport(db, mentee.id, {
			onProgress: async (p) => void progress.push(p)
		});
		const zip = await zipEntries(entries);
		const unzipped = unzipSync(zip);
		const texts = Object.fromEntries(
			Object.entries(unzipped).map(([path, data]) => [path, strFromU8(data)])
		);
		const all = Object.values(texts).join('\n');
		expect(Object.keys(texts)).toContain('profile.json');
		expect(JSON.parse(texts['profile.json']).email).toBe(mentee.email);
		expect(all).toContain('Bericht van de mentee');
		expect(all).toContain('Antwoord van de mentor');
		expect(all).toContain('Ik ben de mentee');
		expect(all).toContain('mijn privé logboek');
		expect(all).toContain('mijn melding');
		expect(all).toContain('monitoring.view');
		expect(all).not.toContain('GEHEIM');
		expect(all).not.toContain('andermans melding');
		// Checked against the database: no other person's e-mail appears in any file.
		const others = await db.asService((tx) =>
			tx.query<{ email: string }>('select email from auth.users where id <> $1', [mentee.id])
		);
		expect(others.length).toBeGreaterThanOrEqual(5);
		for (const [path, text] of Object.entries(texts)) {
			for (const { email } of others) expect(text.toLowerCase(), path).not.toContain(email);
		}
		expect(progress.at(-1)).toBeLessThan(100);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
	});

	it("holds each sheet as a PDF too, printed in its structure in the person's language", async () => {
		const { mentee } = staffed.people;
		const entries = await collectExport(db, mentee.id, {
			renderSheetPdf: ({ template, doc, locale }) => {
				const lang = locale === 'en' ? 'en' : 'nl';
				return renderSheetsPdf({
					locale: lang,
					title: template.title[lang],
					sheets: [{ template, doc }]
				});
			}
		});
		const pdfs = [...entries.keys()].filter((path) => path.endsWith('.pdf'));
		const jsons = [...entries.keys()].filter((path) => /\/sheets\/.+\.json$/.test(path));
		expect(pdfs.length).toBeGreaterThan(0);
		expect(pdfs.length).toBe(jsons.length);
		const agreement = pdfs.find((path) => path.endsWith('/01-agreement.pdf'))!;
		const bytes = entries.get(agreement)!;
		expect(strFromU8(bytes.subarray(0, 5))).toBe('%PDF-');
		const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
			mergePages: true
		});
		expect(text).toContain('Mentorovereenkomst');
	});

	it('runs as a job: progress, a stored zip, idempotent on a second run', async () => {
		const { mentee } = staffed.people;
		const id = await requestExport(db, mentee.id);
		// Asking again while it is being made: the same export, no second job.
		expect(await requestExport(db, mentee.id)).toBe(id);
		const [job] = await db.asService((tx) =>
			tx.query<{ n: number }>('select count(*)::int as n from public.jobs where key = $1', [
				`rights.export:${id}`
			])
		);
		expect(job.n).toBe(1);
		await runExport(db, files, id);
		await runExport(db, files, id);
		const [row] = await db.asUser(mentee.claims, (tx) =>
			tx.query<{ status: string; progress: number; file_key: string; size_bytes: string }>(
				'select status, progress, file_key, size_bytes::text from public.data_exports where id = $1',
				[id]
			)
		);
		expect(row).toMatchObject({ status: 'done', progress: 100 });
		const stream = await files.get(row.file_key);
		expect(stream).not.toBeNull();
		const data = new Uint8Array(await new Response(stream).arrayBuffer());
		expect(data.length).toBe(Number(row.size_bytes));
		expect(Object.keys(unzipSync(data))).toContain('profile.json');
		// Another person does not see it; the coordinator sees the export in the programme's trail.
		const seen = await db.asUser(otherMentee.claims, (tx) =>
			tx.query('select id from public.data_exports where id = $1', [id])
		);
		expect(seen).toEqual([]);
		const trail = await db.asUser(staffed.people.coordinator.claims, (tx) =>
			tx.query<{ action: string }>(
				"select action from public.audit_events where program_id = $1 and action = 'data.export'",
				[staffed.program.id]
			)
		);
		expect(trail).toHaveLength(1);
	});
});
