import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMigrations, migrate, migrationsFromFiles } from '$lib/server/db/migrate';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import type { Database } from '$lib/server/db/types';
import { createPostgresDatabaseForTest, createTestDatabase, testEngine } from '../helpers/db';

describe(`migrations (${testEngine()})`, () => {
	let db: Database;
	beforeAll(async () => {
		db = await createTestDatabase();
	});
	afterAll(() => db.close());

	it('applied every migration file from empty', async () => {
		const versions = await db.asOwner((tx) =>
			tx.query<{ version: string }>(
				'select version from supabase_migrations.schema_migrations order by version'
			)
		);
		expect(versions.map((v) => v.version)).toEqual(bundledMigrations().map((m) => m.version));
	});

	it('runs on the engine the project names', async () => {
		const rows = await db.asOwner((tx) =>
			tx.query<{ v: string }>("select current_setting('server_version_num') as v")
		);
		const major = Math.floor(Number(rows[0].v) / 10000);
		if (testEngine() === 'postgres') expect(major).toBe(15);
		else expect(major).toBeGreaterThanOrEqual(17);
	});

	it('is a no-op the second time', async () => {
		const again = await migrate(db);
		expect(again.applied).toEqual([]);
		expect(again.version).toBe(bundledMigrations().at(-1)?.version);
	});

	it('enables row-level security on every table in public', async () => {
		const tables = await db.asOwner((tx) =>
			tx.query<{ relname: string; relrowsecurity: boolean }>(
				`select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
				 where n.nspname = 'public' and c.relkind = 'r' order by 1`
			)
		);
		expect(tables.length).toBeGreaterThanOrEqual(8);
		expect(tables.filter((t) => !t.relrowsecurity).map((t) => t.relname)).toEqual([]);
	});

	it('gives every foreign key in public an index on its referencing columns', async () => {
		// Without one, each deleted parent row (a person's erasure, a pair, a programme) scans the
		// whole referencing table for its `on delete` action.
		const unindexed = await db.asOwner((tx) =>
			tx.query<{ foreign_key: string }>(
				`select c.conrelid::regclass::text || '.' || c.conname as foreign_key
				 from pg_constraint c join pg_namespace n on n.oid = c.connamespace
				 where c.contype = 'f' and n.nspname = 'public'
				   and not exists (
				     select 1 from pg_index i
				     where i.indrelid = c.conrelid
				       and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
				       and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
				 order by 1`
			)
		);
		const foreignKeys = await db.asOwner((tx) =>
			tx.query<{ n: number }>(
				`select count(*)::int as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace
				 where c.contype = 'f' and n.nspname = 'public'`
			)
		);
		expect(foreignKeys[0].n).toBeGreaterThan(100);
		expect(unindexed.map((row) => row.foreign_key)).toEqual([]);
	});

	it('rolls back a failing migration completely', async () => {
		const broken = [
			...bundledMigrations(),
			{
				version: '99990101000000',
				name: 'half',
				sql: 'create table public.half (id int); select 1/0;'
			}
		];
		await expect(migrate(db, { migrations: broken })).rejects.toThrow(
			/99990101000000_half\.sql failed/
		);
		const half = await db.asOwner((tx) =>
			tx.query<{ t: string | null }>("select to_regclass('public.half')::text as t")
		);
		expect(half[0].t).toBeNull();
	});

	it('refuses to start when an applied migration was edited, naming the file and the fix', async () => {
		const edited = bundledMigrations().map((m, i) =>
			i === 1 ? { ...m, sql: m.sql + '\n-- an afterthought\n' } : m
		);
		const file = `${edited[1].version}_${edited[1].name}.sql`;
		const refusal = migrate(db, { migrations: edited });
		await expect(refusal).rejects.toThrow(new RegExp(`${file} was applied .* different text`));
		await expect(refusal).rejects.toThrow(/never be edited: restore the file .* new migration/);
	});

	it('starts from an unchanged copy of the folder and refuses once a file in it is edited', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'mentorpad-migrations-'));
		try {
			cpSync(fileURLToPath(new URL('../../supabase/migrations', import.meta.url)), dir, {
				recursive: true
			});
			const sqlFiles = readdirSync(dir)
				.filter((f) => f.endsWith('.sql'))
				.sort();
			const fromFolder = () =>
				migrationsFromFiles(
					Object.fromEntries(sqlFiles.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
				);
			await expect(migrate(db, { migrations: fromFolder() })).resolves.toMatchObject({
				applied: []
			});

			const file = sqlFiles[2];
			const original = readFileSync(join(dir, file), 'utf8');
			writeFileSync(join(dir, file), original.replace('create table', 'create  table'));
			const refusal = migrate(db, { migrations: fromFolder() });
			await expect(refusal).rejects.toThrow(
				`Migration ${file} was applied to this database with a different text than the file has now`
			);
			await expect(refusal).rejects.toThrow(
				`restore the file (git checkout -- supabase/migrations/${file}) and put the change in a new migration`
			);

			writeFileSync(join(dir, file), original);
			await expect(migrate(db, { migrations: fromFolder() })).resolves.toMatchObject({
				applied: []
			});
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('accepts an applied migration whose file only changed its line endings', async () => {
		const crlf = bundledMigrations().map((m) => ({ ...m, sql: m.sql.replace(/\n/g, '\r\n') }));
		await expect(migrate(db, { migrations: crlf })).resolves.toMatchObject({ applied: [] });
	});

	it('trusts migrations the Supabase CLI recorded as separate statements', async () => {
		const [first] = bundledMigrations();
		const original = await db.asOwner((tx) =>
			tx.query<{ statements: string[] }>(
				'select statements from supabase_migrations.schema_migrations where version = $1',
				[first.version]
			)
		);
		const setStatements = (statements: string[]) =>
			db.asOwner((tx) =>
				tx.query(
					'update supabase_migrations.schema_migrations set statements = $2 where version = $1',
					[first.version, statements]
				)
			);
		await setStatements(['create table a (id int)', 'create table b (id int)']);
		try {
			await expect(migrate(db)).resolves.toMatchObject({ applied: [] });
		} finally {
			await setStatements(original[0].statements);
		}
	});

	it.runIf(testEngine() === 'postgres')(
		'applies each migration once when two processes start at the same time',
		async () => {
			const url = await createPostgresDatabaseForTest();
			const a = createPostgresDatabase({ connectionString: url, max: 1 });
			const b = createPostgresDatabase({ connectionString: url, max: 1 });
			try {
				const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
				const all = bundledMigrations().map((m) => m.version);
				expect([...ra.applied, ...rb.applied].sort()).toEqual(all);
				expect(ra.version).toBe(rb.version);
			} finally {
				await a.close();
				await b.close();
			}
		}
	);
});
