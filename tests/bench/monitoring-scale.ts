/**
 * The coordinator's monitoring at scale on PostgreSQL (issue #15): one programme with 10,000
 * pairs, 100,000 meetings and 200,000 logbook parts (plus worksheets with progress, exit
 * requests, path history and check-ins, everything the monitoring page reads), then every
 * function the monitoring page and its CSV downloads call, timed (median and minimum of `--runs`
 * after one warm-up), and the plan of each with EXPLAIN (ANALYZE, BUFFERS) of the statements
 * inside the SQL functions (auto_explain, nested statements).
 *
 *   npm run bench:monitoring -- [--pairs 10000] [--runs 5] [--url postgres://…] [--keep]
 *                               [--label name] [--out dir]
 *
 * Without `--url` a throwaway PostgreSQL cluster is started (as the integration suite does,
 * binaries from PG_BIN or /usr/lib/postgresql/<newest>/bin). With `--url` that database is used:
 * it is migrated, and generated only when it has no scale programme yet, so a second run measures
 * again without generating (`--keep` leaves a throwaway cluster running for that and prints its
 * URL). Reports go to `--out` as timings-<label>.json and explain-<label>.txt.
 *
 * Before and after a change to the SQL: measure once with the change's migration file moved out
 * of supabase/migrations (on a copy of the database: `create database b template a`), once with
 * it; see docs/performance.md, "Monitoring at scale".
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pairSheetKeys } from '$lib/domain/templates';
import { loadCheckinSummary } from '$lib/server/care';
import { migrate } from '$lib/server/db/migrate';
import { createPostgresDatabase } from '$lib/server/db/postgres';
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
	programHasPairs,
	stalledPairs
} from '$lib/server/monitoring';
import { phaseDays } from '$lib/server/pairs/path';
import { startPostgres } from '../helpers/postgres-server';

const INDEX_MIGRATION = '20261203000700';
const ROLLUP_MIGRATION = '20261205000300';
/** Plans kept per function in the report. */
const PLANS = 4;

const { values: args } = parseArgs({
	options: {
		pairs: { type: 'string', default: '10000' },
		runs: { type: 'string', default: '5' },
		url: { type: 'string' },
		keep: { type: 'boolean', default: false },
		label: { type: 'string', default: 'run' },
		out: { type: 'string', default: 'node_modules/.cache/mentorpad-monitoring-report' }
	}
});
const PAIRS = Number(args.pairs);
const RUNS = Number(args.runs);
// At most 9,999 pairs fit the pseudonym pattern P-0000 … P-9999 with one more digit each way.
if (!(PAIRS >= 10 && PAIRS <= 10_000)) throw new Error('--pairs must be between 10 and 10000');

/** Fixed ids (md5 of a label): a second run finds the same programme and people. */
const ORG = "md5('scale-org')::uuid";
const PROGRAM = "md5('scale-program')::uuid";
const COORDINATOR = "md5('scale-coordinator')::uuid";
const MENTORS = Math.ceil(PAIRS / 4);

/**
 * The programme started 300 days ago and runs a year. Pair i starts on day i % 100 and holds ten
 * meetings spread evenly up to day 300 - (i % 30): its last meeting was 0–29 days ago, so about a
 * third of the active pairs are stalled at 21 days, plus one in 17 that stopped after five
 * meetings. One meeting in twenty was not held. Mentor and mentee each submit a logbook part the
 * day after every meeting (200,000 parts), one in ten flagging a difficulty.
 */
function generationSql(pairs: number): string {
	const keys = pairSheetKeys.map((k) => `'${k.replace(/'/g, "''")}'`).join(', ');
	return `
	set local session_replication_role = replica;
	set local work_mem = '64MB';

	insert into auth.users (id, email, created_at)
	select ${COORDINATOR}, 'coordinator@scale.test', now()
	union all
	select md5('scale-mentor-' || i)::uuid, 'mentor' || i || '@scale.test', now()
	from generate_series(1, ${MENTORS}) i
	union all
	select md5('scale-mentee-' || i)::uuid, 'mentee' || i || '@scale.test', now()
	from generate_series(1, ${pairs}) i;

	insert into public.profiles (id, email, display_name)
	select u.id, u.email, split_part(u.email, '@', 1) from auth.users u where u.email like '%@scale.test';

	insert into public.organisations (id, name) values (${ORG}, 'Scale');
	insert into public.programs (id, organisation_id, kind, name, starts_on, ends_on,
		max_mentees_per_mentor, min_group_size, created_by)
	values (${PROGRAM}, ${ORG}, 'teacher_induction', 'Scale', current_date - 300, current_date + 65,
		4, 5, ${COORDINATOR});

	insert into public.memberships (program_id, user_id, role)
	select ${PROGRAM}, ${COORDINATOR}, 'coordinator'
	union all
	select ${PROGRAM}, md5('scale-mentor-' || i)::uuid, 'mentor' from generate_series(1, ${MENTORS}) i
	union all
	select ${PROGRAM}, md5('scale-mentee-' || i)::uuid, 'mentee' from generate_series(1, ${pairs}) i;

	create temporary table scale_pairs on commit drop as
	select i, md5('scale-pair-' || i)::uuid as id,
		md5('scale-mentor-' || (1 + (i - 1) % ${MENTORS}))::uuid as mentor_id,
		md5('scale-mentee-' || i)::uuid as mentee_id,
		(current_date - 300 + i % 100) as first_day,
		(current_date - i % 30) as last_day,
		case
			when i % 20 = 0 then 'proposed'
			when i % 20 in (1, 2) then 'paused'
			when i % 20 = 3 then 'exit_requested'
			when i % 20 in (4, 5) then 'ended'
			else 'active'
		end as status,
		(array['BR', 'SD', 'SD', 'P', 'P', 'P', 'WU', 'WU', 'MO'])[1 + (i * 7) % 9] as phase
	from generate_series(1, ${pairs}) i;

	insert into public.pairs (id, program_id, mentor_id, mentee_id, status, phase, pseudonym,
		created_at, updated_at, ended_at)
	select p.id, ${PROGRAM}, p.mentor_id, p.mentee_id, p.status, p.phase,
		'P-' || lpad((p.i - 1)::text, 4, '0'),
		p.first_day + time '08:00', p.first_day + time '08:00',
		case when p.status = 'ended' then p.last_day + time '12:00' end
	from scale_pairs p;

	insert into public.meetings (id, pair_id, number, planned_on, starts_at, held_at, updated_at)
	select md5('scale-meeting-' || p.i || '-' || n)::uuid, p.id, n, d.day, d.day + time '15:00',
		case when (p.i + n) % 20 <> 0 and not (p.i % 17 = 0 and n > 5)
			then d.day + time '17:00' end,
		d.day + time '17:00'
	from scale_pairs p
	cross join generate_series(1, 10) n
	cross join lateral (
		select p.first_day + ((n - 1) * (p.last_day - p.first_day)) / 9 as day
	) d;

	insert into public.log_submissions (pair_id, author_id, author_role, meeting_id, met_on,
		sheet_used, difficulties, strengthening, other, difficulty_flag, created_at)
	select m.pair_id, case r.role when 'mentor' then p.mentor_id else p.mentee_id end, r.role,
		m.id, m.planned_on, 'SD-goals',
		'We spraken over de klas en de planning van de volgende weken; het overleg liep vlot.',
		'Samen een les voorbereid en nabesproken.', '',
		(p.i + m.number + length(r.role)) % 10 = 0,
		least(m.planned_on + 1, current_date) + time '18:30'
	from public.meetings m
	join scale_pairs p on p.id = m.pair_id
	cross join (values ('mentor'), ('mentee')) r (role);

	insert into public.sheets (id, pair_id, template_key, template_version, doc_name, status,
		created_at, updated_at)
	select md5('scale-sheet-' || p.i || '-' || k.n)::uuid, p.id, k.key, 1,
		'sheet:' || md5('scale-sheet-' || p.i || '-' || k.n),
		case when (p.i + k.n) % 3 = 0 then 'completed' else 'open' end,
		p.first_day + time '09:00', p.first_day + time '09:00'
	from scale_pairs p
	cross join lateral (
		select k.key, k.n from unnest(array[${keys}]) with ordinality k (key, n)
		where k.n <= 2 + p.i % ${Math.max(1, pairSheetKeys.length - 1)}
	) k;

	insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total, updated_at)
	select s.id, s.pair_id, s.template_key,
		case when s.status = 'completed' then 20 else (hashtext(s.id::text) & 1023) % 21 end, 20,
		s.updated_at
	from public.sheets s join scale_pairs p on p.id = s.pair_id;

	insert into public.exit_requests (pair_id, requested_by, requester_role, reason, status,
		outcome, created_at, handled_at, handled_by)
	select p.id, p.mentee_id, 'mentee', 'Het lukt niet meer om af te spreken.',
		case when p.status = 'exit_requested' then 'open' else 'handled' end,
		case when p.status = 'ended' then 'ended' end,
		p.last_day - 20 + time '10:00',
		case when p.status = 'ended' then p.last_day + time '12:00' end,
		case when p.status = 'ended' then ${COORDINATOR} end
	from scale_pairs p where p.status in ('exit_requested', 'ended');

	insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_at)
	select p.id, 'phase', case when s.n > 1 then s.phases[s.n - 1] end, s.phases[s.n],
		p.first_day + (s.n - 1) * 40 + time '10:00'
	from scale_pairs p
	cross join lateral (
		select array['BR', 'SD', 'P', 'WU', 'MO'] as phases, n
		from generate_series(1, array_position(array['BR', 'SD', 'P', 'WU', 'MO'], p.phase)) n
	) s
	union all
	select p.id, 'status', null, 'active', p.first_day + time '08:00' from scale_pairs p;

	insert into public.checkins (program_id, pair_id, respondent_id, respondent_role, occasion,
		round, phase, sent_at, answered_at, satisfaction, progress)
	select ${PROGRAM}, p.id, r.person, r.role, case when k = 0 then 'first' else 'periodic' end,
		k, p.phase, p.first_day + 30 * (k + 1) + time '07:00',
		case when a.yes then p.first_day + 30 * (k + 1) + 2 + time '20:00' end,
		case when a.yes then 1 + (p.i + k) % 5 end, case when a.yes then 1 + (p.i * 3 + k) % 5 end
	from scale_pairs p
	cross join generate_series(0, 2) k
	cross join lateral (values (p.mentor_id, 'mentor'), (p.mentee_id, 'mentee')) r (person, role)
	cross join lateral (select (p.i + k + length(r.role)) % 10 < 7 as yes) a;
	`;
}

async function generate(db: Database): Promise<void> {
	const exists = await db.asOwner((tx) =>
		tx.query<{ n: number }>(
			`select count(*)::int as n from public.pairs where program_id = ${PROGRAM}`
		)
	);
	if ((exists[0]?.n ?? 0) > 0) {
		console.log(`scale programme present (${exists[0].n} pairs): not generating`);
		return;
	}
	const started = performance.now();
	await db.asOwner((tx) => tx.exec(generationSql(PAIRS)));
	const generated = performance.now();
	// The generator runs with triggers off: fill the monitoring rollups (20261205000300) as that
	// migration's backfill does on an existing database.
	const rollups = await db.asOwner(async (tx) => {
		const found = await tx.query<{ f: string | null }>(
			"select to_regproc('private.monitoring_rollups_rebuild')::text as f"
		);
		if (!found[0]?.f) return null;
		const start = performance.now();
		await tx.query('select private.monitoring_rollups_rebuild(null)');
		return performance.now() - start;
	});
	const rebuilt = performance.now();
	await db.asOwner((tx) => tx.exec('analyze'));
	console.log(
		`generated in ${((generated - started) / 1000).toFixed(1)} s, ` +
			(rollups === null ? '' : `rollups built in ${(rollups / 1000).toFixed(1)} s, `) +
			`analyzed in ${((performance.now() - rebuilt) / 1000).toFixed(1)} s`
	);
}

async function counts(db: Database): Promise<Record<string, number>> {
	const tables = [
		'pairs',
		'meetings',
		'log_submissions',
		'sheets',
		'sheet_progress',
		'exit_requests',
		'pair_path_history',
		'checkins'
	];
	const rows = await db.asOwner((tx) =>
		tx.query<{ t: string; n: number }>(
			tables
				.map((t) => `select '${t}' as t, count(*)::int as n from public.${t}`)
				.join(' union all ')
		)
	);
	return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

interface Measured {
	name: string;
	/** The SQL the function runs, for EXPLAIN; none for composites. */
	sql?: string;
	params?: (claims: JwtClaims, programId: string) => unknown[];
	run: () => Promise<unknown>;
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function time(
	run: () => Promise<unknown>
): Promise<{ median: number; min: number; max: number }> {
	await run();
	const samples: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		await run();
		samples.push(performance.now() - start);
	}
	return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

/**
 * The plans of every statement the call runs, nested ones included (auto_explain sends them to
 * this client as notices), longest first.
 */
async function explain(
	url: string,
	claims: JwtClaims,
	sql: string,
	params: unknown[]
): Promise<string[]> {
	const client = new pg.Client({ connectionString: url });
	const notices: string[] = [];
	client.on('notice', (n) => notices.push(n.message ?? ''));
	await client.connect();
	try {
		await client.query('begin');
		await client.query("load 'auto_explain'");
		await client.query(`
			set local auto_explain.log_min_duration = 0;
			set local auto_explain.log_analyze = on;
			set local auto_explain.log_buffers = on;
			set local auto_explain.log_timing = on;
			set local auto_explain.log_nested_statements = on;
			set local auto_explain.log_level = notice;
		`);
		await client.query(
			"select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
			[JSON.stringify(claims)]
		);
		await client.query(sql, params);
		await client.query('rollback');
	} finally {
		await client.end();
	}
	const duration = (plan: string) => Number(/duration: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
	return notices.filter((n) => n.includes('duration:')).sort((a, b) => duration(b) - duration(a));
}

/**
 * What writing costs (the rollup triggers of 20261205000300 run on every meeting, logbook part
 * and progress row): 1,000 meetings inserted and moved, 1,000 logbook parts inserted and deleted and 1,000
 * progress rows changed, as the database owner,
 * each statement's wall time and backend CPU time, median of `RUNS` transactions rolled back.
 */
async function writeCost(
	url: string
): Promise<{ name: string; wall: number; cpu: number | null }[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const statements: [string, string][] = [
		[
			'insert 1,000 meetings',
			`insert into public.meetings (pair_id, number, planned_on, held_at)
			 select md5('scale-pair-' || i)::uuid, 150, current_date + 3, now() - interval '1 day'
			 from generate_series(1, 1000) i`
		],
		[
			'update held_at of 1,000 meetings',
			`update public.meetings set held_at = held_at - interval '20 days'
			 where number = 150`
		],
		[
			'insert 1,000 logbook parts',
			`insert into public.log_submissions (pair_id, author_id, author_role, met_on)
			 select md5('scale-pair-' || i)::uuid, md5('scale-mentee-' || i)::uuid, 'mentee', current_date
			 from generate_series(1, 1000) i`
		],
		[
			'delete 1,000 logbook parts',
			"delete from public.log_submissions where created_at = now() and author_role = 'mentee'"
		],
		[
			'update 1,000 progress rows',
			`update public.sheet_progress set filled = case when filled > 0 then filled - 1 else filled end
			 where sheet_id in (select id from public.sheets order by id limit 1000)`
		]
	];
	try {
		const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
		const file = `/proc/${pid}/schedstat`;
		const onCpu = () =>
			existsSync(file) ? Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e6 : null;
		const samples = statements.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
		for (let run = 0; run <= RUNS; run++) {
			await client.query('begin');
			for (const [i, [, sql]] of statements.entries()) {
				const cpu = onCpu();
				const start = performance.now();
				await client.query(sql);
				const wall = performance.now() - start;
				const after = onCpu();
				// The first transaction warms up.
				if (run > 0) {
					samples[i].wall.push(wall);
					if (cpu !== null && after !== null) samples[i].cpu.push(after - cpu);
				}
			}
			await client.query('rollback');
		}
		return statements.map(([name], i) => ({
			name,
			wall: median(samples[i].wall),
			cpu: samples[i].cpu.length ? median(samples[i].cpu) : null
		}));
	} finally {
		await client.end();
	}
}

/**
 * The CPU time the database server spent on the call (its backend's `/proc/<pid>/schedstat`, in
 * nanoseconds), median of `RUNS` after a warm-up: what the query costs on an idle core, whatever
 * else the machine is running. Null when the server is not on this machine.
 */
async function serverCpu(
	url: string,
	claims: JwtClaims,
	sql: string,
	params: unknown[]
): Promise<number | null> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
		const file = `/proc/${pid}/schedstat`;
		if (!existsSync(file)) return null;
		const onCpu = () => Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
		const once = async () => {
			await client.query('begin');
			await client.query(
				"select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
				[JSON.stringify(claims)]
			);
			await client.query(sql, params);
			await client.query('rollback');
		};
		await once();
		const samples: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const before = onCpu();
			await once();
			samples.push(onCpu() - before);
		}
		return median(samples);
	} finally {
		await client.end();
	}
}

async function main() {
	const server = args.url ? null : await startPostgres();
	const url = args.url ?? server!.url();
	const db = createPostgresDatabase({ connectionString: url, max: 4 });
	try {
		const migrating = performance.now();
		await migrate(db);
		console.log(`migrated in ${((performance.now() - migrating) / 1000).toFixed(1)} s`);
		await generate(db);
		const sizes = await counts(db);
		console.log('rows:', JSON.stringify(sizes));
		const applied = await db.asOwner((tx) =>
			tx.query<{ n: number }>(
				'select count(*)::int as n from supabase_migrations.schema_migrations where version = $1',
				[INDEX_MIGRATION]
			)
		);
		console.log(`${INDEX_MIGRATION}_monitoring_indexes.sql applied: ${applied[0].n > 0}`);
		const rolled = await db.asOwner((tx) =>
			tx.query<{ n: number }>(
				'select count(*)::int as n from supabase_migrations.schema_migrations where version = $1',
				[ROLLUP_MIGRATION]
			)
		);
		console.log(`${ROLLUP_MIGRATION}_monitoring_rollups.sql applied: ${rolled[0].n > 0}`);
		const ids = await db.asOwner((tx) =>
			tx.query<{ program: string; coordinator: string }>(
				`select ${PROGRAM}::text as program, ${COORDINATOR}::text as coordinator`
			)
		);
		const programId = ids[0].program;
		const claims: JwtClaims = { sub: ids[0].coordinator, role: 'authenticated' };
		const today = 'current_date';
		const measured: Measured[] = [
			{
				name: 'programHasPairs',
				sql: 'select exists (select 1 from public.pairs where program_id = $2) as any',
				run: () => programHasPairs(db, claims, programId)
			},
			{
				name: 'monitoring_pairs',
				sql: 'select * from public.monitoring_pairs($2)',
				run: () => pairsByPhaseAndStatus(db, claims, programId)
			},
			{
				name: 'monitoring_exit_requests',
				sql: `select * from public.monitoring_exit_requests($2, ${today})`,
				run: () => exitRequests(db, claims, programId)
			},
			{
				name: 'monitoring_meetings',
				sql: `select * from public.monitoring_meetings($2, ${today})`,
				run: () => meetingsPerFortnight(db, claims, programId)
			},
			{
				name: 'monitoring_instruments',
				sql: 'select * from public.monitoring_instruments($2, 1)',
				run: () => instrumentCompletion(db, claims, programId)
			},
			{
				name: 'monitoring_logbook',
				sql: `select * from public.monitoring_logbook($2, ${today})`,
				run: () => logbookSubmissions(db, claims, programId)
			},
			{
				name: 'monitoring_difficulties',
				sql: `select * from public.monitoring_difficulties($2, ${today})`,
				run: () => difficultiesFlagged(db, claims, programId)
			},
			{
				name: 'monitoring_stalled_pairs',
				sql: `select * from public.monitoring_stalled_pairs($2, 21, ${today})`,
				run: () => stalledPairs(db, claims, programId, { days: 21 })
			},
			{
				name: 'monitoring_phase_days',
				sql: 'select * from public.monitoring_phase_days($2)',
				run: () => phaseDays(db, claims, programId)
			},
			{
				name: 'care_checkin_summary',
				sql: 'select * from public.care_checkin_summary($2)',
				run: () => loadCheckinSummary(db, claims, programId, 5)
			},
			{
				name: 'loadMonitoring (page, all datasets + audit)',
				run: () => loadMonitoring(db, claims, programId)
			},
			{
				name: 'exportMonitoringDataset meetings.csv (+ audit)',
				run: () => exportMonitoringDataset({ db, claims }, programId, 'meetings')
			}
		];
		const out = args.out!;
		mkdirSync(out, { recursive: true });
		const results: {
			name: string;
			median: number;
			min: number;
			max: number;
			serverCpuMs: number | null;
		}[] = [];
		const plans: string[] = [];
		const ms = (x: number | null) => (x === null ? '   n/a' : x.toFixed(1).padStart(6));
		for (const m of measured) {
			const t = await time(m.run);
			// $1 is the claims' place in explain(); the functions' SQL uses $2 for the programme.
			const sql = m.sql?.replace(/\$2/g, '$1');
			const cpu = sql ? await serverCpu(url, claims, sql, [programId]) : null;
			results.push({ name: m.name, ...t, serverCpuMs: cpu });
			console.log(
				`${m.name.padEnd(46)} wall median ${ms(t.median)} ms  min ${ms(t.min)} ms  max ${ms(t.max)} ms  server CPU ${ms(cpu)} ms`
			);
			if (sql) {
				const found = await explain(url, claims, sql, [programId]);
				// The suppression helpers run a statement per loop step: keep the longest few.
				plans.push(`===== ${m.name}: ${found.length} statements, the ${PLANS} longest =====\n`);
				for (const plan of found.slice(0, PLANS)) plans.push(plan + '\n');
			}
		}
		const writes = await writeCost(url);
		for (const w of writes) {
			console.log(
				`${w.name.padEnd(46)} wall median ${ms(w.wall)} ms                              server CPU ${ms(w.cpu)} ms`
			);
		}
		const label = args.label!;
		writeFileSync(
			join(out, `timings-${label}.json`),
			JSON.stringify({ sizes, results, writes }, null, 2)
		);
		writeFileSync(join(out, `explain-${label}.txt`), plans.join('\n'));
		console.log(`timings and plans in ${out}/*-${label}.*`);
		const slow = results.filter((r) => !r.name.includes('(') && r.median >= 100);
		if (slow.length) console.log(`over 100 ms (median): ${slow.map((r) => r.name).join(', ')}`);
	} finally {
		await db.close();
		if (server) {
			if (args.keep) console.log(`kept: ${url}`);
			else server.stop();
		}
	}
}

await main();
