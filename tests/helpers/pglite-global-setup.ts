import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '$lib/server/db/migrate';
import { createPgliteDatabase } from '$lib/server/db/pglite';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
	}
}

/**
 * A test database holds a few megabytes: PGlite's default 128MB of shared buffers only made each
 * of the run's hundreds of starts take twice as long (1.1 s against 0.6 s from the template).
 */
export const TEST_SHARED_BUFFERS = '16MB';

/**
 * Creating and migrating a PGlite database costs ~3 s of one core (initdb in WebAssembly); done
 * once here, every test file starts from a copy of the migrated data directory instead.
 */
export default async function setup(project: TestProject) {
	const dir = mkdtempSync(join(tmpdir(), 'mentorpad-pglite-template-'));
	// 1 MB WAL segments: the tarball each test file unpacks is 39 MB instead of 47.
	const db = await createPgliteDatabase({ sharedBuffers: TEST_SHARED_BUFFERS, walSegmentMb: 1 });
	try {
		await migrate(db);
		const file = join(dir, 'migrated.tar');
		writeFileSync(file, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
		project.provide('pgliteTemplate', file);
	} finally {
		await db.close();
	}
	return () => rmSync(dir, { recursive: true, force: true });
}
