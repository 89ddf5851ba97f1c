import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '$lib/server/db/types';
import { loadStoredDoc } from '$lib/server/rights/documents';
import { erasePerson } from '$lib/server/rights/erasure';
import { DELETED_PARTICIPANT, docStrings } from '$lib/server/rights/scrub-doc';
import {
	buildGroupWithContent,
	buildMembership,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase } from '../helpers/db';

let db: Database;

async function storeUpdate(name: string, edit: (doc: Y.Doc) => void) {
	const doc = new Y.Doc();
	edit(doc);
	await db.asService((tx) =>
		tx.query('insert into public.yjs_updates (doc_name, "update") values ($1, $2)', [
			name,
			Y.encodeStateAsUpdate(doc)
		])
	);
	return doc;
}

/**
 * Every text, jsonb, uuid and bytea column of every table in public, private and auth, scanned
 * for any of the needles (case-insensitive for text; bytes as UTF-8). Returns where they were found.
 */
async function traces(needles: string[]): Promise<string[]> {
	return db.asOwner(async (tx) => {
		const columns = await tx.query<{ s: string; t: string; c: string; type: string }>(
			`select c.table_schema as s, c.table_name as t, c.column_name as c, c.data_type as type
			 from information_schema.columns c
			 join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
			 where c.table_schema in ('public', 'private', 'auth') and t.table_type = 'BASE TABLE'
				and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'uuid', 'bytea')`
		);
		const found: string[] = [];
		for (const { s, t, c, type } of columns) {
			for (const needle of needles) {
				const condition =
					type === 'bytea'
						? `position(convert_to($1, 'UTF8') in "${c}") > 0`
						: `position(lower($1) in lower("${c}"::text)) > 0`;
				const [row] = await tx.query<{ n: number }>(
					`select count(*)::int as n from "${s}"."${t}" where ${condition}`,
					[needle]
				);
				if (row.n > 0) found.push(`${s}.${t}.${c} ∋ ${needle}`);
			}
		}
		return found;
	});
}

async function everyDocText(): Promise<Map<string, string>> {
	return db.asService(async (tx) => {
		const names = await tx.query<{ doc_name: string }>(
			'select doc_name from public.yjs_updates union select doc_name from public.yjs_snapshots'
		);
		const out = new Map<string, string>();
		for (const { doc_name } of names) {
			const doc = await loadStoredDoc(tx, doc_name);
			out.set(doc_name, docStrings(doc));
			doc.destroy();
		}
		return out;
	});
}

describe('erasure of a person', () => {
	let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
	let mentee: BuiltUser;
	let pairId: string;
	let sheetDoc: string;
	const name = 'Zoë Wissel';

	beforeAll(async () => {
		db = await createTestDatabase();
		staffed = await buildStaffedProgram(db);
		// The mentee gets a recognisable name and e-mail.
		mentee = await buildUser(db, { email: 'zoe.wissel@example.org', name });
		await db.asService((tx) =>
			tx.query(
				"update public.memberships set user_id = $1 where program_id = $2 and role = 'mentee'",
				[mentee.id, staffed.program.id]
			)
		);
		staffed.people.mentee = mentee;
		pairId = await buildPairWithContent(db, staffed);
		await buildGroupWithContent(db, staffed);
		const mentor = staffed.people.mentor;
		// Messages both ways; the mentor's mentions the mentee by name and address.
		await db.asService(async (tx) => {
			await tx.query('insert into public.messages (pair_id, author_id, body) values ($1, $2, $3)', [
				pairId,
				mentee.id,
				'Mijn eigen bericht'
			]);
			await tx.query('insert into public.messages (pair_id, author_id, body) values ($1, $2, $3)', [
				pairId,
				mentor.id,
				`Dag ${name}, mail me op zoe.wissel@example.org`
			]);
			await tx.query(
				`insert into public.notifications (user_id, actor_id, kind, category, program_id, pair_id, link, params)
				 values ($1, $2, 'message', 'messages', $3, $4, '/pairs', $5)`,
				[mentor.id, mentee.id, staffed.program.id, pairId, { name }]
			);
			await tx.query(
				`insert into public.notifications (user_id, kind, category, link) values ($1, 'message', 'messages', '/pairs')`,
				[mentee.id]
			);
			await tx.query(
				"insert into public.erasure_requests (user_id, program_id, reason) values ($1, $2, 'weg')",
				[mentee.id, staffed.program.id]
			);
		});
		const [sheet] = await db.asService((tx) =>
			tx.query<{ doc_name: string }>(
				"select doc_name from public.sheets where pair_id = $1 and template_key = '01-agreement'",
				[pairId]
			)
		);
		sheetDoc = sheet.doc_name;
		// A shared sheet: a prefilled name, a comment thread by the mentee, the mentor's text.
		await storeUpdate(sheetDoc, (doc) => {
			doc.getXmlFragment('mentee-name').insert(0, [new Y.XmlText(name)]);
			const thread = new Y.Map<unknown>();
			doc.getMap('comments').set('t1', thread);
			thread.set('field', 'goals');
			thread.set('authorId', mentee.id);
			thread.set('authorName', name);
			thread.set('text', 'Goed idee');
			thread.set('at', '2026-11-01T10:00:00.000Z');
			thread.set('resolved', false);
			thread.set(
				'replies',
				Y.Array.from([{ id: 'r1', authorId: mentee.id, authorName: name, text: 'ok', at: 'x' }])
			);
			doc.getText('goals').insert(0, `Samen met ${name} (zoe.wissel@example.org) plannen`);
			doc.getMap('values').set('agree.mentee', { value: 'agree', by: mentee.id });
		});
		// A later edit in the log, over the snapshot-less document.
		await storeUpdate(sheetDoc, (doc) => doc.getText('extra').insert(0, `nota van ${name}`));
		// The mentee's private logbook.
		await storeUpdate(`pair/${pairId}/log/${mentee.id}`, (doc) =>
			doc.getText('private').insert(0, 'privé')
		);
		// A third person, not in the pair, must keep everything.
		const outsider = await buildUser(db, { name: 'Buiten Staander' });
		await buildMembership(db, staffed.program.id, outsider, 'observer');
	});

	afterAll(async () => {
		await db?.close();
	});

	it('leaves no trace in any table or stored document, and keeps what was written together', async () => {
		const needles = [mentee.id, mentee.email, name];
		expect((await traces(needles)).length).toBeGreaterThan(0);

		const result = await erasePerson({ db }, mentee.id, {
			decidedBy: staffed.people.coordinator.id
		});
		expect(result).not.toBeNull();

		expect(await traces(needles)).toEqual([]);
		const docs = await everyDocText();
		for (const [doc, text] of docs) {
			for (const needle of needles)
				expect(text.toLowerCase(), doc).not.toContain(needle.toLowerCase());
		}
		// The shared sheet is kept, with the placeholder where the person was.
		const sheet = docs.get(sheetDoc)!;
		expect(sheet).toContain(`Samen met ${DELETED_PARTICIPANT}`);
		expect(sheet).toContain('Goed idee');
		expect(docs.has(`pair/${pairId}/log/${mentee.id}`)).toBe(false);

		const kept = await db.asService(async (tx) => ({
			pair: await tx.query<{ mentee_id: string; mentor_id: string; name: string }>(
				`select p.mentee_id, p.mentor_id, pr.display_name as name from public.pairs p
				 join public.profiles pr on pr.id = p.mentee_id where p.id = $1`,
				[pairId]
			),
			messages: await tx.query<{ body: string }>(
				'select body from public.messages where pair_id = $1 order by created_at',
				[pairId]
			),
			request: await tx.query<{ status: string; user_id: string | null }>(
				'select status, user_id from public.erasure_requests'
			),
			audit: await tx.query<{ action: string }>(
				"select action from public.audit_events where action = 'person.erase'"
			)
		}));
		expect(kept.pair[0].mentee_id).toBe(result!.placeholderId);
		expect(kept.pair[0].mentor_id).toBe(staffed.people.mentor.id);
		expect(kept.pair[0].name).toBe(DELETED_PARTICIPANT);
		// Their own message is gone; the mentor's stays, with the name replaced.
		expect(kept.messages.map((m) => m.body)).toEqual([
			`Dag ${DELETED_PARTICIPANT}, mail me op ${DELETED_PARTICIPANT}`
		]);
		expect(kept.request).toEqual([{ status: 'done', user_id: null }]);
		expect(kept.audit).toHaveLength(1);
	});

	it('is nothing to do a second time', async () => {
		expect(await erasePerson({ db }, mentee.id)).toBeNull();
	});
});
