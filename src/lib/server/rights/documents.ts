/**
 * Stored Y.Docs (`yjs_updates` + `yjs_snapshots`) as the data-rights work needs them: read a
 * document whole, rewrite it so no trace of a person is left, delete it. A rewrite replaces the
 * whole log by one garbage-collected snapshot, so content deleted by the scrub is gone from the
 * bytes too (the update log would otherwise still hold it). It takes the compaction's advisory
 * lock, so no compaction folds old rows in at the same time.
 */
import * as Y from 'yjs';
import type { Database, Tx } from '$lib/server/db/types';
import { scrubDoc } from './scrub-doc';

/**
 * The collaboration server's side of a change (open editors receive it); optional: without it
 * (tests, a job on an instance without sockets) only the stored copy is rewritten.
 */
export interface LiveDocuments {
	changeDocument(docName: string, change: (doc: Y.Doc) => void): Promise<void>;
	flushAll(): Promise<void>;
	/** Closes every socket on the document (its content changed under it). */
	closeDocument(docName: string): void;
}

function bytes(value: Uint8Array): Uint8Array {
	return new Uint8Array(value);
}

/** The whole stored document (snapshot + every log row) in a garbage-collecting Y.Doc. */
export async function loadStoredDoc(tx: Tx, name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	const snapshots = await tx.query<{ state: Uint8Array }>(
		'select state from public.yjs_snapshots where doc_name = $1',
		[name]
	);
	const rows = await tx.query<{ update: Uint8Array }>(
		'select "update" from public.yjs_updates where doc_name = $1 order by id',
		[name]
	);
	doc.transact(() => {
		if (snapshots[0]) Y.applyUpdate(doc, bytes(snapshots[0].state));
		for (const row of rows) Y.applyUpdate(doc, bytes(row.update));
	});
	return doc;
}

/** Every stored document whose bytes contain one of the strings (UTF-8, case as given). */
export async function docsContaining(tx: Tx, needles: readonly string[]): Promise<string[]> {
	const usable = needles.filter((n) => n.length >= 2);
	if (usable.length === 0) return [];
	const rows = await tx.query<{ doc_name: string }>(
		`select distinct doc_name from (
			select doc_name, "update" as data from public.yjs_updates
			union all select doc_name, state from public.yjs_snapshots
		 ) d
		 where exists (select 1 from unnest($1::text[]) n where position(convert_to(n, 'UTF8') in d.data) > 0)`,
		[usable]
	);
	return rows.map((r) => r.doc_name);
}

/** Rewrites one stored document: scrubbed, garbage-collected, one snapshot, no log rows. */
export async function rewriteStoredDoc(
	db: Database,
	name: string,
	needles: readonly string[]
): Promise<void> {
	await db.asService(async (tx) => {
		await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
			`yjs_snapshots:${name}`
		]);
		const doc = await loadStoredDoc(tx, name);
		scrubDoc(doc, needles);
		const state = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		const [max] = await tx.query<{ id: string | null }>(
			`select greatest(
				(select max(id) from public.yjs_updates where doc_name = $1),
				(select upto_id from public.yjs_snapshots where doc_name = $1)
			 )::text as id`,
			[name]
		);
		await tx.query(
			`insert into public.yjs_snapshots (doc_name, state, upto_id, updated_at)
			 values ($1, $2, $3, now())
			 on conflict (doc_name) do update set state = excluded.state, upto_id = excluded.upto_id,
				updated_at = now()`,
			[name, state, Number(max?.id ?? 0)]
		);
		await tx.query('delete from public.yjs_updates where doc_name = $1', [name]);
	});
}

/** Scrubs a document live (when the server has sockets) and then its stored copy. */
export async function scrubDocument(
	db: Database,
	live: LiveDocuments | undefined,
	name: string,
	needles: readonly string[]
): Promise<void> {
	if (live) {
		await live.changeDocument(name, (doc) => void scrubDoc(doc, needles));
		await live.flushAll();
	}
	await rewriteStoredDoc(db, name, needles);
}

/** Deletes stored documents (a private logbook, a reflection) in the caller's transaction. */
export async function deleteStoredDocs(tx: Tx, names: readonly string[]): Promise<void> {
	if (names.length === 0) return;
	await tx.query('delete from public.yjs_updates where doc_name = any($1::text[])', [names]);
	await tx.query('delete from public.yjs_snapshots where doc_name = any($1::text[])', [names]);
}
