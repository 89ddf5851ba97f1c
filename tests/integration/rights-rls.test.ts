import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { buildStaffedProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/** Who reads what of the data-rights tables, per role (writes: rls-writes.test.ts). */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let other: Awaited<ReturnType<typeof buildStaffedProgram>>;
let stranger: BuiltUser;

const ROLES = ['coordinator', 'supporter', 'mentor', 'mentee', 'observer'] as const;

const count = async (claims: JwtClaims | null, sql: string, params: unknown[] = []) => {
	try {
		const rows = await db.asUser(claims, (tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from (${sql}) q`, params as string[])
		);
		return rows[0].n;
	} catch (error) {
		if (/permission denied/.test((error as Error).message)) return -1;
		throw error;
	}
};

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	other = await buildStaffedProgram(db);
	stranger = await buildUser(db);
	await db.asService(async (tx) => {
		for (const role of ROLES) {
			await tx.query('insert into public.data_exports (user_id) values ($1)', [
				staffed.people[role].id
			]);
		}
		await tx.query(
			"insert into public.erasure_requests (user_id, program_id, reason) values ($1, $2, 'weg')",
			[staffed.people.mentee.id, staffed.program.id]
		);
		await tx.query('insert into public.retention_runs (program_id, warned_at) values ($1, now())', [
			staffed.program.id
		]);
	});
	// The coordinator viewed the monitoring; the other programme's coordinator viewed theirs.
	for (const s of [staffed, other]) {
		await db.asUser(s.people.coordinator.claims, (tx) =>
			tx.query(
				"select public.record_audit_event('monitoring.view', 'monitoring', $1::text, $2::uuid, '{}')",
				[s.program.id, s.program.id]
			)
		);
	}
});
afterAll(() => db?.close());

describe(`data-rights reads per role (${testEngine()})`, () => {
	it('an export is read by its owner only', async () => {
		for (const role of ROLES) {
			expect(
				await count(staffed.people[role].claims, 'select * from public.data_exports'),
				role
			).toBe(1);
		}
		expect(await count(other.people.coordinator.claims, 'select * from public.data_exports')).toBe(
			0
		);
		expect(await count(stranger.claims, 'select * from public.data_exports')).toBe(0);
		expect(await count(null, 'select * from public.data_exports')).toBe(-1);
	});

	it('an erasure request is read by the person and the programme’s coordinator', async () => {
		const expected = { coordinator: 1, supporter: 0, mentor: 0, mentee: 1, observer: 0 };
		for (const role of ROLES) {
			expect(
				await count(staffed.people[role].claims, 'select * from public.erasure_requests'),
				role
			).toBe(expected[role]);
		}
		expect(
			await count(other.people.coordinator.claims, 'select * from public.erasure_requests')
		).toBe(0);
		expect(await count(stranger.claims, 'select * from public.erasure_requests')).toBe(0);
		expect(await count(null, 'select * from public.erasure_requests')).toBe(-1);
	});

	it('retention runs are read by the programme’s coordinator only', async () => {
		for (const role of ROLES) {
			expect(
				await count(staffed.people[role].claims, 'select * from public.retention_runs'),
				role
			).toBe(role === 'coordinator' ? 1 : 0);
		}
		expect(
			await count(other.people.coordinator.claims, 'select * from public.retention_runs')
		).toBe(0);
		expect(await count(null, 'select * from public.retention_runs')).toBe(-1);
	});

	it('participants see who read their programme’s monitoring; nobody else’s', async () => {
		const about = 'select * from public.audit_events_about_me(100, 0)';
		for (const role of ['supporter', 'mentor', 'mentee', 'observer'] as const) {
			expect(await count(staffed.people[role].claims, about), role).toBe(1);
		}
		const [row] = await db.asUser(staffed.people.mentee.claims, (tx) =>
			tx.query<{ action: string; actor_name: string; actor_role: string }>(about)
		);
		expect(row).toMatchObject({ action: 'monitoring.view', actor_role: 'coordinator' });
		expect(await count(stranger.claims, about)).toBe(0);
		expect(await count(null, about)).toBe(-1);
	});
});
