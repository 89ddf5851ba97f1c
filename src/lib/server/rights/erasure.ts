/**
 * Erasure of one person (agreement 02: "uw persoonlijke gegevens uit hun systeem te laten
 * verwijderen"; GDPR art. 17). What happens to each kind of data is written down in
 * docs/privacy.md; in short:
 *
 * - deleted: the account and profile, sessions, notifications and preferences, the calendar feed,
 *   intake answers and matching choices, their own logbook (part 1 document and part 2
 *   submissions), the messages they wrote (with their attachments), their reflections, their
 *   school and group memberships, invitations to their address, their exports; their own
 *   contributions to the resource library (case studies, links, documents and their stored files:
 *   like a message, a contribution is its author's own writing) and their done marks;
 * - kept, with the author replaced by a fresh placeholder person named "verwijderde deelnemer":
 *   what was written together — the pair (so the other person keeps their path), its shared
 *   sheets and meeting notes, signatures, assignments, the programme membership (as removed);
 * - everywhere else (the other person's messages, notification texts, audit details, mails, jobs,
 *   every stored Y.Doc) the person's id, e-mail and name are replaced by the placeholder.
 *
 * A fresh placeholder per erasure (not one shared person) keeps the rules on pairs true (a mentee
 * has one open pair per programme and mentor, a mentor is not their own mentee) and links nothing
 * between two erased people.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '$lib/server/db/types';
import type { FileStore } from '$lib/server/files';
import { deleteStoredDocs, docsContaining, scrubDocument, type LiveDocuments } from './documents';
import { DELETED_PARTICIPANT, needlePattern } from './scrub-doc';

export interface ErasureDeps {
	db: Database;
	files?: FileStore;
	live?: LiveDocuments;
}

export interface ErasureResult {
	placeholderId: string;
	scrubbedDocs: number;
	deletedDocs: number;
}

/** What identifies the person in stored text: their id, e-mail(s) and name. */
export async function identifiers(tx: Tx, userId: string): Promise<string[]> {
	const rows = await tx.query<{ email: string | null; pemail: string | null; name: string | null }>(
		`select u.email, p.email as pemail, p.display_name as name
		 from auth.users u left join public.profiles p on p.id = u.id where u.id = $1`,
		[userId]
	);
	if (!rows[0]) return [];
	const { email, pemail, name } = rows[0];
	return [userId, email, pemail, name].filter(
		(v): v is string => typeof v === 'string' && v !== ''
	);
}

/** The documents to scrub and to delete for the person. */
async function documentsOf(tx: Tx, userId: string, needles: readonly string[]) {
	const removed = await tx.query<{ doc_name: string }>(
		`select doc_name from public.reflections where author_id = $1
		 union select distinct doc_name from (
			select doc_name from public.yjs_updates union select doc_name from public.yjs_snapshots
		 ) d where doc_name like 'pair/%/log/' || $1::text or doc_name like 'mgroup/%/log/' || $1::text`,
		[userId]
	);
	const shared = await tx.query<{ doc_name: string }>(
		`select s.doc_name from public.sheets s join public.pairs p on p.id = s.pair_id
		 where $1 in (p.mentor_id, p.mentee_id, p.supporter_id)
		 union select l.doc_name from public.sheet_lessons l join public.pairs p on p.id = l.pair_id
		 where $1 in (p.mentor_id, p.mentee_id, p.supporter_id)
		 union select d.doc_name from public.group_documents d
		 join public.group_members g on g.group_id = d.group_id where g.user_id = $1
		 union select ms.doc_name from public.mentor_group_sheets ms
		 join public.mentor_groups mg on mg.id = ms.group_id
		 where mg.mentor_id = $1
			or exists (select 1 from public.mentor_group_members mm where mm.group_id = mg.id and mm.user_id = $1)`,
		[userId]
	);
	const deleted = new Set(removed.map((r) => r.doc_name));
	const scrub = new Set([...shared.map((r) => r.doc_name), ...(await docsContaining(tx, needles))]);
	for (const name of deleted) scrub.delete(name);
	return { deleted: [...deleted], scrub: [...scrub] };
}

/** Escapes a string for a PostgreSQL regular expression (ARE). */
function pgRegExp(needles: readonly string[]): string | null {
	return needlePattern(needles)?.source ?? null;
}

/**
 * Replaces the needles in every text and jsonb column of every table in `public` and `private`
 * (not the Y.Doc tables, handled as documents), and every uuid column holding the person's id by
 * the placeholder's id. The catalogue decides the columns, so a table added later is covered.
 */
async function sweep(tx: Tx, userId: string, placeholderId: string, needles: readonly string[]) {
	const pattern = pgRegExp(needles);
	const columns = await tx.query<{ schema: string; table: string; column: string; type: string }>(
		`select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
		 from information_schema.columns c
		 join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
		 where c.table_schema in ('public', 'private') and t.table_type = 'BASE TABLE'
			and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'uuid')
			and c.is_generated = 'NEVER'
			and c.table_name not in ('yjs_updates', 'yjs_snapshots')
		 order by 1, 2, 3`
	);
	for (const { schema, table, column, type } of columns) {
		const target = `"${schema}"."${table}"`;
		const col = `"${column}"`;
		if (type === 'uuid') {
			await tx.query(`update ${target} set ${col} = $2 where ${col} = $1`, [userId, placeholderId]);
		} else if (pattern && (type === 'jsonb' || type === 'json')) {
			await tx.query(
				`update ${target} set ${col} = regexp_replace(${col}::text, $1, $2, 'gi')::${type}
				 where ${col}::text ~* $1`,
				[pattern, DELETED_PARTICIPANT]
			);
		} else if (pattern) {
			await tx.query(
				`update ${target} set ${col} = regexp_replace(${col}, $1, $2, 'gi') where ${col} ~* $1`,
				[pattern, DELETED_PARTICIPANT]
			);
		}
	}
}

/**
 * Erases the person. Idempotent: a person who no longer exists is nothing to do. Documents are
 * rewritten first (each in its own transaction; re-running after a crash rewrites them again),
 * then every table in one transaction, then the attachments' bytes.
 */
export async function erasePerson(
	deps: ErasureDeps,
	userId: string,
	options: { decidedBy?: string | null; requestId?: string | null } = {}
): Promise<ErasureResult | null> {
	const { db } = deps;
	const found = await db.asService(async (tx) => {
		const needles = await identifiers(tx, userId);
		if (needles.length === 0) return null;
		return { needles, docs: await documentsOf(tx, userId, needles) };
	});
	if (!found) return null;
	const { needles, docs } = found;

	for (const name of docs.deleted) deps.live?.closeDocument(name);
	for (const name of docs.scrub) await scrubDocument(db, deps.live, name, needles);

	const placeholderId = randomUUID();
	const fileKeys = await db.asOwner(async (tx) => {
		await deleteStoredDocs(tx, docs.deleted);
		// The placeholder: a person with no way to sign in (no password, no real address).
		await tx.query(
			`insert into auth.users (id, email, raw_user_meta_data, banned_until)
			 values ($1, $2, $3, 'infinity')`,
			[
				placeholderId,
				`deleted-${placeholderId}@deleted.invalid`,
				{ display_name: DELETED_PARTICIPANT }
			]
		);
		await tx.query('insert into public.profiles (id, email, display_name) values ($1, $2, $3)', [
			placeholderId,
			`deleted-${placeholderId}@deleted.invalid`,
			DELETED_PARTICIPANT
		]);
		const programs = await tx.query<{ program_id: string }>(
			'select distinct program_id from public.memberships where user_id = $1',
			[userId]
		);
		const files = await tx.query<{ storage_key: string }>(
			`select f.storage_key from public.files f join public.messages m on m.id = f.message_id
			 where m.author_id = $1 or f.uploaded_by = $1`,
			[userId]
		);
		// The library documents they uploaded: rows below, bytes after the commit.
		const library = await tx.query<{ storage_key: string }>(
			'select storage_key from public.resources where author_id = $1 and storage_key is not null',
			[userId]
		);
		const exports = await tx.query<{ file_key: string }>(
			'select file_key from public.data_exports where user_id = $1 and file_key is not null',
			[userId]
		);
		// Private content: deleted.
		for (const statement of [
			'delete from public.notifications where user_id = $1',
			'delete from public.notification_preferences where user_id = $1',
			'delete from public.calendar_feeds where user_id = $1',
			'delete from public.intake_responses where user_id = $1',
			'delete from public.match_preferences where chooser_id = $1 or chosen_id = $1',
			'delete from public.log_submissions where author_id = $1',
			'delete from public.files where uploaded_by = $1',
			'delete from public.messages where author_id = $1',
			'delete from public.message_reads where user_id = $1',
			'delete from public.reflections where author_id = $1',
			'delete from public.resource_done where user_id = $1',
			'delete from public.resources where author_id = $1',
			'delete from public.group_members where user_id = $1',
			'delete from public.school_members where user_id = $1',
			'delete from public.organisation_members where user_id = $1',
			'delete from public.data_exports where user_id = $1',
			`delete from public.invitations where accepted_by = $1
				or email in (select lower(email) from auth.users where id = $1)`,
			`delete from public.mail_outbox where lower(to_email) in (
				select lower(email) from auth.users where id = $1
				union select email from public.profiles where id = $1)`
		]) {
			await tx.query(statement, [userId]);
		}
		await tx.query(
			`update public.memberships set status = 'removed', removed_at = coalesce(removed_at, now())
			 where user_id = $1`,
			[userId]
		);
		await tx.query(
			`update public.erasure_requests set status = 'done', done_at = now(), user_id = null
			 where user_id = $1`,
			[userId]
		);
		await tx.query('delete from public.profiles where id = $1', [userId]);
		// Shared content keeps its place with the placeholder as author; every other trace of the
		// person's id, e-mail and name is replaced.
		await sweep(tx, userId, placeholderId, needles);
		for (const { program_id } of programs) {
			await tx.query(
				`insert into public.audit_events (organisation_id, program_id, actor_id, action, entity_type, entity_id, details)
				 select organisation_id, id, $2, 'person.erase', 'person', $3, $4 from public.programs where id = $1`,
				[
					program_id,
					options.decidedBy ?? null,
					placeholderId,
					{ request: options.requestId ?? null }
				]
			);
		}
		await tx.query('delete from auth.users where id = $1', [userId]);
		return [
			...files.map((f) => f.storage_key),
			...library.map((r) => r.storage_key),
			...exports.map((e) => e.file_key)
		];
	});
	if (deps.files && fileKeys.length) await deps.files.delete(fileKeys);
	return { placeholderId, scrubbedDocs: docs.scrub.length, deletedDocs: docs.deleted.length };
}
