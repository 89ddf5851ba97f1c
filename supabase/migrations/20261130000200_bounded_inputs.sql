-- Bounded inputs (security issue #9, item 9): a programme's dates lie in a sane range, and the
-- monitoring functions cost time in proportion to the programme's length, not its square.
--
-- (a) Dates. A programme starting in 1900 made the monitoring page compute 3,000+ fortnights and
-- stall the server for minutes. Start and end lie in 2000-01-01 … 2100-12-31 and a programme
-- lasts at most 10 years (the same rule as `programInput` in src/lib/domain/programs/schemas.ts).
-- The constraints are added `not valid` so this migration applies to a database that already
-- holds an out-of-range programme; they are validated right away when no row breaks them (every
-- new database, the demo data). Either way every insert and update from now on is checked.
alter table public.programs
	add constraint programs_dates_in_range check (
		starts_on between date '2000-01-01' and date '2100-12-31'
		and ends_on between date '2000-01-01' and date '2100-12-31'
	) not valid,
	add constraint programs_at_most_ten_years check (
		ends_on <= starts_on + interval '10 years'
	) not valid;

do $$
begin
	if not exists (
		select 1 from public.programs
		where not (starts_on between date '2000-01-01' and date '2100-12-31'
			and ends_on between date '2000-01-01' and date '2100-12-31')
	) then
		alter table public.programs validate constraint programs_dates_in_range;
	end if;
	if not exists (
		select 1 from public.programs where ends_on > starts_on + interval '10 years'
	) then
		alter table public.programs validate constraint programs_at_most_ten_years;
	end if;
end
$$;

-- (b) Linear monitoring. The per-fortnight datasets called the suppression function once per
-- ROW, each time with the whole series (`jsonb_agg(...) over (... unbounded following)`), so n
-- fortnights cost n calls on n cells: quadratic (a 10-year programme with 50 pairs took 7.8 s on
-- PGlite, 4.5 s on PostgreSQL). Each series now calls it once, and each row reads its own flag
-- from that one array by position (`hidden[k + 1]`, constant time). Joining the flags back as rows
-- instead (unnest ... with ordinality) is no better: the planner does not know how many rows an
-- unnest gives and may pick a nested loop, quadratic again. Signatures, outputs and the small-cell
-- rules are those of 20261124000600_monitoring.sql; only the evaluation order changes.

-- Rule 4, as before, but `pending` keeps each id once: with fewer than `p_min` pairs it no longer
-- grows by every step's ids, so a long series costs steps × pairs at most.
create or replace function public.monitoring_suppress_cumulative(p_steps jsonb, p_min integer)
returns boolean[]
language plpgsql immutable set search_path = ''
as $$
declare
	step jsonb;
	pending text[] := '{}';
	hidden boolean[] := '{}';
begin
	for step in
		select e.value from jsonb_array_elements(coalesce(p_steps, '[]'::jsonb)) with ordinality as e (value, i)
		order by e.i
	loop
		pending := array(
			select distinct x.id
			from unnest(pending || array(select jsonb_array_elements_text(step))) as x (id)
		);
		if cardinality(pending) >= p_min then
			hidden := hidden || false;
			pending := '{}';
		else
			hidden := hidden || true;
		end if;
	end loop;
	return hidden;
end
$$;

-- (b) Meetings held and planned, cumulative, at the end of each fortnight (rule 4).
create or replace function public.monitoring_meetings(p_program uuid, p_until date default current_date)
returns table (
	fortnight integer, starts_on date,
	held integer, held_suppressed boolean,
	planned integer, planned_suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select * from public.monitoring_frame(p_program, p_until)
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	-- Counted per pair and fortnight first, so the ids below are distinct without a sort of
	-- every meeting.
	events as (
		select e.series, e.k, e.pair_id, count(*)::integer as n
		from (
			select m.pair_id, 'held' as series,
				public.monitoring_fortnight(f.starts_on, (m.held_at at time zone 'UTC')::date) as k
			from frame f
			join public.pairs p on p.program_id = p_program
			join public.meetings m on m.pair_id = p.id
			where m.held_at is not null and (m.held_at at time zone 'UTC')::date <= f.last_day
			union all
			select m.pair_id, 'planned', public.monitoring_fortnight(f.starts_on, m.planned_on)
			from frame f
			join public.pairs p on p.program_id = p_program
			join public.meetings m on m.pair_id = p.id
			where m.planned_on is not null and m.planned_on <= f.last_day
		) e
		group by e.series, e.k, e.pair_id
	),
	steps as (
		select pr.k, pr.period_start,
			coalesce(sum(e.n) filter (where e.series = 'held'), 0)::integer as held_n,
			coalesce(jsonb_agg(e.pair_id) filter (where e.series = 'held'), '[]'::jsonb) as held_ids,
			coalesce(sum(e.n) filter (where e.series = 'planned'), 0)::integer as planned_n,
			coalesce(jsonb_agg(e.pair_id) filter (where e.series = 'planned'), '[]'::jsonb)
				as planned_ids
		from periods pr
		left join events e on e.k = pr.k
		group by pr.k, pr.period_start
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

-- (d) Logbook submissions per fortnight, by author role (mentor, mentee), counted in authors.
-- A row with a null fortnight is the role's total over the whole period.
create or replace function public.monitoring_logbook(p_program uuid, p_until date default current_date)
returns table (
	author_role text, fortnight integer, starts_on date, submissions integer, suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select * from public.monitoring_frame(p_program, p_until)
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start, f.min_group_size
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	roles (author_role, ord) as (values ('mentor', 1), ('mentee', 2)),
	-- Counted per author and fortnight first, so the ids below are distinct without a sort of
	-- every submission.
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
	cells as (
		select r.author_role, r.ord, pr.k, pr.period_start, pr.min_group_size,
			coalesce(sum(s.n), 0)::integer as n,
			coalesce(jsonb_agg(s.author_id) filter (where s.author_id is not null), '[]'::jsonb) as ids
		from roles r
		cross join periods pr
		left join subs s on s.author_role = r.author_role and s.k = pr.k
		group by r.author_role, r.ord, pr.k, pr.period_start, pr.min_group_size
	),
	-- One call per role over all its fortnights.
	partitions as materialized (
		select c.author_role,
			public.monitoring_suppress_partition(
				jsonb_agg(c.ids order by c.k), min(c.min_group_size)
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

-- (e) Logbook submissions with the difficulty flag per fortnight, counted in pairs. A row with a
-- null fortnight is the total over the whole period.
create or replace function public.monitoring_difficulties(p_program uuid, p_until date default current_date)
returns table (fortnight integer, starts_on date, flagged integer, suppressed boolean)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select * from public.monitoring_frame(p_program, p_until)
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	-- Counted per pair and fortnight first (see monitoring_logbook).
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
			coalesce(jsonb_agg(fl.pair_id) filter (where fl.pair_id is not null), '[]'::jsonb) as ids
		from periods pr
		left join flags fl on fl.k = pr.k
		group by pr.k, pr.period_start
	),
	-- One call over all fortnights (materialized: see monitoring_meetings).
	series as materialized (
		select public.monitoring_suppress_partition(
				(select jsonb_agg(c.ids order by c.k) from cells c), f.min_group_size
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

-- (g) Exit requests by status (open, handled) and per fortnight of their creation, counted in
-- pairs. In each breakdown the row with a null category (and null fortnight) is the total.
create or replace function public.monitoring_exit_requests(p_program uuid, p_until date default current_date)
returns table (
	breakdown text, category text, fortnight integer, starts_on date, requests integer,
	suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select * from public.monitoring_frame(p_program, p_until)
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	requests as (
		select e.pair_id, e.status,
			public.monitoring_fortnight(f.starts_on, (e.created_at at time zone 'UTC')::date) as k
		from frame f
		join public.pairs p on p.program_id = p_program
		join public.exit_requests e on e.pair_id = p.id
		where f.fortnights > 0 and (e.created_at at time zone 'UTC')::date <= f.last_day
	),
	cells as (
		select 'status' as breakdown, st.ord, st.status as category, null::integer as k,
			null::date as period_start, count(r.pair_id)::integer as n,
			coalesce(jsonb_agg(distinct r.pair_id) filter (where r.pair_id is not null), '[]'::jsonb)
				as ids
		from (values ('open', 1), ('handled', 2)) as st (status, ord)
		cross join frame f
		left join requests r on r.status = st.status
		group by st.status, st.ord
		union all
		select 'fortnight', pr.k + 1, null, pr.k, pr.period_start, count(r.pair_id)::integer,
			coalesce(jsonb_agg(distinct r.pair_id) filter (where r.pair_id is not null), '[]'::jsonb)
		from periods pr
		left join requests r on r.k = pr.k
		group by pr.k, pr.period_start
	),
	-- One call per breakdown over all its cells (`ord` numbers them from 1).
	partitions as materialized (
		select c.breakdown,
			public.monitoring_suppress_partition(jsonb_agg(c.ids order by c.ord), f.min_group_size)
				as hidden
		from cells c, frame f
		group by c.breakdown, f.min_group_size
	),
	flagged as (
		select c.*, pa.hidden[c.ord] as hidden
		from cells c
		join partitions pa on pa.breakdown = c.breakdown
	),
	totals as (
		select b.breakdown, f.min_group_size, count(r.pair_id)::integer as n,
			count(distinct r.pair_id)::integer as units
		from frame f
		cross join (values ('status'), ('fortnight')) as b (breakdown)
		left join requests r on true
		group by b.breakdown, f.min_group_size
	)
	select x.breakdown, x.category, x.fortnight, x.starts_on, x.requests, x.suppressed
	from (
		select fl.breakdown, fl.ord, fl.category, fl.k as fortnight, fl.period_start as starts_on,
			case when fl.hidden then null else fl.n end as requests, fl.hidden as suppressed
		from flagged fl
		union all
		select t.breakdown, 1000000, null, null, null,
			case when t.units >= t.min_group_size then t.n end, t.units < t.min_group_size
		from totals t
	) x
	order by x.breakdown desc, x.ord
$$;
