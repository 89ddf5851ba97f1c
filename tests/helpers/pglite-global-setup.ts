import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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
 * of the run's hundreds of starts take twice as long (1.1 s against 0.6 s from the template). Set
 * up at every start, 16MB still cost 40 ms of each (the integration project alone: 127–134
 * CPU-seconds with 16MB, 117–120 with 4MB, the same tests passing).
 */
export const TEST_SHARED_BUFFERS = '4MB';

/**
 * Creating and migrating a PGlite database costs ~3 s of one core (initdb in WebAssembly); done
 * once here, every test file starts from a copy of the migrated data directory instead. The copy
 * holds only the database the tests use: initdb's `template0` and `template1` (about 600 files,
 * which PGlite unpacks one by one at each start) are dropped, for a test database is never made
 * from them (a start: 0.76 → 0.49 CPU-seconds, the tarball 40 → 25 MB).
 */
export default async function setup(project: TestProject) {
	const dir = mkdtempSync(join(tmpdir(), 'mentorpad-pglite-template-'));
	// 1 MB WAL segments: the tarball each test file unpacks is 39 MB instead of 47.
	const db = await createPgliteDatabase({ sharedBuffers: TEST_SHARED_BUFFERS, walSegmentMb: 1 });
	try {
		await migrate(db);
		const file = join(dir, 'migrated.tar');
		writeFileSync(file, await withoutTemplateDatabases(await db.dumpDataDir()));
		project.provide('pgliteTemplate', file);
	} finally {
		await db.close();
	}
	return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * The data directory without initdb's template databases. `drop database` cannot run inside a
 * transaction, and the app's adapter runs every statement in one: PGlite itself, on a copy.
 */
async function withoutTemplateDatabases(dump: Blob): Promise<Buffer> {
	const db = await PGlite.create({ loadDataDir: dump });
	try {
		for (const name of ['template0', 'template1']) {
			await db.exec(`alter database ${name} is_template false`);
			await db.exec(`drop database ${name}`);
		}
		return Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
	} finally {
		await db.close();
	}
}
