import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	isFullySuppressed,
	suppressCumulative,
	suppressPartition,
	type MonitoringTable
} from '$lib/domain/monitoring';
import type { ProgramRole } from '$lib/domain/policy/types';
import type { Database, JwtClaims } from '$lib/server/db/types';
import {
	difficultiesFlagged,
	exitRequests,
	exportMonitoringDataset,
	instrumentCompletion,
	loadMonitoring,
	logbookSubmissions,
	meetingsPerFortnight,
	pairsByPhaseAndStatus,
	stalledPairs
} from '$lib/server/monitoring';
import { seedMonitoringDemo } from '$lib/server/demo/monitoring-demo';
import { seedDemo } from '$lib/server/demo/seed';
import { insertPair } from '$lib/server/pairs/commands';
import {
	buildMembership,
	buildOrganisation,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';
import { pairSheets } from '$lib/domain/templates';

/**
 * A known programme (starts 2026-09-01, minimum group size 5) read on 2026-11-10: fortnights
 * 0 (1–14 Sep) … 5 (10–23 Nov). Twelve pairs, each with its own mentor and mentee.
 */
const UNTIL = '2026-11-10';
const SECRET = 'SECRET-CONTENT-7f3a';

interface PairSpec {
	status: 'active' | 'paused' | 'exit_requested' | 'ended';
	phase: 'BR' | 'SD' | 'P';
	held: string[];
}

const PAIRS: PairSpec[] = [
	{ status: 'active', phase: 'BR', held: ['2026-09-02', '2026-09-16', '2026-10-14'] },
	{ status: 'active', phase: 'BR', held: ['2026-09-02', '2026-09-16', '2026-10-14'] },
	{ status: 'active', phase: 'SD', held: ['2026-09-02', '2026-09-16', '2026-10-25'] },
	{ status: 'active', phase: 'SD', held: ['2026-09-02', '2026-09-30', '2026-10-25'] },
	{ status: 'active', phase: 'SD', held: ['2026-09-02', '2026-09-30', '2026-10-25'] },
	{ status: 'active', phase: 'SD', held: ['2026-09-02', '2026-10-25'] },
	{ status: 'paused', phase: 'SD', held: ['2026-10-25'] },
	{ status: 'paused', phase: 'BR', held: ['2026-11-10'] },
	{ status: 'exit_requested', phase: 'BR', held: [] },
	{ status: 'ended', phase: 'BR', held: [] },
	{ status: 'ended', phase: 'P', held: [] },
	{ status: 'ended', phase: 'BR', held: [] }
];

/** [pair number (1-based), author role, created on, difficulty flag] */
const LOGS: [number, 'mentor' | 'mentee', string, boolean][] = [
	...[1, 2, 3, 4, 5].map((n): [number, 'mentor', string, boolean] => [
		n,
		'mentor',
		'2026-09-03',
		true
	]),
	[1, 'mentor', '2026-09-10', false],
	[1, 'mentor', '2026-09-17', false],
	[2, 'mentor', '2026-09-17', false],
	...[1, 2, 3, 4, 5, 6].map((n): [number, 'mentor', string, boolean] => [
		n,
		'mentor',
		'2026-10-01',
		n <= 2
	]),
	[1, 'mentee', '2026-09-03', false],
	[2, 'mentee', '2026-09-03', false],
	[3, 'mentee', '2026-09-03', false],
	// After the day the charts are read: never counted.
	[7, 'mentor', '2026-11-20', true]
];

/** [pair number, status, created on] */
const EXITS: [number, 'open' | 'handled', string][] = [
	[9, 'open', '2026-10-20'],
	[10, 'handled', '2026-09-20'],
	[11, 'handled', '2026-10-20'],
	[12, 'handled', '2026-10-20'],
	[7, 'handled', '2026-10-01'],
	[8, 'open', '2026-11-10'],
	[6, 'open', '2026-11-20']
];

interface Scenario {
	program: { id: string; organisationId: string };
	people: Record<ProgramRole, BuiltUser>;
	pairIds: string[];
	/** Everything that must never appear in monitoring output. */
	secrets: string[];
}

/** A person of the programme in `role`, with a name that must never leave the database. */
async function buildMember(db: Database, programId: string, role: ProgramRole, n: number) {
	const user = await buildUser(db, { name: `Secretname ${role} ${n}` });
	await buildMembership(db, programId, user, role);
	return user;
}

/** The known programme: pairs, meetings held, progress, logbooks and exit requests. */
async function buildMonitoredProgram(db: Database): Promise<Scenario> {
	const staffed = await buildStaffedProgram(db);
	const { program } = staffed;
	const secrets = [SECRET, ...Object.values(staffed.people).flatMap((p) => [p.id, p.email])];
	const pairIds: string[] = [];
	for (const [index, spec] of PAIRS.entries()) {
		const mentor = await buildMember(db, program.id, 'mentor', index);
		const mentee = await buildMember(db, program.id, 'mentee', index);
		secrets.push(mentor.id, mentor.email, mentee.id, mentee.email, `Secretname mentor ${index}`);
		const pairId = await db.asService(async (tx) => {
			await tx.query(
				'insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)',
				[program.id, mentor.id, staffed.people.supporter.id]
			);
			const id = await insertPair(tx, {
				programId: program.id,
				mentorId: mentor.id,
				menteeId: mentee.id,
				firstMeetingOn: '2026-09-01'
			});
			await tx.query('update public.pairs set status = $2, phase = $3 where id = $1', [
				id,
				spec.status,
				spec.phase
			]);
			for (const [i, day] of spec.held.entries()) {
				await tx.query(
					`update public.meetings set held_at = ($3::date + time '10:00') at time zone 'UTC', place = $4
					 where pair_id = $1 and number = $2`,
					[id, i + 1, day, SECRET]
				);
			}
			return id;
		});
		pairIds.push(pairId);
		for (const [n, role, day, flag] of LOGS.filter(([n]) => n === index + 1)) {
			const author = role === 'mentor' ? mentor : mentee;
			await db.asService((tx) =>
				tx.query(
					`insert into public.log_submissions
						(pair_id, author_id, author_role, met_on, difficulties, strengthening, other, difficulty_flag, created_at)
					 values ($1, $2, $3, $4, $5, $5, $5, $6, ($4::date + time '12:00') at time zone 'UTC')`,
					[pairIds[n - 1], author.id, role, day, SECRET, flag]
				)
			);
		}
		for (const [, status, day] of EXITS.filter(([n]) => n === index + 1)) {
			await db.asService((tx) =>
				tx.query(
					`insert into public.exit_requests (pair_id, requested_by, requester_role, reason, status, created_at)
					 values ($1, $2, 'mentee', $3, $4, ($5::date + time '09:00') at time zone 'UTC')`,
					[pairId, mentee.id, SECRET, status, day]
				)
			);
		}
		// An open request makes a pair "exit_requested" (migration pair_path); the scenario's
		// statuses are what these tests count, so each pair gets its own back.
		await db.asService((tx) =>
			tx.query('update public.pairs set status = $2 where id = $1', [pairId, spec.status])
		);
	}
	secrets.push(...pairIds);
	// Progress: 01-agreement complete for pairs 1–6 and 2 of 5 for 7–8; 02-confidentiality
	// complete for all but pair 12; 03-mutual-presentation 3 of 4 for pair 1 only.
	await db.asService(async (tx) => {
		const progress = async (n: number, key: string, filled: number, total: number) =>
			tx.query(
				`insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total)
				 select s.id, s.pair_id, s.template_key, $3, $4 from public.sheets s
				 where s.pair_id = $1 and s.template_key = $2`,
				[pairIds[n - 1], key, filled, total]
			);
		for (let n = 1; n <= 12; n++) {
			if (n <= 6) await progress(n, '01-agreement', 5, 5);
			else if (n <= 8) await progress(n, '01-agreement', 2, 5);
			await progress(n, '02-confidentiality', n === 12 ? 3 : 4, 4);
		}
		await progress(1, '03-mutual-presentation', 3, 4);
	});
	return { ...staffed, pairIds, secrets };
}

let db: Database;
let known: Scenario;
let other: Awaited<ReturnType<typeof buildStaffedProgram>>;
let stranger: BuiltUser;

beforeAll(async () => {
	db = await createTestDatabase();
	known = await buildMonitoredProgram(db);
	other = await buildStaffedProgram(db, (await buildOrganisation(db)).id);
	stranger = await buildUser(db);
});
afterAll(() => db.close());

const coordinator = () => known.people.coordinator.claims;
const id = () => known.program.id;
const period = { until: UNTIL };

/** Every dataset as raw SQL rows, read as `claims`. */
async function readAll(claims: JwtClaims) {
	return {
		pairs: await pairsByPhaseAndStatus(db, claims, id()),
		meetings: await meetingsPerFortnight(db, claims, id(), period),
		instruments: await instrumentCompletion(db, claims, id()),
		logbook: await logbookSubmissions(db, claims, id(), period),
		difficulties: await difficultiesFlagged(db, claims, id(), period),
		stalled: await stalledPairs(db, claims, id(), { ...period, days: 14 }),
		exits: await exitRequests(db, claims, id(), period)
	};
}

describe(`monitoring (${testEngine()})`, () => {
	it('counts pairs by phase and status, suppressing small cells and their complement', async () => {
		const rows = await pairsByPhaseAndStatus(db, coordinator(), id());
		const of = (breakdown: string) =>
			rows.filter((r) => r.breakdown === breakdown).map((r) => [r.category, r.pairs, r.suppressed]);
		// P (1), WU (0) and MO (0) are small; together 1 pair, so SD (5) is suppressed as well.
		expect(of('phase')).toEqual([
			[null, 12, false],
			['BR', 6, false],
			['SD', null, true],
			['P', null, true],
			['WU', null, true],
			['MO', null, true]
		]);
		// paused 2 + exit requested 1 + ended 3 = 6 pairs behind the suppressed cells: enough.
		expect(of('status')).toEqual([
			[null, 12, false],
			['proposed', null, true],
			['active', 6, false],
			['paused', null, true],
			['exit_requested', null, true],
			['ended', null, true]
		]);
	});

	it('counts meetings held and planned cumulatively, publishing a point only after 5 new pairs', async () => {
		const rows = await meetingsPerFortnight(db, coordinator(), id(), period);
		expect(rows.map((r) => [r.fortnight, r.starts_on, r.held, r.planned])).toEqual([
			[0, '2026-09-01', 6, 12],
			// Fortnight 1: pairs 1–3 only, so the running total waits …
			[1, '2026-09-15', null, 24],
			// … until pairs 4–5 make it five new pairs.
			[2, '2026-09-29', 11, 36],
			[3, '2026-10-13', 18, 48],
			[4, '2026-10-27', null, 60],
			[5, '2026-11-10', null, null]
		]);
		expect(rows.map((r) => r.held_suppressed)).toEqual([false, true, false, false, true, true]);
		expect(rows.map((r) => r.planned_suppressed)).toEqual([
			false,
			false,
			false,
			false,
			false,
			true
		]);
	});

	it('gives the share of pairs that completed each instrument when both parts are large enough', async () => {
		const rows = await instrumentCompletion(db, coordinator(), id());
		const byKey = Object.fromEntries(rows.map((r) => [r.template_key, r]));
		expect(rows).toHaveLength(pairSheets.length);
		expect(byKey['01-agreement']).toEqual({
			template_key: '01-agreement',
			pairs: 12,
			completed: 6,
			share: 0.5,
			suppressed: false
		});
		// 11 of 12: the one pair that did not complete would show, so both are suppressed.
		expect(byKey['02-confidentiality']).toMatchObject({
			pairs: 12,
			completed: null,
			share: null,
			suppressed: true
		});
		expect(byKey['03-mutual-presentation']).toMatchObject({ completed: null, suppressed: true });
		// A lower threshold counts 2 of 5 as done: 8 done, 4 not, so suppressed again.
		const lenient = await instrumentCompletion(db, coordinator(), id(), 0.4);
		expect(lenient.find((r) => r.template_key === '01-agreement')).toMatchObject({
			completed: null,
			suppressed: true
		});
		const half = await instrumentCompletion(db, coordinator(), id(), 0.75);
		expect(half.find((r) => r.template_key === '03-mutual-presentation')).toMatchObject({
			suppressed: true
		});
	});

	it('counts logbook submissions per fortnight and author role, in authors', async () => {
		const rows = await logbookSubmissions(db, coordinator(), id(), period);
		const of = (role: string) =>
			rows.filter((r) => r.author_role === role).map((r) => [r.fortnight, r.submissions]);
		// Mentors: 6 (5 authors), 2 (2), 6 (6), 0, 0, 0. The small ones hide 2 authors, so the
		// smallest published cell (fortnight 0, 5 authors) is suppressed with them.
		expect(of('mentor')).toEqual([
			[0, null],
			[1, null],
			[2, 6],
			[3, null],
			[4, null],
			[5, null],
			[null, 14]
		]);
		// Mentees: 3 authors in all, fewer than 5: nothing is published, not even the total.
		expect(of('mentee')).toEqual([
			[0, null],
			[1, null],
			[2, null],
			[3, null],
			[4, null],
			[5, null],
			[null, null]
		]);
		expect(rows.filter((r) => r.submissions === null).every((r) => r.suppressed)).toBe(true);
	});

	it('counts difficulty flags per fortnight; a total of 5 pairs does not publish a small cell', async () => {
		const rows = await difficultiesFlagged(db, coordinator(), id(), period);
		expect(rows.map((r) => [r.fortnight, r.flagged, r.suppressed])).toEqual([
			[0, null, true],
			[1, null, true],
			[2, null, true],
			[3, null, true],
			[4, null, true],
			[5, null, true],
			[null, 7, false]
		]);
	});

	it('lists stalled active pairs by pseudonym only', async () => {
		const threeWeeks = await stalledPairs(db, coordinator(), id(), period);
		expect(threeWeeks).toEqual([
			{ pseudonym: 'P-01', last_held_on: '2026-10-14', days_without_meeting: 27 },
			{ pseudonym: 'P-02', last_held_on: '2026-10-14', days_without_meeting: 27 }
		]);
		const twoWeeks = await stalledPairs(db, coordinator(), id(), { ...period, days: 14 });
		expect(twoWeeks.map((r) => [r.pseudonym, r.days_without_meeting])).toEqual([
			['P-01', 27],
			['P-02', 27],
			['P-03', 16],
			['P-04', 16],
			['P-05', 16],
			['P-06', 16]
		]);
	});

	it('counts exit requests by status and fortnight, in pairs', async () => {
		const rows = await exitRequests(db, coordinator(), id(), period);
		expect(rows.map((r) => [r.breakdown, r.category ?? r.fortnight, r.requests])).toEqual([
			['status', 'open', null],
			['status', 'handled', null],
			['status', null, 6],
			['fortnight', 0, null],
			['fortnight', 1, null],
			['fortnight', 2, null],
			['fortnight', 3, null],
			['fortnight', 4, null],
			['fortnight', 5, null],
			['fortnight', null, 6]
		]);
	});

	it('returns nothing to a mentor, mentee, supporter or observer, another coordinator or a stranger', async () => {
		const outsiders: [string, JwtClaims][] = [
			...(['mentor', 'mentee', 'supporter', 'observer'] as const).map(
				(role): [string, JwtClaims] => [role, known.people[role].claims]
			),
			['coordinator of another programme', other.people.coordinator.claims],
			['stranger', stranger.claims]
		];
		for (const [who, claims] of outsiders) {
			const all = await readAll(claims);
			for (const [dataset, rows] of Object.entries(all))
				expect(rows, `${who}: ${dataset}`).toEqual([]);
		}
	});

	it('does not let anonymous callers run the functions at all', async () => {
		await expect(
			db.asUser(null, (tx) => tx.query('select * from public.monitoring_pairs($1)', [id()]))
		).rejects.toThrow(/permission denied/);
	});

	it('never returns a name, e-mail address, id or written content, in any column', async () => {
		const all = await readAll(coordinator());
		const allowedColumns = new Set([
			'breakdown',
			'category',
			'pairs',
			'suppressed',
			'fortnight',
			'starts_on',
			'held',
			'held_suppressed',
			'planned',
			'planned_suppressed',
			'template_key',
			'completed',
			'share',
			'author_role',
			'submissions',
			'flagged',
			'pseudonym',
			'last_held_on',
			'days_without_meeting',
			'requests'
		]);
		for (const [dataset, rows] of Object.entries(all)) {
			expect(rows.length, dataset).toBeGreaterThan(0);
			for (const row of rows as object[]) {
				for (const [column, value] of Object.entries(row)) {
					expect(allowedColumns, `${dataset}.${column}`).toContain(column);
					const text = String(value);
					for (const secret of known.secrets)
						expect(text, `${dataset}.${column}`).not.toContain(secret);
					expect(text).not.toMatch(/Secretname|@example\.org|[0-9a-f]{8}-[0-9a-f]{4}-/i);
					if (typeof value === 'string')
						expect(value, `${dataset}.${column}`).toMatch(
							/^(P-\d{2,4}|\d{4}-\d{2}-\d{2}|[A-Za-z0-9_-]{1,40})$/
						);
				}
			}
		}
	});

	it('applies the same small-cell rule as its TypeScript specification', async () => {
		const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
		const cells = fc.array(fc.array(ids, { maxLength: 6 }), { minLength: 1, maxLength: 6 });
		await fc.assert(
			fc.asyncProperty(cells, fc.integer({ min: 2, max: 6 }), async (input, min) => {
				const rows = await db.asUser(coordinator(), (tx) =>
					tx.query<{ partition: boolean[]; cumulative: boolean[] }>(
						`select public.monitoring_suppress_partition($1::jsonb, $2) as partition,
							public.monitoring_suppress_cumulative($1::jsonb, $2) as cumulative`,
						[JSON.stringify(input), min]
					)
				);
				expect(rows[0].partition).toEqual(suppressPartition(input, min));
				expect(rows[0].cumulative).toEqual(suppressCumulative(input, min));
			}),
			{ numRuns: 60 }
		);
	});

	it('gives the same flags from counted cells holding at most the minimum of ids each', async () => {
		// What the dataset functions pass since 20261203000700: each cell's distinct ids, cut to the
		// minimum group size, with the full count beside them (monitoring_suppress_counted), and the
		// cut steps of a cumulative series.
		const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
		const cells = fc.array(fc.uniqueArray(ids, { maxLength: 8 }), { minLength: 1, maxLength: 6 });
		await fc.assert(
			fc.asyncProperty(cells, fc.integer({ min: 2, max: 6 }), async (input, min) => {
				const cut = input.map((cell) => cell.slice(0, min));
				const rows = await db.asUser(coordinator(), (tx) =>
					tx.query<{ counted: boolean[]; cumulative: boolean[] }>(
						`select public.monitoring_suppress_counted(
								$1::jsonb, array(select jsonb_array_elements_text($2::jsonb)::integer), $3
							) as counted,
							public.monitoring_suppress_cumulative($1::jsonb, $3) as cumulative`,
						[JSON.stringify(cut), JSON.stringify(input.map((cell) => cell.length)), min]
					)
				);
				expect(rows[0].counted).toEqual(suppressPartition(input, min));
				expect(rows[0].cumulative).toEqual(suppressCumulative(input, min));
			}),
			{ numRuns: 80 }
		);
	});

	it('audits every reading and every export', async () => {
		const before = await auditActions();
		const { tables, hasPairs } = await loadMonitoring(db, coordinator(), id());
		expect(hasPairs).toBe(true);
		expect(tables.map((t) => t.dataset)).toHaveLength(9);
		await exportMonitoringDataset({ db, claims: coordinator() }, id(), 'meetings');
		const after = await auditActions();
		expect(after.slice(before.length)).toEqual([
			{
				action: 'monitoring.view',
				actor_id: known.people.coordinator.id,
				datasets: tables.map((t) => t.dataset)
			},
			{ action: 'monitoring.export', actor_id: known.people.coordinator.id, datasets: ['meetings'] }
		]);
	});
});

async function auditActions() {
	return db.asUser(coordinator(), (tx) =>
		tx.query<{ action: string; actor_id: string; datasets: string[] }>(
			`select action, actor_id, details -> 'datasets' as datasets from public.audit_events
			 where program_id = $1 and action like 'monitoring.%' order by id`,
			[id()]
		)
	);
}

describe(`monitoring demo data (${testEngine()})`, () => {
	let demo: Database;
	let claims: JwtClaims;
	let tables: Record<string, MonitoringTable>;

	beforeAll(async () => {
		demo = await createTestDatabase();
		await seedDemo(demo);
		const rows = await demo.asService((tx) =>
			tx.query<{ program: string; coordinator: string }>(
				`select p.id as program, u.id as coordinator from public.programs p, public.profiles u
				 where p.name = 'VM-PRO jongerenmentoring' and u.email = 'coordinator@example.org'`
			)
		);
		await demo.asService((tx) => seedMonitoringDemo(tx, rows[0].program));
		// A second call changes nothing.
		await demo.asService((tx) => seedMonitoringDemo(tx, rows[0].program));
		claims = { sub: rows[0].coordinator, role: 'authenticated' };
		const loaded = await loadMonitoring(demo, claims, rows[0].program);
		tables = Object.fromEntries(loaded.tables.map((t) => [t.dataset, t]));
	});
	afterAll(() => demo.close());

	const values = (dataset: string) =>
		Object.fromEntries(tables[dataset].rows.map((r) => [r.key, r.cells[0].value]));

	it('publishes the large phases and statuses and suppresses the small ones', () => {
		expect(values('pairs-by-phase')).toEqual({ BR: 7, SD: 6, P: null, WU: null, MO: null });
		expect(tables['pairs-by-phase'].total?.[0].value).toBe(18);
		expect(values('pairs-by-status')).toEqual({
			proposed: null,
			active: 13,
			paused: null,
			exit_requested: null,
			ended: null
		});
	});

	it('has something to draw in every chart but the exit requests, which stay suppressed', () => {
		for (const dataset of Object.keys(tables)) {
			const suppressedOnly = dataset.startsWith('exit-requests');
			expect(isFullySuppressed(tables[dataset]), dataset).toBe(suppressedOnly);
			expect(tables[dataset].rows.length, dataset).toBeGreaterThan(0);
		}
		expect(tables['exit-requests-by-status'].total?.[0].suppressed).toBe(true);
		expect(tables.meetings.rows[0].cells.every((c) => Number(c.value) >= 10)).toBe(true);
		expect(tables.logbook.total?.every((c) => !c.suppressed)).toBe(true);
		expect(tables.difficulties.total?.[0].suppressed).toBe(false);
	});

	it('shows worksheet completion with one suppressed example', () => {
		const byKey = Object.fromEntries(tables.instruments.rows.map((r) => [r.key, r.cells]));
		expect(byKey['01-agreement'].map((c) => c.value)).toEqual([18, 11, 0.611]);
		expect(byKey['03-mutual-presentation'].map((c) => c.value)).toEqual([18, 8, 0.444]);
		expect(byKey['02-confidentiality'][1].suppressed).toBe(true);
	});

	it('lists the two pairs that stopped meeting as stalled', () => {
		expect(tables['stalled-pairs'].rows.map((r) => r.key)).toEqual(
			expect.arrayContaining(['P-11', 'P-12'])
		);
	});
});
