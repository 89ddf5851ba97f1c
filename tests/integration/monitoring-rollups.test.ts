import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '$lib/server/db/types';
import { insertPair } from '$lib/server/pairs/commands';
import { buildMembership, buildStaffedProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase } from '../helpers/db';

/**
 * Issue #15: monitoring_meetings, monitoring_logbook and monitoring_instruments read rollups kept
 * by triggers (20261205000300_monitoring_rollups.sql). After every kind of write, their outputs
 * must equal those of the former bodies, which compute everything from the rows themselves: the
 * reference below is their exact text from 20261203000700_monitoring_indexes.sql, created under
 * another schema. The rollup tables must also equal a rebuild from scratch.
 */

const REFERENCE = 'monitoring_ref';
const FUNCTIONS = ['monitoring_meetings', 'monitoring_instruments', 'monitoring_logbook'] as const;
const ROLLUPS = {
	monitoring_meeting_pairs: 'program_id, series, k, pair_id, n',
	monitoring_meeting_fortnights: 'program_id, series, k, n, pairs',
	monitoring_log_authors: 'program_id, author_role, k, author_id, n',
	monitoring_log_fortnights: 'program_id, author_role, k, n, people',
	monitoring_log_first: 'program_id, author_role, author_id, first_k',
	monitoring_sheet_states: 'program_id, template_key, filled, total, n'
} as const;

/** The three former function definitions, renamed into the reference schema. */
function referenceSql(): string[] {
	const text = readFileSync(
		new URL('../../supabase/migrations/20261203000700_monitoring_indexes.sql', import.meta.url),
		'utf8'
	);
	return FUNCTIONS.map((name) => {
		const start = text.indexOf(`create or replace function public.${name}(`);
		const end = text.indexOf('\n$$;', start);
		expect(start).toBeGreaterThan(0);
		return text
			.slice(start, end + 4)
			.replace(`function public.${name}(`, `function ${REFERENCE}.${name}(`);
	});
}

let db: Database;
let program: { id: string };
let coordinator: BuiltUser;
const mentors: BuiltUser[] = [];
const mentees: BuiltUser[] = [];
const pairIds: string[] = [];
let other: { program: { id: string }; pairId: string };

const UNTILS = [
	null,
	'2026-08-20',
	'2026-09-01',
	'2026-09-14',
	'2026-09-15',
	'2026-10-09',
	'2026-11-10'
];
const THRESHOLDS = [null, 1, 0.5, 0];

async function call(fn: string, args: SqlValue[]): Promise<unknown[]> {
	return db.asUser(coordinator.claims, (tx) => tx.query(`select * from ${fn}($1, $2)`, args));
}

/** Every output of the three functions equals the reference, for several days and thresholds. */
async function expectSameOutputs() {
	for (const until of UNTILS) {
		for (const fn of ['monitoring_meetings', 'monitoring_logbook']) {
			const args = [program.id, until ?? new Date().toISOString().slice(0, 10)];
			const [got, want] = [
				await call(`public.${fn}`, args),
				await call(`${REFERENCE}.${fn}`, args)
			];
			expect(got, `${fn} until ${until}`).toEqual(want);
		}
	}
	for (const threshold of THRESHOLDS) {
		const args = [program.id, threshold];
		const got = await call('public.monitoring_instruments', args);
		const want = await call(`${REFERENCE}.monitoring_instruments`, args);
		expect(got, `instruments at ${threshold}`).toEqual(want);
	}
}

/** The rollups as they stand equal the rollups rebuilt from the rows (zero rows aside). */
async function expectRollupsRebuildable() {
	await db.asOwner(async (tx) => {
		const read = async () => {
			const out: Record<string, unknown[]> = {};
			for (const [table, columns] of Object.entries(ROLLUPS)) {
				const zero = columns.endsWith(', n') || columns.includes(', n,') ? 'where n <> 0' : '';
				out[table] = await tx.query(
					`select ${columns} from private.${table} ${zero} order by ${columns}`
				);
			}
			return out;
		};
		const kept = await read();
		await tx.query('select private.monitoring_rollups_rebuild(null)');
		expect(kept).toEqual(await read());
	});
}

async function expectConsistent() {
	await expectSameOutputs();
	await expectRollupsRebuildable();
}

async function sql(text: string, params: SqlValue[] = []) {
	return db.asService((tx) => tx.query(text, params));
}

beforeAll(async () => {
	db = await createTestDatabase();
	await db.asOwner(async (tx) => {
		await tx.query(`create schema ${REFERENCE}`);
		await tx.query(`grant usage on schema ${REFERENCE} to authenticated`);
		for (const statement of referenceSql()) await tx.query(statement);
	});
	const staffed = await buildStaffedProgram(db);
	program = staffed.program;
	coordinator = staffed.people.coordinator;
	await sql('update public.programs set min_group_size = 3 where id = $1', [program.id]);
	for (let i = 0; i < 8; i++) {
		const mentor = await buildUser(db);
		const mentee = await buildUser(db);
		await buildMembership(db, program.id, mentor, 'mentor');
		await buildMembership(db, program.id, mentee, 'mentee');
		mentors.push(mentor);
		mentees.push(mentee);
		pairIds.push(
			await db.asService((tx) =>
				insertPair(tx, {
					programId: program.id,
					mentorId: mentor.id,
					menteeId: mentee.id,
					firstMeetingOn: `2026-09-0${1 + (i % 5)}`
				})
			)
		);
	}
	// A second programme whose rows must never count in the first.
	const second = await buildStaffedProgram(db);
	const pairId = await db.asService((tx) =>
		insertPair(tx, {
			programId: second.program.id,
			mentorId: second.people.mentor.id,
			menteeId: second.people.mentee.id,
			firstMeetingOn: '2026-09-02'
		})
	);
	other = { program: second.program, pairId };
}, 120_000);

afterAll(async () => {
	await db?.close();
});

async function hold(pair: number, number: number, day: string | null) {
	await sql(
		`update public.meetings set held_at = ($3::date + time '10:00') at time zone 'UTC'
		 where pair_id = $1 and number = $2`,
		[pairIds[pair], number, day]
	);
}

async function log(pair: number, role: 'mentor' | 'mentee', day: string): Promise<string> {
	const author = role === 'mentor' ? mentors[pair] : mentees[pair];
	const rows = (await sql(
		`insert into public.log_submissions (pair_id, author_id, author_role, met_on, created_at)
		 values ($1, $2, $3, $4, ($4::date + time '12:00') at time zone 'UTC') returning id`,
		[pairIds[pair], author.id, role, day]
	)) as { id: string }[];
	return rows[0].id;
}

async function progress(pair: number, key: string, filled: number, total: number) {
	await sql(
		`insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total)
		 select s.id, s.pair_id, s.template_key, $3, $4 from public.sheets s
		 where s.pair_id = $1 and s.template_key = $2
		 on conflict (sheet_id) do update set filled = excluded.filled, total = excluded.total`,
		[pairIds[pair], key, filled, total]
	);
}

describe('monitoring rollups', () => {
	it('match the former functions for the planned meetings and sheets of new pairs', async () => {
		const [counts] = (await db.asOwner((tx) =>
			tx.query(
				`select (select count(*) from private.monitoring_meeting_pairs where program_id = $1)::int as m,
					(select count(*) from private.monitoring_sheet_states where program_id = $1)::int as s`,
				[program.id]
			)
		)) as { m: number; s: number }[];
		expect(counts.m).toBeGreaterThan(0);
		expect(counts.s).toBeGreaterThan(0);
		await expectConsistent();
	});

	it('match after meetings are held, parts written and progress stored', async () => {
		for (let p = 0; p < 8; p++) {
			await hold(p, 1, `2026-09-0${2 + (p % 6)}`);
			if (p < 6) await hold(p, 2, p < 4 ? '2026-09-16' : '2026-09-29');
			if (p < 3) await hold(p, 3, '2026-10-09');
			await log(p, 'mentor', `2026-09-0${3 + (p % 6)}`);
			if (p < 5) await log(p, 'mentee', '2026-09-17');
			if (p < 2) await log(p, 'mentor', '2026-08-20'); // before the start: fortnight 0
			if (p === 7) await log(p, 'mentor', '2026-12-01'); // after every day read
			await progress(p, '01-agreement', p < 5 ? 5 : 2, 5);
			if (p < 4) await progress(p, '02-confidentiality', 4, 4);
		}
		await log(0, 'mentor', '2026-09-15'); // the first day of fortnight 1
		await hold(0, 4, '2026-09-14'); // the last day of fortnight 0
		await sql(
			`insert into public.log_submissions (pair_id, author_id, author_role, met_on)
			 values ($1, $2, 'mentor', current_date)`,
			[other.pairId, mentors[0].id]
		);
		await expectConsistent();
		// The comparison covers published and suppressed cells of each function.
		const until = [program.id, '2026-11-10'];
		const meetings = (await call('public.monitoring_meetings', until)) as {
			held: number | null;
			held_suppressed: boolean;
		}[];
		expect(meetings.some((r) => r.held !== null && r.held > 0)).toBe(true);
		expect(meetings.some((r) => r.held_suppressed)).toBe(true);
		const logbook = (await call('public.monitoring_logbook', until)) as {
			submissions: number | null;
			suppressed: boolean;
		}[];
		expect(logbook.some((r) => r.submissions !== null && r.submissions > 0)).toBe(true);
		expect(logbook.some((r) => r.suppressed)).toBe(true);
		const instruments = (await call('public.monitoring_instruments', [program.id, 1])) as {
			completed: number | null;
			suppressed: boolean;
		}[];
		expect(instruments.some((r) => r.completed !== null && r.completed > 0)).toBe(true);
		expect(instruments.some((r) => r.suppressed)).toBe(true);
	});

	it('match after held and planned days, authors and progress change', async () => {
		await hold(1, 1, '2026-10-09'); // to a later fortnight
		await hold(2, 2, null); // no longer held
		await hold(3, 2, '2026-09-16'); // the same day again
		await sql(
			`update public.meetings set planned_on = planned_on + 30 where pair_id = any($1::uuid[]) and number = 5`,
			[pairIds.slice(0, 4)]
		);
		await sql(`update public.meetings set planned_on = null where pair_id = $1 and number = 6`, [
			pairIds[5]
		]);
		await sql(
			`update public.log_submissions set created_at = created_at + interval '14 days'
			 where pair_id = $1 and author_role = 'mentee'`,
			[pairIds[0]]
		);
		await sql(
			`update public.log_submissions set author_id = $2 where pair_id = $1 and author_role = 'mentor'`,
			[pairIds[4], mentors[3].id]
		);
		await progress(5, '01-agreement', 5, 5);
		await progress(0, '01-agreement', 1, 5);
		await expectConsistent();
	});

	it('match after meetings, parts, progress and sheets are deleted', async () => {
		await sql('delete from public.meetings where pair_id = $1 and number = 3', [pairIds[0]]);
		await sql(`delete from public.log_submissions where pair_id = $1 and author_role = 'mentee'`, [
			pairIds[1]
		]);
		await sql(
			`delete from public.sheet_progress where pair_id = $1 and template_key = '02-confidentiality'`,
			[pairIds[2]]
		);
		await sql(`delete from public.sheets where pair_id = $1 and template_key = '01-agreement'`, [
			pairIds[3]
		]);
		await expectConsistent();
	});

	it('match after a pair is deleted, with its meetings, parts and sheets', async () => {
		await sql('delete from public.pairs where id = $1', [pairIds[6]]);
		await expectConsistent();
	});

	it('match after the programme moves its start, and after a person is deleted', async () => {
		await sql(`update public.programs set starts_on = '2026-09-08' where id = $1`, [program.id]);
		await expectConsistent();
		await sql('delete from auth.users where id = $1', [mentees[4].id]);
		await expectConsistent();
	});

	it('match after a sequence of random writes', async () => {
		let seed = 15;
		const next = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed % n;
		};
		const live = [0, 1, 2, 3, 5, 7];
		const day = () => {
			const d = new Date(Date.UTC(2026, 7, 25 + next(90)));
			return d.toISOString().slice(0, 10);
		};
		for (let step = 0; step < 40; step++) {
			const pair = live[next(live.length)];
			switch (next(5)) {
				case 0:
					await hold(pair, 1 + next(6), next(4) === 0 ? null : day());
					break;
				case 1:
					await log(pair, next(2) === 0 ? 'mentor' : 'mentee', day());
					break;
				case 2:
					await sql(
						`delete from public.log_submissions where id = (
							select id from public.log_submissions where pair_id = $1 order by created_at limit 1)`,
						[pairIds[pair]]
					);
					break;
				case 3:
					await progress(pair, '01-agreement', next(6), 5);
					break;
				default:
					await sql(
						`update public.meetings set planned_on = $3::date where pair_id = $1 and number = $2`,
						[pairIds[pair], 1 + next(6), day()]
					);
			}
			if (step % 10 === 9) await expectConsistent();
		}
	});

	it('are gone with their programme, and unreadable by signed-in people', async () => {
		await sql('delete from public.programs where id = $1', [other.program.id]);
		const left = (await db.asOwner((tx) =>
			tx.query(
				`select count(*)::int as n from private.monitoring_meeting_pairs where program_id = $1`,
				[other.program.id]
			)
		)) as { n: number }[];
		expect(left[0].n).toBe(0);
		for (const table of Object.keys(ROLLUPS)) {
			await expect(
				db.asUser(coordinator.claims, (tx) => tx.query(`select * from private.${table}`)),
				table
			).rejects.toThrow(/permission denied/);
		}
		await expectConsistent();
	});
});
