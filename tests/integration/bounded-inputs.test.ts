import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '$lib/server/db/migrate';
import { createPostgresDatabase } from '$lib/server/db/postgres';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { seedDemo } from '$lib/server/demo/seed';
import { buildOrganisation, buildProgramFrom1900 } from '../factories';
import {
	DATE_BOUNDS_MIGRATION,
	createDatabaseBeforeDateBounds,
	createPostgresDatabaseForTest,
	createTestDatabase,
	testEngine
} from '../helpers/db';

// How long monitoring takes at these bounds: monitoring-bound.timing.test.ts (run alone).
const ANYONE: JwtClaims = { sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated' };

async function insertProgram(db: Database, organisationId: string, starts: string, ends: string) {
	return db.asService((tx) =>
		tx.query(
			`insert into public.programs (organisation_id, kind, name, starts_on, ends_on)
			 values ($1, 'youth', 'P', $2, $3)`,
			[organisationId, starts, ends]
		)
	);
}

async function constraints(db: Database) {
	return db.asOwner((tx) =>
		tx.query<{ conname: string; convalidated: boolean }>(
			`select conname, convalidated from pg_constraint
			 where conrelid = 'public.programs'::regclass
				and conname in ('programs_dates_in_range', 'programs_at_most_ten_years')
			 order by conname`
		)
	);
}

describe(`programme dates in the database (${testEngine()})`, () => {
	let db: Database;
	let organisationId: string;
	let demo: Awaited<ReturnType<typeof seedDemo>>;
	beforeAll(async () => {
		db = await createTestDatabase();
		// The seed only runs on a database without organisations.
		demo = await seedDemo(db);
		organisationId = (await buildOrganisation(db)).id;
	});
	afterAll(() => db.close());

	it('are checked, and the checks are validated on a new database', async () => {
		expect(await constraints(db)).toEqual([
			{ conname: 'programs_at_most_ten_years', convalidated: true },
			{ conname: 'programs_dates_in_range', convalidated: true }
		]);
	});

	it('lie between 2000-01-01 and 2100-12-31', async () => {
		await expect(insertProgram(db, organisationId, '1999-12-31', '2000-06-01')).rejects.toThrow(
			/programs_dates_in_range/
		);
		await expect(insertProgram(db, organisationId, '2100-06-01', '2101-01-01')).rejects.toThrow(
			/programs_dates_in_range/
		);
		await insertProgram(db, organisationId, '2000-01-01', '2000-01-01');
		await insertProgram(db, organisationId, '2091-01-01', '2100-12-31');
	});

	it('span at most 10 years, as the form allows', async () => {
		await insertProgram(db, organisationId, '2026-09-01', '2036-09-01');
		await insertProgram(db, organisationId, '2024-02-29', '2034-02-28');
		await expect(insertProgram(db, organisationId, '2026-09-01', '2036-09-02')).rejects.toThrow(
			/programs_at_most_ten_years/
		);
	});

	it('hold for the demo data', () => {
		expect(demo).not.toBeNull();
	});
});

describe(`the bounds migration on a database that already holds a programme from 1900 (${testEngine()})`, () => {
	let db: Database;
	let old: Awaited<ReturnType<typeof buildProgramFrom1900>>;
	beforeAll(async () => {
		db = await createDatabaseBeforeDateBounds();
		old = await buildProgramFrom1900(db);
	});
	afterAll(() => db.close());

	it('applies, and checks every later insert and update', async () => {
		const result = await migrate(db);
		expect(result.applied).toContain(DATE_BOUNDS_MIGRATION);
		expect(await constraints(db)).toEqual([
			{ conname: 'programs_at_most_ten_years', convalidated: false },
			{ conname: 'programs_dates_in_range', convalidated: false }
		]);
		await expect(
			insertProgram(db, old.program.organisationId, '1900-01-01', '1901-01-01')
		).rejects.toThrow(/programs_dates_in_range/);
		await expect(
			db.asService((tx) =>
				tx.query("update public.programs set name = 'renamed' where id = $1", [old.program.id])
			)
		).rejects.toThrow(/programs_/);
	});

	it('takes the programme again once its dates are fixed', async () => {
		await db.asService((tx) =>
			tx.query("update public.programs set starts_on = '2026-01-01' where id = $1", [
				old.program.id
			])
		);
	});
});

describe.skipIf(testEngine() === 'pglite')('statement timeout (postgres)', () => {
	let db: Database;
	beforeAll(async () => {
		db = createPostgresDatabase({
			connectionString: await createPostgresDatabaseForTest(),
			max: 2,
			statementTimeoutMs: 200
		});
		await migrate(db);
	});
	afterAll(() => db.close());

	it("cancels a person's statement after the limit, and the next request runs normally", async () => {
		const started = performance.now();
		await expect(db.asUser(ANYONE, (tx) => tx.query('select pg_sleep(2)'))).rejects.toMatchObject({
			code: '57014'
		});
		expect(performance.now() - started).toBeLessThan(1_500);
		const rows = await db.asUser(ANYONE, (tx) =>
			tx.query<{ timeout: string }>("select current_setting('statement_timeout') as timeout")
		);
		expect(rows[0].timeout).toBe('200ms');
	});

	it('does not limit server-internal work, nor leak into it on a reused connection', async () => {
		await db.asUser(ANYONE, (tx) => tx.query('select 1'));
		const rows = await db.asService(async (tx) => {
			await tx.query('select pg_sleep(0.3)');
			return tx.query<{ timeout: string }>(
				"select current_setting('statement_timeout') as timeout"
			);
		});
		expect(rows[0].timeout).toBe('0');
	});
});
