import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/types';
import { loadMonitoring } from '$lib/server/monitoring';
import { buildBusyProgram, buildProgramFrom1900 } from '../factories';
import { createDatabaseBeforeDateBounds, createTestDatabase, testEngine } from '../helpers/db';

/**
 * How long the monitoring page takes at the bounds of programme dates (the bounds themselves:
 * bounded-inputs.test.ts). These measure time, so they run in the timing projects: one file at a
 * time, after the parallel run, on PGlite and on PostgreSQL.
 */

/** Pairs in the busy programme: each with 200 meetings and 2 logbook entries a fortnight. */
const PAIRS = 100;
/**
 * Generous, for a busy 2-core machine (3.7 s seen on PGlite at a load average of 10). Before
 * the monitoring functions were linear, half as many pairs took 7.8 s on PGlite, 4.5 s on
 * PostgreSQL.
 */
const LOAD_BOUND_MS = 8_000;

describe(`a programme from 1900, kept by the bounds migration (${testEngine()})`, () => {
	let db: Database;
	let old: Awaited<ReturnType<typeof buildProgramFrom1900>>;
	beforeAll(async () => {
		db = await createDatabaseBeforeDateBounds();
		old = await buildProgramFrom1900(db);
		await migrate(db);
	});
	afterAll(() => db.close());

	it('leaves the old programme monitored in bounded time: linear in its 3,300 fortnights', async () => {
		const started = performance.now();
		const monitoring = await loadMonitoring(db, old.people.coordinator.claims, old.program.id);
		const loadMs = performance.now() - started;
		console.info(`monitoring since 1900: ${Math.round(loadMs)} ms`);
		expect(monitoring.tables.find((t) => t.dataset === 'meetings')?.rows.length).toBeGreaterThan(
			3_000
		);
		expect(loadMs).toBeLessThan(LOAD_BOUND_MS);
	});
});

describe(`monitoring a programme of the longest allowed length (${testEngine()})`, () => {
	let db: Database;
	let busy: Awaited<ReturnType<typeof buildBusyProgram>>;
	beforeAll(async () => {
		db = await createTestDatabase();
		busy = await buildBusyProgram(db, { pairs: PAIRS });
	});
	afterAll(() => db.close());

	it('is computed within a bound, and other requests are answered within 1 s meanwhile', async () => {
		const started = performance.now();
		let loadedAt = 0;
		const loading = loadMonitoring(db, busy.people.coordinator.claims, busy.program.id).then(
			(result) => {
				loadedAt = performance.now();
				return result;
			}
		);
		// Another person's health check, again and again while the page is computed.
		const healthMs: number[] = [];
		while (!loadedAt) {
			const asked = performance.now();
			await currentVersion(db);
			healthMs.push(performance.now() - asked);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		const monitoring = await loading;
		const loadMs = loadedAt - started;
		console.info(
			`monitoring ${Math.round(loadMs)} ms; ${healthMs.length} health checks, slowest ${Math.round(Math.max(...healthMs))} ms`
		);
		expect(monitoring.tables).toHaveLength(9);
		const fortnights = monitoring.tables.find((t) => t.dataset === 'meetings')?.rows.length;
		expect(fortnights).toBeGreaterThanOrEqual(260);
		expect(loadMs).toBeLessThan(LOAD_BOUND_MS);
		expect(healthMs.length).toBeGreaterThan(1);
		expect(Math.max(...healthMs)).toBeLessThan(1_000);
	});
});
