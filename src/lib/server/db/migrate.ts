import { createHash } from 'node:crypto';
import supabaseCompat from './bootstrap/supabase-compat.sql?raw';
import localAuth from './bootstrap/local-auth.sql?raw';
import type { Database } from './types';

export interface Migration {
	/** The timestamp prefix of the file name, as the Supabase CLI records it. */
	version: string;
	name: string;
	sql: string;
}

export interface MigrateOptions {
	/** Create what Supabase provides (auth schema, roles). False on Supabase itself. */
	bootstrap?: boolean;
	/** Create the local auth adapter's tables. */
	localAuth?: boolean;
	migrations?: Migration[];
}

export interface MigrateResult {
	applied: string[];
	version: string | null;
}

const files = import.meta.glob('/supabase/migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** The migrations in `supabase/migrations/`, in version order. */
export function bundledMigrations(): Migration[] {
	return migrationsFromFiles(files);
}

/** Migrations from file contents by path (only the file name counts), in version order. */
export function migrationsFromFiles(contents: Record<string, string>): Migration[] {
	return Object.entries(contents)
		.map(([path, sql]) => {
			const file = path.split('/').pop() ?? path;
			const match = /^(\d+)_(.+)\.sql$/.exec(file);
			if (!match)
				throw new Error(`Migration file name ${file} must look like <version>_<name>.sql`);
			return { version: match[1], name: match[2], sql };
		})
		.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

// Any constant works; all processes sharing a database must use the same one.
const MIGRATION_LOCK = 7_318_402_117;

/**
 * Applies the bootstrap and every migration not yet recorded, in one transaction under an
 * advisory lock, so two processes starting at once apply each migration exactly once and a
 * failing migration leaves the database as it was. Recorded where the Supabase CLI records
 * migrations, so `supabase db push` and this runner agree on what was applied.
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
	const migrations = options.migrations ?? bundledMigrations();
	return db.asOwner(async (tx) => {
		await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		if (options.bootstrap ?? true) await tx.exec(supabaseCompat);
		if (options.localAuth ?? true) await tx.exec(localAuth);
		await tx.exec(`
			create schema if not exists supabase_migrations;
			create table if not exists supabase_migrations.schema_migrations (
				version text primary key,
				statements text[],
				name text
			);
		`);
		// Each applied migration's text as a hash, not the text itself: every start reads them all.
		const recorded = new Map(
			(
				await tx.query<Recorded>(
					`select version, cardinality(statements) as parts,
						md5(replace(statements[1], E'\\r\\n', E'\\n')) as hash
					from supabase_migrations.schema_migrations`
				)
			).map((row) => [row.version, row])
		);
		const applied: string[] = [];
		for (const migration of migrations) {
			if (recorded.has(migration.version)) {
				assertUnchanged(migration, recorded.get(migration.version));
				continue;
			}
			try {
				await tx.exec(migration.sql);
			} catch (error) {
				throw new Error(
					`Migration ${migration.version}_${migration.name}.sql failed: ${(error as Error).message}`,
					{ cause: error }
				);
			}
			await tx.query(
				'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
				[migration.version, migration.name, [migration.sql]]
			);
			applied.push(migration.version);
		}
		const last = await tx.query<{ version: string | null }>(
			'select max(version) as version from supabase_migrations.schema_migrations'
		);
		return { applied, version: last[0]?.version ?? null };
	});
}

/** An applied migration as recorded: how many statements, and the first one's hash. */
interface Recorded {
	version: string;
	parts: number | null;
	/** md5 of the first statement with CRLF line ends read as LF. */
	hash: string | null;
}

/** The hash `Recorded.hash` is compared with: line endings do not count. */
const textHash = (sql: string) =>
	createHash('md5').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');

/**
 * A migration that has been applied must never change: the database would silently differ from
 * what its file says, and every other installation would differ from this one. This runner
 * records the whole text as one statement; the Supabase CLI records the file split into
 * statements, which cannot be compared to the file reliably, so those are trusted.
 */
function assertUnchanged(migration: Migration, recorded: Recorded | undefined) {
	if (recorded?.parts !== 1 || recorded.hash === textHash(migration.sql)) return;
	const file = `${migration.version}_${migration.name}.sql`;
	throw new Error(
		`Migration ${file} was applied to this database with a different text than the file has now. ` +
			`Applied migrations must never be edited: restore the file (git checkout -- supabase/migrations/${file}) ` +
			`and put the change in a new migration with a later version.`
	);
}

/** The newest recorded migration version, for /healthz. */
export async function currentVersion(db: Database): Promise<string | null> {
	return db.asOwner(async (tx) => {
		const rows = await tx.query<{ version: string | null }>(
			'select max(version) as version from supabase_migrations.schema_migrations'
		);
		return rows[0]?.version ?? null;
	});
}
