/**
 * `DocumentStore` on the project's Database port (PGlite or Postgres), as the service role.
 * Tables: `yjs_updates` (the log) and `yjs_snapshots`, from migration 20261124000300_collab.sql.
 */
import * as Y from 'yjs';
import type { Database, SqlValue, Tx } from '$lib/server/db/types';
import type { DocumentStore, StoredDocument } from './store';

const ROWS_PER_STATEMENT = 1_000;
/**
 * The most bytes one query of a load reads. PGlite answers in this process, and the time one
 * query blocks it grows with the bytes it returns: about 58 ms for 1 MiB, 15–20 ms for 128 KiB
 * (a 16 MB document, measured 2026-11-30).
 */
const READ_CHUNK_BYTES = 128 * 1024;

interface UpdateRow {
	id: string;
	update: Uint8Array;
}

/**
 * Loads every remaining log row, not only those above the snapshot's `upto_id`: ids of a
 * `bigserial` can commit out of order, so a row below it may have arrived after the compaction.
 * Re-applying a row already in the snapshot changes nothing.
 *
 * The bytes are read in pieces of at most `READ_CHUNK_BYTES` (rows grouped, a larger row or
 * snapshot sliced with `substring`), yielding to the event loop between them: PGlite runs in
 * this process, and decoding one 16 MB result blocks it for hundreds of milliseconds.
 */
export function createPgDocumentStore(db: Database): DocumentStore {
	return {
		load: (name) =>
			db.asService(async (tx): Promise<StoredDocument> => {
				// A small snapshot comes with its size; a larger one is read in slices.
				const [stored] = await tx.query<{
					size: number;
					upto_id: string;
					state: Uint8Array | null;
				}>(
					`select octet_length(state) as size, upto_id::text as upto_id,
					        case when octet_length(state) <= $2 then state end as state
					 from public.yjs_snapshots where doc_name = $1`,
					[name, READ_CHUNK_BYTES]
				);
				const snapshot = !stored
					? null
					: stored.state
						? bytes(stored.state)
						: await readSliced(
								tx,
								// A compaction on another instance may replace the snapshot between two slices.
								`select substring(state from $3 for $4) as part from public.yjs_snapshots
								 where doc_name = $1 and upto_id = $2::bigint`,
								[name, stored.upto_id],
								Number(stored.size)
							);
				// The rows come with their sizes, and with their bytes while the running total is small:
				// a usual document in one query, the rest of a large one in groups and slices below.
				const rows = await tx.query<{ id: string; size: number; update: Uint8Array | null }>(
					`select id::text as id, octet_length("update") as size,
					        case when sum(octet_length("update")) over (order by yjs_updates.id) <= $2
					             then "update" end as "update"
					 from public.yjs_updates where doc_name = $1 order by yjs_updates.id`,
					[name, READ_CHUNK_BYTES]
				);
				const updates: Uint8Array[] = [];
				for (const row of rows) {
					if (row.update === null) break;
					updates.push(bytes(row.update));
				}
				for (const group of groups(rows.slice(updates.length))) {
					if (group.length === 1 && Number(group[0].size) > READ_CHUNK_BYTES) {
						updates.push(
							await readSliced(
								tx,
								'select substring("update" from $2 for $3) as part from public.yjs_updates where id = $1::bigint',
								[group[0].id],
								Number(group[0].size)
							)
						);
						continue;
					}
					const read = await tx.query<UpdateRow>(
						'select id::text as id, "update" from public.yjs_updates where id = any($1::bigint[]) order by yjs_updates.id',
						[`{${group.map((row) => row.id).join(',')}}`]
					);
					for (const row of read) updates.push(bytes(row.update));
					await yieldToEventLoop();
				}
				return {
					snapshot,
					updates,
					lastSeq: rows.length > 0 ? Number(rows[rows.length - 1].id) : 0
				};
			}),

		async append(entries) {
			if (entries.some((entry) => entry.updates.length === 0)) {
				throw new Error('append needs at least one update per document');
			}
			const rows = entries.flatMap(({ name, updates }) => updates.map((update) => [name, update]));
			return db.asService(async (tx) => {
				const newest = new Map<string, number>();
				// One statement per chunk, one transaction for all: bind parameters are limited to 65,535.
				for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
					const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
					const values = chunk.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
					const inserted = await tx.query<{ id: string; doc_name: string }>(
						`insert into public.yjs_updates (doc_name, "update") values ${values}
						 returning id::text as id, doc_name`,
						chunk.flat()
					);
					for (const row of inserted) {
						newest.set(row.doc_name, Math.max(newest.get(row.doc_name) ?? 0, Number(row.id)));
					}
				}
				return entries.map((entry) => newest.get(entry.name) ?? 0);
			});
		},

		compact: (name, snapshot, uptoSeq) =>
			db.asService(async (tx) => {
				// One compaction per document at a time, across app instances. Another instance holding
				// the lock is folding the same rows: skipped rather than queued behind it.
				const [lock] = await tx.query<{ locked: boolean }>(
					'select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked',
					[`yjs_snapshots:${name}`]
				);
				if (!lock.locked) return false;
				const existing = await tx.query<{ state: Uint8Array; upto_id: string }>(
					'select state, upto_id::text as upto_id from public.yjs_snapshots where doc_name = $1',
					[name]
				);
				const rows = await tx.query<UpdateRow>(
					'select id::text as id, "update" from public.yjs_updates where doc_name = $1 and id <= $2 order by yjs_updates.id',
					[name, uptoSeq]
				);
				// The union of the stored snapshot, the caller's and the rows being deleted: no row is lost
				// even if the caller's state had not seen it (another instance wrote it). Going through a
				// Y.Doc rather than Y.mergeUpdates lets deleted content be garbage-collected.
				const merged = new Y.Doc();
				merged.transact(() => {
					if (existing[0]) Y.applyUpdate(merged, bytes(existing[0].state));
					Y.applyUpdate(merged, snapshot);
					for (const row of rows) Y.applyUpdate(merged, bytes(row.update));
				});
				const state = Y.encodeStateAsUpdate(merged);
				merged.destroy();
				const upto = Math.max(uptoSeq, existing[0] ? Number(existing[0].upto_id) : 0);
				await tx.query(
					`insert into public.yjs_snapshots (doc_name, state, upto_id, updated_at)
					 values ($1, $2, $3, now())
					 on conflict (doc_name) do update
					 set state = excluded.state, upto_id = excluded.upto_id, updated_at = now()`,
					[name, state, upto]
				);
				await tx.query('delete from public.yjs_updates where doc_name = $1 and id <= $2', [
					name,
					uptoSeq
				]);
				return true;
			})
	};
}

/** Consecutive rows, at most `READ_CHUNK_BYTES` together (a larger row alone). */
function groups<Row extends { size: number }>(rows: readonly Row[]): Row[][] {
	const out: Row[][] = [];
	let current: Row[] = [];
	let size = 0;
	for (const row of rows) {
		if (current.length > 0 && size + Number(row.size) > READ_CHUNK_BYTES) {
			out.push(current);
			current = [];
			size = 0;
		}
		current.push(row);
		size += Number(row.size);
	}
	if (current.length > 0) out.push(current);
	return out;
}

/**
 * One bytea value of `size` bytes, read `READ_CHUNK_BYTES` at a time: `sql` selects `part` with
 * `params`, then two more parameters for `substring`'s start and length.
 */
async function readSliced(
	tx: Tx,
	sql: string,
	params: readonly SqlValue[],
	size: number
): Promise<Uint8Array> {
	const out = new Uint8Array(size);
	for (let offset = 0; offset < size; offset += READ_CHUNK_BYTES) {
		const [row] = await tx.query<{ part: Uint8Array }>(sql, [
			...params,
			offset + 1,
			READ_CHUNK_BYTES
		]);
		const part = row?.part;
		if (!part || part.byteLength !== Math.min(READ_CHUNK_BYTES, size - offset)) {
			throw new Error('stored document changed while it was read');
		}
		out.set(part, offset);
		await yieldToEventLoop();
	}
	return out;
}

function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** The pg driver returns bytea as a Buffer, PGlite as a Uint8Array: both become a plain copy. */
function bytes(value: Uint8Array): Uint8Array {
	return new Uint8Array(value);
}
