-- Monitoring at scale (issue #15): one programme with 10,000 pairs, 100,000 meetings and 200,000
-- logbook parts, every monitoring function under 100 ms on PostgreSQL (`npm run bench:monitoring`,
-- numbers and plans in docs/performance.md). Outputs and the small-cell rules are those of
-- 20261124000600_monitoring.sql and 20261130000200_bounded_inputs.sql; only the evaluation changes,
-- and tests/integration/monitoring.test.ts (every dataset of a known programme, and the SQL rules
-- against the TypeScript ones with fast-check) proves it on both engines.
--
-- Where the time went: a function call per row (1), and every id of every cell turned into JSON,
-- expanded again and de-duplicated inside the suppression helpers, up to 200,000 ids per chart
-- (2–6). The helpers need each cell's number of distinct units, and its ids only when it is small;
-- the callers count the units themselves and pass at most `min_group_size` ids per cell.

-- 1. The fortnight of a day, inlined. A SQL function with a SET clause is never inlined: with
-- `set search_path = ''` every meeting, logbook part and exit request paid a function call (the
-- plans showed 192,259 nested statements for one meetings chart). Without it the planner puts the
-- expression in place. The body names no table and qualifies its operators, so the caller's
-- search_path cannot change what it means; it is not security definer.
create or replace function public.monitoring_fortnight(p_start date, p_day date) returns integer
language sql immutable parallel safe
as $$
	select greatest(0, (p_day operator(pg_catalog.-) p_start) operator(pg_catalog./) 14)
$$;

-- 2. Rules 1–3 for one breakdown, from counted cells. `p_units[i]` is the number of distinct ids
-- behind cell i; `p_cells` holds per cell its ids, distinct, all of them when fewer than `p_min`
-- and at least `p_min` of them otherwise. The result is that of
-- monitoring_suppress_partition(<every id of every cell>, p_min), because that function only asks
-- whether a set of ids reaches `p_min`: rule 2 needs the union only when every cell is small
-- (complete here); in rule 3 the hidden cells' union reaches `p_min` at once when one of them is
-- large (its `p_min` ids do too), and otherwise consists of complete cells. Cell order, units and
-- so the picks are the same.
create function public.monitoring_suppress_counted(p_cells jsonb, p_units integer[], p_min integer)
returns boolean[]
language plpgsql immutable set search_path = ''
as $$
declare
	n integer := coalesce(cardinality(p_units), 0);
	hidden boolean[];
	hidden_units integer;
	pick integer;
begin
	if n = 0 then
		return '{}'::boolean[];
	end if;
	-- Rule 2: too few behind the whole breakdown, so nothing of it is published. The whole has at
	-- least as many units as its largest cell.
	if (select coalesce(max(x), 0) from unnest(p_units) as x) < p_min then
		if (
			select count(distinct u.id)
			from jsonb_array_elements(p_cells) as c (ids), jsonb_array_elements_text(c.ids) as u (id)
		) < p_min then
			return array_fill(true, array[n]);
		end if;
	end if;
	-- Rule 1.
	select array_agg(t.x < p_min order by t.i) into hidden
		from unnest(p_units) with ordinality as t (x, i);
	-- Rule 3.
	loop
		exit when not (true = any (hidden)) or not (false = any (hidden));
		select count(distinct u.id)::integer into hidden_units
			from jsonb_array_elements(p_cells) with ordinality as c (ids, i),
				jsonb_array_elements_text(c.ids) as u (id)
			where hidden[c.i::integer];
		exit when hidden_units >= p_min;
		select t.i::integer into pick
			from unnest(p_units) with ordinality as t (x, i)
			where not hidden[t.i::integer]
			order by t.x, t.i
			limit 1;
		hidden[pick] := true;
	end loop;
	return hidden;
end
$$;

revoke execute on function public.monitoring_suppress_counted(jsonb, integer[], integer) from public, anon;
grant execute on function public.monitoring_suppress_counted(jsonb, integer[], integer)
	to authenticated, service_role;

-- 3. Pairs by phase and by status: counted cells, one suppression call per breakdown (as a window
-- aggregate the call ran once per row, ten times over every pair's id).
create or replace function public.monitoring_pairs(p_program uuid)
returns table (breakdown text, category text, pairs integer, suppressed boolean)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select f.min_group_size from public.monitoring_frame(p_program, current_date) f
	),
	categories (breakdown, category, ord) as (
		values ('phase', 'BR', 1), ('phase', 'SD', 2), ('phase', 'P', 3), ('phase', 'WU', 4),
			('phase', 'MO', 5), ('status', 'proposed', 1), ('status', 'active', 2),
			('status', 'paused', 3), ('status', 'exit_requested', 4), ('status', 'ended', 5)
	),
	cells as (
		select c.breakdown, c.category, c.ord, f.min_group_size,
			count(p.id)::integer as n,
			coalesce(to_jsonb((array_agg(p.id) filter (where p.id is not null))[1:f.min_group_size]),
				'[]'::jsonb) as ids
		from frame f
		cross join categories c
		left join public.pairs p on p.program_id = p_program
			and c.category = case c.breakdown when 'phase' then p.phase else p.status end
		group by c.breakdown, c.category, c.ord, f.min_group_size
	),
	-- `ord` numbers each breakdown's cells from 1 (materialized: see monitoring_meetings).
	partitions as materialized (
		select c.breakdown,
			public.monitoring_suppress_counted(
				jsonb_agg(c.ids order by c.ord), array_agg(c.n order by c.ord), min(c.min_group_size)
			) as hidden
		from cells c
		group by c.breakdown
	),
	totals as (
		select c.breakdown, c.min_group_size, sum(c.n)::integer as n
		from cells c
		group by c.breakdown, c.min_group_size
	)
	select r.breakdown, r.category, r.pairs, r.suppressed
	from (
		select c.breakdown, c.category, c.ord,
			case when pa.hidden[c.ord] then null else c.n end as pairs,
			pa.hidden[c.ord] as suppressed
		from cells c
		join partitions pa on pa.breakdown = c.breakdown
		union all
		select t.breakdown, null, 0,
			case when t.n >= t.min_group_size then t.n end, t.n < t.min_group_size
		from totals t
	) r
	order by r.breakdown, r.ord
$$;

-- 4. Instruments: counted cells (done, not done), at most `min_group_size` ids each.
create or replace function public.monitoring_instruments(p_program uuid, p_threshold numeric default 1)
returns table (template_key text, pairs integer, completed integer, share numeric, suppressed boolean)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select f.min_group_size from public.monitoring_frame(p_program, current_date) f
	),
	-- One row per pair and instrument (a pair has each worksheet once).
	per_pair as (
		select s.template_key, s.pair_id,
			coalesce(
				sp.total > 0
					and sp.filled >= least(greatest(coalesce(p_threshold, 1), 0), 1) * sp.total,
				false
			) as done
		from frame f
		join public.pairs p on p.program_id = p_program
		join public.sheets s on s.pair_id = p.id
		left join public.sheet_progress sp on sp.sheet_id = s.id
	),
	cells as (
		select pp.template_key, f.min_group_size,
			count(*)::integer as n,
			(count(*) filter (where pp.done))::integer as done_n,
			coalesce(to_jsonb((array_agg(pp.pair_id) filter (where pp.done))[1:f.min_group_size]),
				'[]'::jsonb) as done_ids,
			coalesce(to_jsonb((array_agg(pp.pair_id) filter (where not pp.done))[1:f.min_group_size]),
				'[]'::jsonb) as open_ids
		from per_pair pp, frame f
		group by pp.template_key, f.min_group_size
	)
	select c.template_key,
		case when c.n >= c.min_group_size then c.n end,
		case when x.hidden[1] then null else c.done_n end,
		case when x.hidden[1] then null else round(c.done_n::numeric / c.n, 3) end,
		x.hidden[1]
	from cells c
	cross join lateral (
		select public.monitoring_suppress_counted(
			jsonb_build_array(c.done_ids, c.open_ids), array[c.done_n, c.n - c.done_n], c.min_group_size
		) as hidden
	) x
	order by c.template_key
$$;

-- 5. Meetings held and planned, cumulative (rule 4). Each period passes at most `min_group_size`
-- of its pairs to the suppression: its ids are distinct (one event row per pair), and a period
-- with that many pairs publishes its point and empties the pending set whichever of them it
-- passes, while a smaller one passes them all. Events are summed per fortnight before meeting the
-- periods (the planner joined 190,000 rows to 22 periods with a sort), with memory enough to
-- group 200,000 rows without spilling to disk.
create or replace function public.monitoring_meetings(p_program uuid, p_until date default current_date)
returns table (
	fortnight integer, starts_on date,
	held integer, held_suppressed boolean,
	planned integer, planned_suppressed boolean
)
language sql stable security definer set search_path = '' set work_mem = '32MB'
as $$
	with frame as (
		select * from public.monitoring_frame(p_program, p_until)
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	-- Each meeting read once, for both series; counted per pair and fortnight, so the ids below
	-- are distinct.
	events as (
		select e.series, e.k, m.pair_id, count(*)::integer as n
		from frame f
		join public.pairs p on p.program_id = p_program
		join public.meetings m on m.pair_id = p.id
		cross join lateral (
			values
				('held', case when (m.held_at at time zone 'UTC')::date <= f.last_day
					then public.monitoring_fortnight(f.starts_on, (m.held_at at time zone 'UTC')::date) end),
				('planned', case when m.planned_on <= f.last_day
					then public.monitoring_fortnight(f.starts_on, m.planned_on) end)
		) as e (series, k)
		where e.k is not null
		group by e.series, e.k, m.pair_id
	),
	per_fortnight as (
		select e.k,
			sum(e.n) filter (where e.series = 'held') as held_n,
			(array_agg(e.pair_id) filter (where e.series = 'held'))[1:f.min_group_size] as held_ids,
			sum(e.n) filter (where e.series = 'planned') as planned_n,
			(array_agg(e.pair_id) filter (where e.series = 'planned'))[1:f.min_group_size]
				as planned_ids
		from events e, frame f
		group by e.k, f.min_group_size
	),
	steps as (
		select pr.k, pr.period_start,
			coalesce(pf.held_n, 0)::integer as held_n,
			coalesce(to_jsonb(pf.held_ids), '[]'::jsonb) as held_ids,
			coalesce(pf.planned_n, 0)::integer as planned_n,
			coalesce(to_jsonb(pf.planned_ids), '[]'::jsonb) as planned_ids
		from periods pr
		left join per_fortnight pf on pf.k = pr.k
	),
	-- One call per series over all its periods. Materialized: inlined, its calls would move into
	-- the outer select list and run once per row.
	series as materialized (
		select
			public.monitoring_suppress_cumulative(
				(select jsonb_agg(s.held_ids order by s.k) from steps s), f.min_group_size
			) as held,
			public.monitoring_suppress_cumulative(
				(select jsonb_agg(s.planned_ids order by s.k) from steps s), f.min_group_size
			) as planned
		from frame f
	),
	running as (
		select s.k, s.period_start,
			(sum(s.held_n) over (order by s.k))::integer as held_total,
			(sum(s.planned_n) over (order by s.k))::integer as planned_total
		from steps s
	),
	flagged as (
		select r.*, x.held[r.k + 1] as held_hidden, x.planned[r.k + 1] as planned_hidden
		from running r
		cross join series x
	)
	select fl.k, fl.period_start,
		case when fl.held_hidden then null else fl.held_total end, fl.held_hidden,
		case when fl.planned_hidden then null else fl.planned_total end, fl.planned_hidden
	from flagged fl
	order by fl.k
$$;

-- 6. Logbook submissions per fortnight, by author role, counted in authors: counted cells, the
-- authors summed per role and fortnight before meeting the periods.
create or replace function public.monitoring_logbook(p_program uuid, p_until date default current_date)
returns table (
	author_role text, fortnight integer, starts_on date, submissions integer, suppressed boolean
)
language sql stable security definer set search_path = '' set work_mem = '32MB'
as $$
	with frame as (
		select * from public.monitoring_frame(p_program, p_until)
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start, f.min_group_size
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	roles (author_role, ord) as (values ('mentor', 1), ('mentee', 2)),
	-- Counted per author and fortnight first, so the ids below are distinct.
	subs as (
		select l.author_role, l.author_id,
			public.monitoring_fortnight(f.starts_on, (l.created_at at time zone 'UTC')::date) as k,
			count(*)::integer as n
		from frame f
		join public.pairs p on p.program_id = p_program
		join public.log_submissions l on l.pair_id = p.id
		where f.fortnights > 0 and (l.created_at at time zone 'UTC')::date <= f.last_day
		group by 1, 2, 3
	),
	per_fortnight as (
		select s.author_role, s.k, sum(s.n)::integer as n, count(*)::integer as people,
			(array_agg(s.author_id))[1:f.min_group_size] as ids
		from subs s, frame f
		group by s.author_role, s.k, f.min_group_size
	),
	cells as (
		select r.author_role, r.ord, pr.k, pr.period_start, pr.min_group_size,
			coalesce(pf.n, 0) as n, coalesce(pf.people, 0) as people,
			coalesce(to_jsonb(pf.ids), '[]'::jsonb) as ids
		from roles r
		cross join periods pr
		left join per_fortnight pf on pf.author_role = r.author_role and pf.k = pr.k
	),
	-- One call per role over all its fortnights.
	partitions as materialized (
		select c.author_role,
			public.monitoring_suppress_counted(
				jsonb_agg(c.ids order by c.k), array_agg(c.people order by c.k), min(c.min_group_size)
			) as hidden
		from cells c
		group by c.author_role
	),
	flagged as (
		select c.*, pa.hidden[c.k + 1] as hidden
		from cells c
		join partitions pa on pa.author_role = c.author_role
	),
	totals as (
		select r.author_role, r.ord, f.min_group_size,
			coalesce(sum(a.n), 0)::integer as n, count(a.author_id)::integer as people
		from frame f
		cross join roles r
		left join (
			select s.author_role, s.author_id, sum(s.n) as n from subs s group by 1, 2
		) a on a.author_role = r.author_role
		group by r.author_role, r.ord, f.min_group_size
	)
	select x.author_role, x.fortnight, x.starts_on, x.submissions, x.suppressed
	from (
		select fl.author_role, fl.ord, fl.k as fortnight, fl.period_start as starts_on,
			case when fl.hidden then null else fl.n end as submissions, fl.hidden as suppressed
		from flagged fl
		union all
		select t.author_role, t.ord, null, null,
			case when t.people >= t.min_group_size then t.n end, t.people < t.min_group_size
		from totals t
	) x
	order by x.ord, x.fortnight nulls last
$$;

-- 7. Difficulties flagged per fortnight, counted in pairs: counted cells.
create or replace function public.monitoring_difficulties(p_program uuid, p_until date default current_date)
returns table (fortnight integer, starts_on date, flagged integer, suppressed boolean)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select * from public.monitoring_frame(p_program, p_until)
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start, f.min_group_size
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	-- Counted per pair and fortnight first, so the ids below are distinct.
	flags as (
		select l.pair_id,
			public.monitoring_fortnight(f.starts_on, (l.created_at at time zone 'UTC')::date) as k,
			count(*)::integer as n
		from frame f
		join public.pairs p on p.program_id = p_program
		join public.log_submissions l on l.pair_id = p.id
		where f.fortnights > 0 and l.difficulty_flag
			and (l.created_at at time zone 'UTC')::date <= f.last_day
		group by 1, 2
	),
	cells as (
		select pr.k, pr.period_start,
			coalesce(sum(fl.n), 0)::integer as n,
			count(fl.pair_id)::integer as units,
			coalesce(to_jsonb((array_agg(fl.pair_id) filter (where fl.pair_id is not null))[1:pr.min_group_size]),
				'[]'::jsonb) as ids
		from periods pr
		left join flags fl on fl.k = pr.k
		group by pr.k, pr.period_start, pr.min_group_size
	),
	-- One call over all fortnights (materialized: see monitoring_meetings).
	series as materialized (
		select public.monitoring_suppress_counted(
				(select jsonb_agg(c.ids order by c.k) from cells c),
				(select array_agg(c.units order by c.k) from cells c),
				f.min_group_size
			) as hidden
		from frame f
	),
	totals as (
		select f.min_group_size, coalesce(sum(fl.n), 0)::integer as n,
			count(distinct fl.pair_id)::integer as units
		from frame f
		left join flags fl on true
		group by f.min_group_size
	)
	select x.fortnight, x.starts_on, x.flagged, x.suppressed
	from (
		select c.k as fortnight, c.period_start as starts_on,
			case when x.hidden[c.k + 1] then null else c.n end as flagged,
			x.hidden[c.k + 1] as suppressed
		from cells c
		cross join series x
		union all
		select null, null, case when t.units >= t.min_group_size then t.n end,
			t.units < t.min_group_size
		from totals t
	) x
	order by x.fortnight nulls last
$$;

-- 8. Stalled pairs: the last held meeting of each active pair is the last entry of this index
-- (an index-only scan per pair instead of reading each pair's meetings).
create index meetings_pair_held_on_idx on public.meetings (pair_id, ((held_at at time zone 'UTC')::date))
	where held_at is not null;

-- 9. The check-in summary on the monitoring page: each breakdown (phase, quarter) grouped by its
-- own key instead of every category compared with every answer, and counted cells. Outputs as in
-- 20261202000400_checkins_concerns.sql.
create or replace function public.care_checkin_summary(p_program uuid)
returns table (
	breakdown text,
	category text,
	respondents integer,
	satisfaction numeric,
	progress numeric,
	suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select p.min_group_size from public.programs p
		where p.id = p_program and public.is_program_coordinator(p.id)
	),
	answers as (
		select c.respondent_id, c.phase, c.satisfaction, c.progress,
			to_char(c.answered_at at time zone 'Europe/Brussels', 'YYYY-"Q"Q') as quarter
		from public.checkins c, frame
		where c.program_id = p_program and c.answered_at is not null
	),
	categories (breakdown, category, ord) as (
		select 'phase', v.category, v.ord
		from (values ('BR', 1), ('SD', 2), ('P', 3), ('WU', 4), ('MO', 5)) as v (category, ord)
		union all
		select distinct 'period', a.quarter, 0 from answers a
	),
	-- Distinct respondents per cell, at most `min_group_size` of their ids (see
	-- monitoring_suppress_counted).
	counted as (
		select 'phase' as breakdown, a.phase as category,
			count(distinct a.respondent_id)::integer as n,
			(array_agg(distinct a.respondent_id))[1:(select f.min_group_size from frame f)] as ids,
			avg(a.satisfaction) as sat, avg(a.progress) as prog
		from answers a
		group by a.phase
		union all
		select 'period', a.quarter, count(distinct a.respondent_id)::integer,
			(array_agg(distinct a.respondent_id))[1:(select f.min_group_size from frame f)],
			avg(a.satisfaction), avg(a.progress)
		from answers a
		group by a.quarter
	),
	cells as (
		select c.breakdown, c.category,
			row_number() over (partition by c.breakdown order by c.ord, c.category)::integer as i,
			coalesce(k.ids, '{}') as ids, coalesce(k.n, 0) as n, k.sat, k.prog
		from categories c
		left join counted k on k.breakdown = c.breakdown and k.category = c.category
	),
	hidden as (
		select c.breakdown,
			public.monitoring_suppress_counted(
				jsonb_agg(to_jsonb(c.ids) order by c.i), array_agg(c.n order by c.i),
				(select f.min_group_size from frame f)
			) as h
		from cells c
		group by c.breakdown
	)
	select c.breakdown, c.category,
		case when h.h[c.i] then null else c.n end,
		case when h.h[c.i] then null else round(c.sat, 1) end,
		case when h.h[c.i] then null else round(c.prog, 1) end,
		h.h[c.i]
	from cells c join hidden h on h.breakdown = c.breakdown
	where exists (select 1 from frame)
	order by c.breakdown, c.i
$$;
