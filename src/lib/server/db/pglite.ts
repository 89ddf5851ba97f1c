import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { becomeService, becomeUser, toDriverParams } from './transaction';
import type { Database, SqlValue, Tx } from './types';

export interface PgliteOptions {
	/** Directory to persist in; in memory when absent. */
	dataDir?: string;
	/** Start in memory from this dump of a data directory (`dumpDataDir`), e.g. a migrated template. */
	loadDataDir?: Blob;
	/**
	 * Postgres' `shared_buffers`, e.g. '16MB'; PGlite's default is 128MB. Setting up the buffers
	 * is most of a start: tests, which start hundreds of small databases, start one in 0.6 s with
	 * 16MB against 1.1 s with the default.
	 */
	sharedBuffers?: string;
	/**
	 * WAL segment size in MB for a new data directory (initdb's `--wal-segsize`; 16 by default).
	 * A dump holds at least one whole segment, so 1 makes a template's tarball 16 MB smaller.
	 */
	walSegmentMb?: number;
}

const LOCK_FILE = 'mentorpad.lock';

/**
 * Embedded Postgres. PGlite has no inter-process lock and two processes on one directory each
 * silently see only their own writes, so this adapter refuses a directory another live process
 * holds.
 */
export interface PgliteDatabase extends Database {
	/** The data directory as a tarball, for `loadDataDir` (tests start from a migrated template). */
	dumpDataDir(): Promise<Blob>;
}

export async function createPgliteDatabase(options: PgliteOptions = {}): Promise<PgliteDatabase> {
	const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		takeLock(dataDir);
	}
	let pg: PGlite;
	try {
		pg = await PGlite.create({
			dataDir,
			loadDataDir: options.loadDataDir,
			...(options.sharedBuffers
				? {
						startParams: [
							...PGlite.defaultStartParams,
							'-c',
							`shared_buffers=${options.sharedBuffers}`
						]
					}
				: {}),
			...(options.walSegmentMb
				? { initDbStartParams: [`--wal-segsize=${options.walSegmentMb}`] }
				: {}),
			// Dates stay 'YYYY-MM-DD' strings, as the pg adapter returns them.
			parsers: { [types.DATE]: (value: string) => value }
		});
	} catch (error) {
		if (dataDir) releaseLock(dataDir);
		throw error;
	}

	const run = async <T>(
		setup: (tx: Tx) => Promise<void>,
		work: (tx: Tx) => Promise<T>
	): Promise<T> => {
		// PGlite runs every query synchronously on this thread, and a chain of awaited
		// transactions never leaves the microtask queue: one page that runs several queries in a
		// row would keep every other request (even /healthz) from being read until it is done.
		// One turn of the event loop before each transaction lets waiting requests queue theirs.
		await new Promise<void>((resolve) => setImmediate(resolve));
		return pg.transaction(async (raw) => {
			const tx = wrap(raw);
			await setup(tx);
			return work(tx);
		});
	};

	let closed = false;
	return {
		mode: 'pglite',
		asUser: (claims, work) => run((tx) => becomeUser(tx, claims), work),
		asService: (work) => run(becomeService, work),
		asOwner: (work) => run(async () => {}, work),
		dumpDataDir: () => pg.dumpDataDir('none'),
		async close() {
			if (closed) return;
			closed = true;
			await pg.close();
			if (dataDir) releaseLock(dataDir);
		}
	};
}

function wrap(raw: Transaction): Tx {
	return {
		async query<Row>(sql: string, params?: readonly SqlValue[]) {
			const result = await raw.query<Row>(sql, toDriverParams(params));
			return result.rows;
		},
		async exec(sql: string) {
			await raw.exec(sql);
		}
	};
}

function takeLock(dataDir: string): void {
	const file = join(dataDir, LOCK_FILE);
	let holder: number | undefined;
	try {
		holder = Number(readFileSync(file, 'utf8').trim());
	} catch {
		holder = undefined;
	}
	if (holder && holder !== process.pid && isAlive(holder)) {
		throw new Error(
			`DATA_DIR ${dataDir} is in use by process ${holder}. Stop that process, or set DATA_DIR to another directory: the embedded database cannot be shared between processes.`
		);
	}
	writeFileSync(file, String(process.pid));
}

function releaseLock(dataDir: string): void {
	rmSync(join(dataDir, LOCK_FILE), { force: true });
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
