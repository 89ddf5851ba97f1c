import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server';

declare module 'vitest' {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

/** One PostgreSQL 15 server for the whole Postgres integration run; each test file gets a database. */
export default async function setup(project: TestProject) {
	const server = await startPostgres();
	project.provide('postgresUrl', server.url());
	return () => server.stop();
}
