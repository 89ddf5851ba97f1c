import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '$lib/server/db/migrate';
import { createPgliteDatabase } from '$lib/server/db/pglite';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import type { Database } from '$lib/server/db/types';

/** Which engine the integration project runs on: set per Vitest project. */
export function testEngine(): 'pglite' | 'postgres' {
	return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
 * PostgreSQL server the run started. `migrate: false` leaves it empty.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
	const db =
		testEngine() === 'pglite'
			? await createPgliteDatabase()
			: createPostgresDatabase({
					connectionString: await createPostgresDatabaseForTest(),
					max: 4
				});
	if (options.migrate ?? true) await migrate(db);
	return db;
}

/** Creates an empty database on the run's PostgreSQL server and returns its URL. */
export async function createPostgresDatabaseForTest(): Promise<string> {
	const adminUrl = inject('postgresUrl');
	const name = `test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`create database ${name}`);
	} finally {
		await admin.end();
	}
	return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}
