import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { bundledMigrations, migrate } from '$lib/server/db/migrate';
import { createPgliteDatabase } from '$lib/server/db/pglite';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import type { Database } from '$lib/server/db/types';
import { TEST_SHARED_BUFFERS } from './pglite-global-setup';

/** Which engine the integration project runs on: set per Vitest project. */
export function testEngine(): 'pglite' | 'postgres' {
	return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
 * PostgreSQL server the run started. `migrate: false` leaves it empty.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
	const migrated = options.migrate ?? true;
	if (testEngine() === 'pglite') {
		// Started from the migrated template the run made once (pglite-global-setup.ts); `migrate`
		// then only confirms every migration is recorded and unchanged.
		const db = await createPgliteDatabase({
			sharedBuffers: TEST_SHARED_BUFFERS,
			...(migrated ? { loadDataDir: templateBlob() } : {})
		});
		if (migrated) await migrate(db);
		return db;
	}
	const db = createPostgresDatabase({
		connectionString: await createPostgresDatabaseForTest({ migrated }),
		max: 4
	});
	if (migrated) await migrate(db);
	return db;
}

/** The migrated template's tarball, read once per worker (the files share a worker's modules). */
let template: { path: string; blob: TemplateBlob } | undefined;
function templateBlob(): TemplateBlob {
	const path = inject('pgliteTemplate');
	if (template?.path !== path) {
		template = { path, blob: new TemplateBlob(new Uint8Array(readFileSync(path))) };
	}
	return template.blob;
}

/**
 * The tarball as PGlite reads it: it only calls `arrayBuffer()`, which Node 20 answers by reading
 * the blob back in small chunks and joining them, and making a blob copies its 39 MB (a CPU
 * profile of four starts: 2.2 of 5.8 s in `node:internal/blob` and `concat`). This one is made
 * once and hands over its bytes as they are: PGlite only reads the tarball, copying each file out
 * of it into its in-memory file system.
 */
class TemplateBlob extends Blob {
	constructor(private readonly tarball: Uint8Array<ArrayBuffer>) {
		super([tarball], { type: 'application/x-tar' });
	}

	override arrayBuffer(): Promise<ArrayBuffer> {
		return Promise.resolve(this.tarball.buffer);
	}
}

/**
 * Creates a database on the run's PostgreSQL server and returns its URL: empty, or (`migrated`)
 * a copy of the migrated template the run made once.
 */
export async function createPostgresDatabaseForTest(
	options: { migrated?: boolean } = {}
): Promise<string> {
	const adminUrl = inject('postgresUrl');
	const name = `test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(
			options.migrated
				? `create database ${name} template ${inject('postgresTemplate')}`
				: `create database ${name}`
		);
	} finally {
		await admin.end();
	}
	return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

/** The migration that bounds programme dates and makes the monitoring functions linear. */
export const DATE_BOUNDS_MIGRATION = '20261130000200';

/** A test database migrated up to just before `DATE_BOUNDS_MIGRATION`, as one from before it. */
export async function createDatabaseBeforeDateBounds(): Promise<Database> {
	const db = await createTestDatabase({ migrate: false });
	await migrate(db, {
		migrations: bundledMigrations().filter((m) => m.version < DATE_BOUNDS_MIGRATION)
	});
	return db;
}
