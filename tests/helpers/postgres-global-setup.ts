import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '$lib/server/db/migrate';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import { startPostgres } from './postgres-server';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
		/** A migrated database each test file's database is created from (`create database … template`). */
		postgresTemplate: string;
	}
}

export const TEMPLATE = 'mentorpad_migrated';

/** One PostgreSQL 15 server for the whole Postgres integration run; each test file gets a database. */
export default async function setup(project: TestProject) {
	const server = await startPostgres();
	const url = server.url();
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	try {
		await admin.query(`create database ${TEMPLATE}`);
	} finally {
		await admin.end();
	}
	const db = createPostgresDatabase({
		connectionString: url.replace(/\/[^/]*$/, `/${TEMPLATE}`),
		max: 1
	});
	try {
		await migrate(db);
	} finally {
		await db.close(); // a template must have no connections when it is copied
	}
	project.provide('postgresUrl', url);
	project.provide('postgresTemplate', TEMPLATE);
	return () => server.stop();
}
