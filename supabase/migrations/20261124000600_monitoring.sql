-- Monitoring: the coordinator's anonymised aggregate charts. Functions only (no tables, no
-- views). Each dataset function is `security definer` (it reads pairs, meetings, progress,
-- logbook submissions and exit requests whatever the caller's row-level security allows), checks
-- `public.is_program_coordinator(p_program)` itself and returns nothing to anyone else. Outputs
-- hold counts, shares, dates, phases, statuses, roles, template keys and pair pseudonyms (P-01 …);
-- never a name, an e-mail, an id of a person or any text a person wrote.
--
-- Small cells (the rule, in full):
-- 1. Every cell is counted in UNITS, the distinct people or pairs behind it (pairs for pairs,
--    meetings, instruments, difficulties and exit requests; authors for logbook submissions).
--    A cell with fewer units than the programme's `min_group_size` — zero included — is
--    suppressed: its count is null and `suppressed` is true. Zero is suppressed too, so "< N"
--    never tells "nobody" apart from "one or two".
-- 2. Each breakdown is a partition of a total that is published (and that the coordinator can
--    know anyway, e.g. the number of pairs). The total itself is published only when it counts
--    at least `min_group_size` units; otherwise every cell of the breakdown is suppressed.
-- 3. Complementary suppression: the suppressed cells of a breakdown can be recomputed together
--    as "total minus the published cells". So the distinct units behind all suppressed cells
--    together must reach `min_group_size`; until they do, the published cell with the fewest
--    units (then the earliest) is suppressed as well. A single suppressed cell therefore never
--    stands alone next to a published total.
-- 4. Cumulative series (meetings): a point is published only when the increments since the
--    previous published point (or since the start) come from at least `min_group_size` pairs, so
--    the difference of two published points is itself a large enough cell.
-- 5. Instruments: "completed" and "not completed" are the two cells of a partition of the pairs
--    that have the instrument; the share is published only when both are (rules 1–3).
-- A list of stalled pairs by pseudonym is not a breakdown and is not suppressed.
--
-- Periods are fortnights counted from the programme's start (fortnight 0 starts on `starts_on`),
-- up to `p_until` (default today) or the programme's end, whichever is earlier; dates of
-- timestamps are taken in UTC; anything dated before the start counts in fortnight 0.

-- The fortnight a day falls in, counted from a start date.
create function public.monitoring_fortnight(p_start date, p_day date) returns integer
language sql immutable set search_path = ''
as $$
	select greatest(0, (p_day - p_start) / 14)
$$;

-- Rules 1–3 for one breakdown. `p_cells` is a JSON array with one element per cell: the array
-- of the ids (pairs or people) behind it. Returns, per cell in the same order, whether it is
-- suppressed.
create function public.monitoring_suppress_partition(p_cells jsonb, p_min integer)
returns boolean[]
language plpgsql immutable set search_path = ''
as $$
declare
	n integer := coalesce(jsonb_array_length(p_cells), 0);
	units integer[];
	hidden boolean[];
	hidden_units integer;
	pick integer;
begin
	if n = 0 then
		return '{}'::boolean[];
	end if;
	select array_agg(
			(select count(distinct u.id) from jsonb_array_elements_text(c.ids) as u (id))::integer
			order by c.i
		)
		into units
		from jsonb_array_elements(p_cells) with ordinality as c (ids, i);
	-- Rule 2: too few behind the whole breakdown, so nothing of it is published.
	if (
		select count(distinct u.id)
		from jsonb_array_elements(p_cells) as c (ids), jsonb_array_elements_text(c.ids) as u (id)
	) < p_min then
		return array_fill(true, array[n]);
	end if;
	-- Rule 1.
	select array_agg(t.x < p_min order by t.i) into hidden
		from unnest(units) with ordinality as t (x, i);
	-- Rule 3.
	loop
		exit when not (true = any (hidden)) or not (false = any (hidden));
		select count(distinct u.id)::integer into hidden_units
			from jsonb_array_elements(p_cells) with ordinality as c (ids, i),
				jsonb_array_elements_text(c.ids) as u (id)
			where hidden[c.i::integer];
		exit when hidden_units >= p_min;
		select t.i::integer into pick
			from unnest(units) with ordinality as t (x, i)
			where not hidden[t.i::integer]
			order by t.x, t.i
			limit 1;
		hidden[pick] := true;
	end loop;
	return hidden;
end
$$;

-- Rule 4 for one cumulative series. `p_steps` holds, per period in order, the ids behind that
-- period's increment. Returns, per period, whether its cumulative value is suppressed.
create function public.monitoring_suppress_cumulative(p_steps jsonb, p_min integer)
returns boolean[]
language plpgsql immutable set search_path = ''
as $$
declare
	n integer := coalesce(jsonb_array_length(p_steps), 0);
	pending text[] := '{}';
	hidden boolean[] := '{}';
begin
	for k in 0 .. n - 1 loop
		pending := pending || array(select jsonb_array_elements_text(p_steps -> k));
		if (select count(distinct x.id) from unnest(pending) as x (id)) >= p_min then
			hidden := hidden || false;
			pending := '{}';
		else
			hidden := hidden || true;
		end if;
	end loop;
	return hidden;
end
$$;

-- The programme's monitoring frame, for its coordinators only (no row for anyone else):
-- the start, the last day counted, the number of fortnights and the minimum group size.
create function public.monitoring_frame(p_program uuid, p_until date)
returns table (starts_on date, last_day date, fortnights integer, min_group_size integer)
language sql stable security definer set search_path = ''
-- One row (or none): without this estimate the planner assumes 1000 and may JIT-compile callers.
rows 1
as $$
	select p.starts_on, d.last_day,
		case when d.last_day < p.starts_on then 0 else (d.last_day - p.starts_on) / 14 + 1 end,
		p.min_group_size
	from public.programs p
	cross join lateral (
		select least(coalesce(p_until, current_date), p.ends_on) as last_day
	) d
	where p.id = p_program and public.is_program_coordinator(p.id)
$$;

-- (a) Pairs by phase and by status. A row with a null category is the breakdown's total.
create function public.monitoring_pairs(p_program uuid)
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
			coalesce(jsonb_agg(p.id) filter (where p.id is not null), '[]'::jsonb) as ids
		from frame f
		cross join categories c
		left join public.pairs p on p.program_id = p_program
			and c.category = case c.breakdown when 'phase' then p.phase else p.status end
		group by c.breakdown, c.category, c.ord, f.min_group_size
	),
	flagged as (
		select c.*,
			(public.monitoring_suppress_partition(
				jsonb_agg(c.ids) over (partition by c.breakdown order by c.ord
					rows between unbounded preceding and unbounded following),
				c.min_group_size
			))[c.ord] as hidden
		from cells c
	),
	totals as (
		select c.breakdown, c.min_group_size, sum(jsonb_array_length(c.ids))::integer as n
		from cells c
		group by c.breakdown, c.min_group_size
	)
	select r.breakdown, r.category, r.pairs, r.suppressed
	from (
		select fl.breakdown, fl.category, fl.ord,
			case when fl.hidden then null else jsonb_array_length(fl.ids) end as pairs,
			fl.hidden as suppressed
		from flagged fl
		union all
		select t.breakdown, null, 0,
			case when t.n >= t.min_group_size then t.n end, t.n < t.min_group_size
		from totals t
	) r
	order by r.breakdown, r.ord
$$;

-- (b) Meetings held and planned, cumulative, at the end of each fortnight (rule 4).
create function public.monitoring_meetings(p_program uuid, p_until date default current_date)
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
		select k, f.starts_on + 14 * k as period_start, f.min_group_size
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	events as (
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
	),
	steps as (
		select pr.k, pr.period_start, pr.min_group_size,
			count(e.pair_id) filter (where e.series = 'held')::integer as held_n,
			coalesce(jsonb_agg(distinct e.pair_id) filter (where e.series = 'held'), '[]'::jsonb)
				as held_ids,
			count(e.pair_id) filter (where e.series = 'planned')::integer as planned_n,
			coalesce(jsonb_agg(distinct e.pair_id) filter (where e.series = 'planned'), '[]'::jsonb)
				as planned_ids
		from periods pr
		left join events e on e.k = pr.k
		group by pr.k, pr.period_start, pr.min_group_size
	),
	flagged as (
		select s.k, s.period_start,
			(sum(s.held_n) over running)::integer as held_total,
			(sum(s.planned_n) over running)::integer as planned_total,
			(public.monitoring_suppress_cumulative(jsonb_agg(s.held_ids) over whole, s.min_group_size))[
				s.k + 1
			] as held_hidden,
			(public.monitoring_suppress_cumulative(jsonb_agg(s.planned_ids) over whole, s.min_group_size))[
				s.k + 1
			] as planned_hidden
		from steps s
		window running as (order by s.k),
			whole as (order by s.k rows between unbounded preceding and unbounded following)
	)
	select fl.k, fl.period_start,
		case when fl.held_hidden then null else fl.held_total end, fl.held_hidden,
		case when fl.planned_hidden then null else fl.planned_total end, fl.planned_hidden
	from flagged fl
	order by fl.k
$$;

-- (c) Per instrument (template key): the pairs that have it and the share of them that
-- completed it: `filled >= p_threshold * total` in its progress (default: every field filled).
-- `pairs` is null when fewer than the minimum group size have the instrument (rule 5).
create function public.monitoring_instruments(p_program uuid, p_threshold numeric default 1)
returns table (template_key text, pairs integer, completed integer, share numeric, suppressed boolean)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select f.min_group_size from public.monitoring_frame(p_program, current_date) f
	),
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
			coalesce(jsonb_agg(pp.pair_id) filter (where pp.done), '[]'::jsonb) as done_ids,
			coalesce(jsonb_agg(pp.pair_id) filter (where not pp.done), '[]'::jsonb) as open_ids
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
		select public.monitoring_suppress_partition(
			jsonb_build_array(c.done_ids, c.open_ids), c.min_group_size
		) as hidden
	) x
	order by c.template_key
$$;

-- (d) Logbook submissions per fortnight, by author role (mentor, mentee), counted in authors.
-- A row with a null fortnight is the role's total over the whole period.
create function public.monitoring_logbook(p_program uuid, p_until date default current_date)
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
	subs as (
		select l.author_role, l.author_id,
			public.monitoring_fortnight(f.starts_on, (l.created_at at time zone 'UTC')::date) as k
		from frame f
		join public.pairs p on p.program_id = p_program
		join public.log_submissions l on l.pair_id = p.id
		where f.fortnights > 0 and (l.created_at at time zone 'UTC')::date <= f.last_day
	),
	cells as (
		select r.author_role, r.ord, pr.k, pr.period_start, pr.min_group_size,
			count(s.author_id)::integer as n,
			coalesce(jsonb_agg(distinct s.author_id) filter (where s.author_id is not null), '[]'::jsonb)
				as ids
		from roles r
		cross join periods pr
		left join subs s on s.author_role = r.author_role and s.k = pr.k
		group by r.author_role, r.ord, pr.k, pr.period_start, pr.min_group_size
	),
	flagged as (
		select c.*,
			(public.monitoring_suppress_partition(
				jsonb_agg(c.ids) over (partition by c.author_role order by c.k
					rows between unbounded preceding and unbounded following),
				c.min_group_size
			))[c.k + 1] as hidden
		from cells c
	),
	totals as (
		select r.author_role, r.ord, f.min_group_size,
			count(s.author_id)::integer as n, count(distinct s.author_id)::integer as people
		from frame f
		cross join roles r
		left join subs s on s.author_role = r.author_role
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
create function public.monitoring_difficulties(p_program uuid, p_until date default current_date)
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
	flags as (
		select l.pair_id,
			public.monitoring_fortnight(f.starts_on, (l.created_at at time zone 'UTC')::date) as k
		from frame f
		join public.pairs p on p.program_id = p_program
		join public.log_submissions l on l.pair_id = p.id
		where f.fortnights > 0 and l.difficulty_flag
			and (l.created_at at time zone 'UTC')::date <= f.last_day
	),
	cells as (
		select pr.k, pr.period_start, pr.min_group_size,
			count(fl.pair_id)::integer as n,
			coalesce(jsonb_agg(distinct fl.pair_id) filter (where fl.pair_id is not null), '[]'::jsonb)
				as ids
		from periods pr
		left join flags fl on fl.k = pr.k
		group by pr.k, pr.period_start, pr.min_group_size
	),
	flagged as (
		select c.*,
			(public.monitoring_suppress_partition(
				jsonb_agg(c.ids) over (order by c.k rows between unbounded preceding and unbounded following),
				c.min_group_size
			))[c.k + 1] as hidden
		from cells c
	),
	totals as (
		select f.min_group_size, count(fl.pair_id)::integer as n,
			count(distinct fl.pair_id)::integer as units
		from frame f
		left join flags fl on true
		group by f.min_group_size
	)
	select x.fortnight, x.starts_on, x.flagged, x.suppressed
	from (
		select c.k as fortnight, c.period_start as starts_on,
			case when c.hidden then null else c.n end as flagged, c.hidden as suppressed
		from flagged c
		union all
		select null, null, case when t.units >= t.min_group_size then t.n end,
			t.units < t.min_group_size
		from totals t
	) x
	order by x.fortnight nulls last
$$;

-- (f) Active pairs without a held meeting for at least `p_days` days (counted from the last held
-- meeting, or from the pair's creation when none was held), by pseudonym only.
create function public.monitoring_stalled_pairs(
	p_program uuid, p_days integer default 21, p_until date default current_date
)
returns table (pseudonym text, last_held_on date, days_without_meeting integer)
language sql stable security definer set search_path = ''
as $$
	select s.pseudonym, s.last_held_on, s.days
	from (
		select p.pseudonym, h.last_held_on,
			coalesce(p_until, current_date)
				- coalesce(h.last_held_on, (p.created_at at time zone 'UTC')::date) as days
		from public.monitoring_frame(p_program, p_until) f
		join public.pairs p on p.program_id = p_program and p.status = 'active'
		cross join lateral (
			select max((m.held_at at time zone 'UTC')::date) as last_held_on
			from public.meetings m
			where m.pair_id = p.id and m.held_at is not null
				and (m.held_at at time zone 'UTC')::date <= coalesce(p_until, current_date)
		) h
	) s
	where s.days >= greatest(coalesce(p_days, 21), 1)
	order by s.days desc, s.pseudonym
$$;

-- (g) Exit requests by status (open, handled) and per fortnight of their creation, counted in
-- pairs. In each breakdown the row with a null category (and null fortnight) is the total.
create function public.monitoring_exit_requests(p_program uuid, p_until date default current_date)
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
	flagged as (
		select c.*,
			(public.monitoring_suppress_partition(
				jsonb_agg(c.ids) over (partition by c.breakdown order by c.ord
					rows between unbounded preceding and unbounded following),
				f.min_group_size
			))[c.ord] as hidden
		from cells c, frame f
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

revoke execute on function
	public.monitoring_fortnight(date, date),
	public.monitoring_suppress_partition(jsonb, integer),
	public.monitoring_suppress_cumulative(jsonb, integer),
	public.monitoring_frame(uuid, date),
	public.monitoring_pairs(uuid),
	public.monitoring_meetings(uuid, date),
	public.monitoring_instruments(uuid, numeric),
	public.monitoring_logbook(uuid, date),
	public.monitoring_difficulties(uuid, date),
	public.monitoring_stalled_pairs(uuid, integer, date),
	public.monitoring_exit_requests(uuid, date)
	from public, anon;
grant execute on function
	public.monitoring_fortnight(date, date),
	public.monitoring_suppress_partition(jsonb, integer),
	public.monitoring_suppress_cumulative(jsonb, integer),
	public.monitoring_frame(uuid, date),
	public.monitoring_pairs(uuid),
	public.monitoring_meetings(uuid, date),
	public.monitoring_instruments(uuid, numeric),
	public.monitoring_logbook(uuid, date),
	public.monitoring_difficulties(uuid, date),
	public.monitoring_stalled_pairs(uuid, integer, date),
	public.monitoring_exit_requests(uuid, date)
	to authenticated, service_role;
