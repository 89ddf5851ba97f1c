-- Monitoring rollups (issue #15): meetings, logbook parts and instrument completion counted as
-- they are written, so monitoring_meetings, monitoring_logbook and monitoring_instruments read a
-- few rows per fortnight instead of grouping 100,000–200,000 rows on every call (numbers and plans
-- in docs/performance.md). Outputs and the small-cell rules are those of
-- 20261203000700_monitoring_indexes.sql; tests/integration/monitoring-rollups.test.ts compares
-- every output with the former bodies after inserts, updates and deletes, on both engines.
--
-- The tables live in schema `private` (not exposed by the API): nobody but the database owner
-- and the security-definer functions below reads or writes them. They hold pair and author ids
-- and counts, never text.
--
-- Fortnights are counted from the programme's start, so the rollups are rebuilt for a programme
-- whose `starts_on` changes (and for both programmes when a pair moves). The last fortnight a
-- function reports may end after its `p_until`: that one fortnight is counted from the meetings
-- and parts themselves (new indexes by day), every earlier one from the rollups.
--
-- Deletes: a pair's contributions are removed by a BEFORE DELETE trigger on the pair (its rows
-- still exist then); the rows that cascade afterwards find no pair and change nothing. A sheet's
-- is removed before the sheet is deleted, while its progress row still exists.

-- Meetings per series ('held', 'planned'), fortnight and pair; and per series and fortnight.
create table private.monitoring_meeting_pairs (
	program_id uuid not null references public.programs (id) on delete cascade,
	series text not null check (series in ('held', 'planned')),
	k integer not null,
	pair_id uuid not null,
	n integer not null,
	primary key (program_id, series, k, pair_id)
);
create table private.monitoring_meeting_fortnights (
	program_id uuid not null references public.programs (id) on delete cascade,
	series text not null check (series in ('held', 'planned')),
	k integer not null,
	n integer not null,
	pairs integer not null,
	primary key (program_id, series, k)
);

-- Logbook parts per author role, fortnight and author; per role and fortnight; and each author's
-- first fortnight (for the totals, counted in distinct authors).
create table private.monitoring_log_authors (
	program_id uuid not null references public.programs (id) on delete cascade,
	author_role text not null,
	k integer not null,
	author_id uuid not null,
	n integer not null,
	primary key (program_id, author_role, k, author_id)
);
create index monitoring_log_authors_author_idx
	on private.monitoring_log_authors (program_id, author_role, author_id, k);
create table private.monitoring_log_fortnights (
	program_id uuid not null references public.programs (id) on delete cascade,
	author_role text not null,
	k integer not null,
	n integer not null,
	people integer not null,
	primary key (program_id, author_role, k)
);
create table private.monitoring_log_first (
	program_id uuid not null references public.programs (id) on delete cascade,
	author_role text not null,
	author_id uuid not null,
	first_k integer not null,
	primary key (program_id, author_role, author_id)
);

-- Sheets per instrument and progress state (-1, -1: no progress row yet).
create table private.monitoring_sheet_states (
	program_id uuid not null references public.programs (id) on delete cascade,
	template_key text not null,
	filled integer not null,
	total integer not null,
	n integer not null,
	primary key (program_id, template_key, filled, total)
);

alter table private.monitoring_meeting_pairs enable row level security;
alter table private.monitoring_meeting_fortnights enable row level security;
alter table private.monitoring_log_authors enable row level security;
alter table private.monitoring_log_fortnights enable row level security;
alter table private.monitoring_log_first enable row level security;
alter table private.monitoring_sheet_states enable row level security;
revoke all on private.monitoring_meeting_pairs, private.monitoring_meeting_fortnights,
	private.monitoring_log_authors, private.monitoring_log_fortnights, private.monitoring_log_first,
	private.monitoring_sheet_states
	from public, anon, authenticated;

-- The last (possibly partial) fortnight, read by day.
create index meetings_held_on_idx on public.meetings (((held_at at time zone 'UTC')::date))
	where held_at is not null;
create index meetings_planned_on_idx on public.meetings (planned_on) where planned_on is not null;
create index log_submissions_created_on_idx
	on public.log_submissions (((created_at at time zone 'UTC')::date));

-- ---------------------------------------------------------------------------------------------
-- One meeting event (+1 or -1) for a pair in a series and fortnight.
create function private.monitoring_meeting_step(
	p_program uuid, p_series text, p_k integer, p_pair uuid, p_sign integer
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
	v integer;
begin
	if p_k is null then
		return;
	end if;
	if p_sign > 0 then
		insert into private.monitoring_meeting_pairs as t (program_id, series, k, pair_id, n)
			values (p_program, p_series, p_k, p_pair, 1)
			on conflict (program_id, series, k, pair_id) do update set n = t.n + 1
			returning t.n into v;
		insert into private.monitoring_meeting_fortnights as t (program_id, series, k, n, pairs)
			values (p_program, p_series, p_k, 1, case when v = 1 then 1 else 0 end)
			on conflict (program_id, series, k) do update
				set n = t.n + 1, pairs = t.pairs + excluded.pairs;
	else
		select t.n into v from private.monitoring_meeting_pairs t
			where t.program_id = p_program and t.series = p_series and t.k = p_k and t.pair_id = p_pair
			for update;
		if not found then
			return;
		end if;
		if v = 1 then
			delete from private.monitoring_meeting_pairs t
				where t.program_id = p_program and t.series = p_series and t.k = p_k and t.pair_id = p_pair;
		else
			update private.monitoring_meeting_pairs t set n = t.n - 1
				where t.program_id = p_program and t.series = p_series and t.k = p_k and t.pair_id = p_pair;
		end if;
		update private.monitoring_meeting_fortnights t
			set n = t.n - 1, pairs = t.pairs - case when v = 1 then 1 else 0 end
			where t.program_id = p_program and t.series = p_series and t.k = p_k;
	end if;
end
$$;

-- One meeting row's events, counted in its pair's programme (nothing when the pair or the
-- programme is gone: see the pair trigger).
create function private.monitoring_meeting_apply(
	p_pair uuid, p_held timestamptz, p_planned date, p_sign integer
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
	prog uuid;
	start date;
begin
	select p.program_id, g.starts_on into prog, start
		from public.pairs p join public.programs g on g.id = p.program_id
		where p.id = p_pair;
	if not found then
		return;
	end if;
	if p_held is not null then
		perform private.monitoring_meeting_step(prog, 'held',
			public.monitoring_fortnight(start, (p_held at time zone 'UTC')::date), p_pair, p_sign);
	end if;
	if p_planned is not null then
		perform private.monitoring_meeting_step(prog, 'planned',
			public.monitoring_fortnight(start, p_planned), p_pair, p_sign);
	end if;
end
$$;

-- One logbook part (+1 or -1) of an author in a role and fortnight.
create function private.monitoring_log_step(
	p_program uuid, p_role text, p_k integer, p_author uuid, p_sign integer
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
	v integer;
	first integer;
begin
	if p_sign > 0 then
		insert into private.monitoring_log_authors as t (program_id, author_role, k, author_id, n)
			values (p_program, p_role, p_k, p_author, 1)
			on conflict (program_id, author_role, k, author_id) do update set n = t.n + 1
			returning t.n into v;
		insert into private.monitoring_log_fortnights as t (program_id, author_role, k, n, people)
			values (p_program, p_role, p_k, 1, case when v = 1 then 1 else 0 end)
			on conflict (program_id, author_role, k) do update
				set n = t.n + 1, people = t.people + excluded.people;
		if v = 1 then
			insert into private.monitoring_log_first as t (program_id, author_role, author_id, first_k)
				values (p_program, p_role, p_author, p_k)
				on conflict (program_id, author_role, author_id) do update
					set first_k = least(t.first_k, excluded.first_k);
		end if;
	else
		select t.n into v from private.monitoring_log_authors t
			where t.program_id = p_program and t.author_role = p_role and t.k = p_k
				and t.author_id = p_author
			for update;
		if not found then
			return;
		end if;
		update private.monitoring_log_fortnights t
			set n = t.n - 1, people = t.people - case when v = 1 then 1 else 0 end
			where t.program_id = p_program and t.author_role = p_role and t.k = p_k;
		if v > 1 then
			update private.monitoring_log_authors t set n = t.n - 1
				where t.program_id = p_program and t.author_role = p_role and t.k = p_k
					and t.author_id = p_author;
			return;
		end if;
		delete from private.monitoring_log_authors t
			where t.program_id = p_program and t.author_role = p_role and t.k = p_k
				and t.author_id = p_author;
		select min(t.k) into first from private.monitoring_log_authors t
			where t.program_id = p_program and t.author_role = p_role and t.author_id = p_author;
		if first is null then
			delete from private.monitoring_log_first t
				where t.program_id = p_program and t.author_role = p_role and t.author_id = p_author;
		else
			update private.monitoring_log_first t set first_k = first
				where t.program_id = p_program and t.author_role = p_role and t.author_id = p_author;
		end if;
	end if;
end
$$;

create function private.monitoring_log_apply(
	p_pair uuid, p_author uuid, p_role text, p_created timestamptz, p_sign integer
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
	prog uuid;
	start date;
begin
	if p_pair is null then
		return; -- a mentor group's part: not a pair's, not counted
	end if;
	select p.program_id, g.starts_on into prog, start
		from public.pairs p join public.programs g on g.id = p.program_id
		where p.id = p_pair;
	if not found then
		return;
	end if;
	perform private.monitoring_log_step(prog, p_role,
		public.monitoring_fortnight(start, (p_created at time zone 'UTC')::date), p_author, p_sign);
end
$$;

-- One sheet (+1 or -1) in a progress state of its instrument.
create function private.monitoring_sheet_step(
	p_pair uuid, p_key text, p_filled integer, p_total integer, p_sign integer
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
	prog uuid;
begin
	select p.program_id into prog
		from public.pairs p join public.programs g on g.id = p.program_id
		where p.id = p_pair;
	if not found then
		return;
	end if;
	if p_sign > 0 then
		insert into private.monitoring_sheet_states as t (program_id, template_key, filled, total, n)
			values (prog, p_key, coalesce(p_filled, -1), coalesce(p_total, -1), 1)
			on conflict (program_id, template_key, filled, total) do update set n = t.n + 1;
	else
		update private.monitoring_sheet_states t set n = t.n - 1
			where t.program_id = prog and t.template_key = p_key
				and t.filled = coalesce(p_filled, -1) and t.total = coalesce(p_total, -1);
	end if;
end
$$;

-- Every rollup of one programme (or of all, when null) from the rows themselves.
create function private.monitoring_rollups_rebuild(p_program uuid) returns void
language plpgsql security definer set search_path = ''
as $$
begin
	delete from private.monitoring_meeting_pairs where p_program is null or program_id = p_program;
	delete from private.monitoring_meeting_fortnights where p_program is null or program_id = p_program;
	delete from private.monitoring_log_authors where p_program is null or program_id = p_program;
	delete from private.monitoring_log_fortnights where p_program is null or program_id = p_program;
	delete from private.monitoring_log_first where p_program is null or program_id = p_program;
	delete from private.monitoring_sheet_states where p_program is null or program_id = p_program;

	insert into private.monitoring_meeting_pairs (program_id, series, k, pair_id, n)
	select p.program_id, e.series, e.k, m.pair_id, count(*)::integer
	from public.pairs p
	join public.programs g on g.id = p.program_id
	join public.meetings m on m.pair_id = p.id
	cross join lateral (
		values
			('held', case when m.held_at is not null
				then public.monitoring_fortnight(g.starts_on, (m.held_at at time zone 'UTC')::date) end),
			('planned', case when m.planned_on is not null
				then public.monitoring_fortnight(g.starts_on, m.planned_on) end)
	) as e (series, k)
	where e.k is not null and (p_program is null or p.program_id = p_program)
	group by 1, 2, 3, 4;

	insert into private.monitoring_meeting_fortnights (program_id, series, k, n, pairs)
	select t.program_id, t.series, t.k, sum(t.n)::integer, count(*)::integer
	from private.monitoring_meeting_pairs t
	where p_program is null or t.program_id = p_program
	group by 1, 2, 3;

	insert into private.monitoring_log_authors (program_id, author_role, k, author_id, n)
	select p.program_id, l.author_role,
		public.monitoring_fortnight(g.starts_on, (l.created_at at time zone 'UTC')::date),
		l.author_id, count(*)::integer
	from public.pairs p
	join public.programs g on g.id = p.program_id
	join public.log_submissions l on l.pair_id = p.id
	where p_program is null or p.program_id = p_program
	group by 1, 2, 3, 4;

	insert into private.monitoring_log_fortnights (program_id, author_role, k, n, people)
	select t.program_id, t.author_role, t.k, sum(t.n)::integer, count(*)::integer
	from private.monitoring_log_authors t
	where p_program is null or t.program_id = p_program
	group by 1, 2, 3;

	insert into private.monitoring_log_first (program_id, author_role, author_id, first_k)
	select t.program_id, t.author_role, t.author_id, min(t.k)
	from private.monitoring_log_authors t
	where p_program is null or t.program_id = p_program
	group by 1, 2, 3;

	insert into private.monitoring_sheet_states (program_id, template_key, filled, total, n)
	select p.program_id, s.template_key, coalesce(sp.filled, -1), coalesce(sp.total, -1),
		count(*)::integer
	from public.pairs p
	join public.sheets s on s.pair_id = p.id
	left join public.sheet_progress sp on sp.sheet_id = s.id
	where p_program is null or p.program_id = p_program
	group by 1, 2, 3, 4;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Triggers.

create function private.monitoring_meetings_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	-- An edit of the same pair's meeting moves only the series whose day changed.
	if tg_op = 'UPDATE' and old.pair_id = new.pair_id then
		if old.held_at is distinct from new.held_at then
			perform private.monitoring_meeting_apply(old.pair_id, old.held_at, null, -1);
			perform private.monitoring_meeting_apply(new.pair_id, new.held_at, null, 1);
		end if;
		if old.planned_on is distinct from new.planned_on then
			perform private.monitoring_meeting_apply(old.pair_id, null, old.planned_on, -1);
			perform private.monitoring_meeting_apply(new.pair_id, null, new.planned_on, 1);
		end if;
		return null;
	end if;
	if tg_op in ('UPDATE', 'DELETE') then
		perform private.monitoring_meeting_apply(old.pair_id, old.held_at, old.planned_on, -1);
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		perform private.monitoring_meeting_apply(new.pair_id, new.held_at, new.planned_on, 1);
	end if;
	return null;
end
$$;
create trigger monitoring_rollup after insert or delete or update of pair_id, held_at, planned_on
	on public.meetings for each row execute function private.monitoring_meetings_changed();

create function private.monitoring_logs_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	if tg_op in ('UPDATE', 'DELETE') then
		perform private.monitoring_log_apply(old.pair_id, old.author_id, old.author_role,
			old.created_at, -1);
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		perform private.monitoring_log_apply(new.pair_id, new.author_id, new.author_role,
			new.created_at, 1);
	end if;
	return null;
end
$$;
create trigger monitoring_rollup
	after insert or delete or update of pair_id, author_id, author_role, created_at
	on public.log_submissions for each row execute function private.monitoring_logs_changed();

-- Sheets: inserted and moved after the fact; deleted before, while the progress row exists.
create function private.monitoring_sheets_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
	f integer;
	t integer;
begin
	select sp.filled, sp.total into f, t from public.sheet_progress sp
		where sp.sheet_id = coalesce(new.id, old.id);
	if tg_op in ('UPDATE', 'DELETE') then
		perform private.monitoring_sheet_step(old.pair_id, old.template_key, f, t, -1);
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		perform private.monitoring_sheet_step(new.pair_id, new.template_key, f, t, 1);
	end if;
	if tg_op = 'DELETE' then
		return old;
	end if;
	return null;
end
$$;
create trigger monitoring_rollup after insert or update of pair_id, template_key
	on public.sheets for each row execute function private.monitoring_sheets_changed();
create trigger monitoring_rollup_delete before delete
	on public.sheets for each row execute function private.monitoring_sheets_changed();

-- Progress rows move their sheet between states (nothing when the sheet is gone: a cascade).
create function private.monitoring_progress_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
	s record;
begin
	-- The same sheet's progress changing moves it from the old state to the new one.
	if tg_op = 'UPDATE' and old.sheet_id = new.sheet_id then
		if (old.filled, old.total) is distinct from (new.filled, new.total) then
			select x.pair_id, x.template_key into s from public.sheets x where x.id = new.sheet_id;
			if found then
				perform private.monitoring_sheet_step(s.pair_id, s.template_key, old.filled, old.total, -1);
				perform private.monitoring_sheet_step(s.pair_id, s.template_key, new.filled, new.total, 1);
			end if;
		end if;
		return null;
	end if;
	if tg_op in ('UPDATE', 'DELETE') then
		select x.pair_id, x.template_key into s from public.sheets x where x.id = old.sheet_id;
		if found then
			perform private.monitoring_sheet_step(s.pair_id, s.template_key, old.filled, old.total, -1);
			perform private.monitoring_sheet_step(s.pair_id, s.template_key, null, null, 1);
		end if;
	end if;
	if tg_op in ('INSERT', 'UPDATE') then
		select x.pair_id, x.template_key into s from public.sheets x where x.id = new.sheet_id;
		if found then
			perform private.monitoring_sheet_step(s.pair_id, s.template_key, null, null, -1);
			perform private.monitoring_sheet_step(s.pair_id, s.template_key, new.filled, new.total, 1);
		end if;
	end if;
	return null;
end
$$;
create trigger monitoring_rollup after insert or delete or update of sheet_id, filled, total
	on public.sheet_progress for each row execute function private.monitoring_progress_changed();

-- A pair going away takes its contributions with it, before its rows cascade.
create function private.monitoring_pair_deleting() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	perform private.monitoring_meeting_apply(old.id, m.held_at, m.planned_on, -1)
		from public.meetings m where m.pair_id = old.id;
	perform private.monitoring_log_apply(old.id, l.author_id, l.author_role, l.created_at, -1)
		from public.log_submissions l where l.pair_id = old.id;
	perform private.monitoring_sheet_step(old.id, s.template_key, sp.filled, sp.total, -1)
		from public.sheets s left join public.sheet_progress sp on sp.sheet_id = s.id
		where s.pair_id = old.id;
	return old;
end
$$;
create trigger monitoring_rollup_delete before delete
	on public.pairs for each row execute function private.monitoring_pair_deleting();

create function private.monitoring_pair_moved() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	perform private.monitoring_rollups_rebuild(old.program_id);
	perform private.monitoring_rollups_rebuild(new.program_id);
	return null;
end
$$;
create trigger monitoring_rollup after update of program_id on public.pairs
	for each row when (old.program_id is distinct from new.program_id)
	execute function private.monitoring_pair_moved();

create function private.monitoring_program_restarted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	perform private.monitoring_rollups_rebuild(new.id);
	return null;
end
$$;
create trigger monitoring_rollup after update of starts_on on public.programs
	for each row when (old.starts_on is distinct from new.starts_on)
	execute function private.monitoring_program_restarted();

revoke execute on function
	private.monitoring_meeting_step(uuid, text, integer, uuid, integer),
	private.monitoring_meeting_apply(uuid, timestamptz, date, integer),
	private.monitoring_log_step(uuid, text, integer, uuid, integer),
	private.monitoring_log_apply(uuid, uuid, text, timestamptz, integer),
	private.monitoring_sheet_step(uuid, text, integer, integer, integer),
	private.monitoring_rollups_rebuild(uuid),
	private.monitoring_meetings_changed(),
	private.monitoring_logs_changed(),
	private.monitoring_sheets_changed(),
	private.monitoring_progress_changed(),
	private.monitoring_pair_deleting(),
	private.monitoring_pair_moved(),
	private.monitoring_program_restarted()
	from public, anon, authenticated;

-- Backfill, and statistics for the planner (without them the first calls may pick a poor plan
-- until autovacuum analyses the new tables).
select private.monitoring_rollups_rebuild(null);
analyze private.monitoring_meeting_pairs, private.monitoring_meeting_fortnights,
	private.monitoring_log_authors, private.monitoring_log_fortnights, private.monitoring_log_first,
	private.monitoring_sheet_states, public.meetings, public.log_submissions;

-- ---------------------------------------------------------------------------------------------
-- The three functions, reading the rollups. Everything after the per-fortnight cells is as in
-- 20261203000700_monitoring_indexes.sql.

-- Meetings held and planned, cumulative (rule 4). Fortnights before the last from the rollups,
-- with at most `min_group_size` of each one's pairs; the last (it may end after `p_until`) from
-- the meetings dated in it.
create or replace function public.monitoring_meetings(p_program uuid, p_until date default current_date)
returns table (
	fortnight integer, starts_on date,
	held integer, held_suppressed boolean,
	planned integer, planned_suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select f.*, f.fortnights - 1 as last_k,
			case when f.fortnights <= 1 then '-infinity'::date
				else f.starts_on + 14 * (f.fortnights - 1) end as last_from
		from public.monitoring_frame(p_program, p_until) f
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	rolled as (
		select r.series, r.k, r.n,
			array(
				select mp.pair_id from private.monitoring_meeting_pairs mp
				where mp.program_id = p_program and mp.series = r.series and mp.k = r.k
				limit f.min_group_size
			) as ids
		from frame f
		join private.monitoring_meeting_fortnights r on r.program_id = p_program and r.k < f.last_k
		where r.n > 0
	),
	last_events as (
		select 'held' as series, m.pair_id
		from frame f
		join public.meetings m on m.held_at is not null
			and (m.held_at at time zone 'UTC')::date between f.last_from and f.last_day
		join public.pairs p on p.id = m.pair_id and p.program_id = p_program
		union all
		select 'planned', m.pair_id
		from frame f
		join public.meetings m on m.planned_on between f.last_from and f.last_day
		join public.pairs p on p.id = m.pair_id and p.program_id = p_program
	),
	last_cells as (
		select e.series, f.last_k as k, count(*)::integer as n,
			(array_agg(distinct e.pair_id))[1:f.min_group_size] as ids
		from last_events e, frame f
		group by e.series, f.last_k, f.min_group_size
	),
	cells as (
		select r.series, r.k, r.n, r.ids from rolled r
		union all
		select l.series, l.k, l.n, l.ids from last_cells l
	),
	steps as (
		select pr.k, pr.period_start,
			coalesce(h.n, 0)::integer as held_n,
			coalesce(to_jsonb(h.ids), '[]'::jsonb) as held_ids,
			coalesce(pl.n, 0)::integer as planned_n,
			coalesce(to_jsonb(pl.ids), '[]'::jsonb) as planned_ids
		from periods pr
		left join cells h on h.series = 'held' and h.k = pr.k
		left join cells pl on pl.series = 'planned' and pl.k = pr.k
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

-- Instruments: the cells (done, not done) from the sheets counted per progress state. A pair has
-- each instrument once, so the two cells' pairs are disjoint and the suppression, which only
-- counts distinct ids, gets as many stand-in ids per cell (at most `min_group_size`) as the cell
-- has pairs: the same flags as with the pairs' own ids.
create or replace function public.monitoring_instruments(p_program uuid, p_threshold numeric default 1)
returns table (template_key text, pairs integer, completed integer, share numeric, suppressed boolean)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select f.min_group_size,
			least(greatest(coalesce(p_threshold, 1), 0), 1) as threshold
		from public.monitoring_frame(p_program, current_date) f
	),
	cells as (
		select s.template_key, f.min_group_size,
			sum(s.n)::integer as n,
			coalesce(sum(s.n) filter (where s.total > 0 and s.filled >= f.threshold * s.total), 0)::integer
				as done_n
		from frame f
		join private.monitoring_sheet_states s on s.program_id = p_program
		group by s.template_key, f.min_group_size
		having sum(s.n) > 0
	)
	select c.template_key,
		case when c.n >= c.min_group_size then c.n end,
		case when x.hidden[1] then null else c.done_n end,
		case when x.hidden[1] then null else round(c.done_n::numeric / c.n, 3) end,
		x.hidden[1]
	from cells c
	cross join lateral (
		select public.monitoring_suppress_counted(
			jsonb_build_array(
				to_jsonb(array(
					select 'done-' || i from generate_series(1, least(c.done_n, c.min_group_size)) as i
				)),
				to_jsonb(array(
					select 'open-' || i from generate_series(1, least(c.n - c.done_n, c.min_group_size)) as i
				))
			),
			array[c.done_n, c.n - c.done_n], c.min_group_size
		) as hidden
	) x
	order by c.template_key
$$;

-- Logbook submissions per fortnight, by author role, counted in authors. Fortnights before the
-- last from the rollups; the last from the parts dated in it; the totals' authors are those whose
-- first part falls in an earlier fortnight plus the last fortnight's others.
create or replace function public.monitoring_logbook(p_program uuid, p_until date default current_date)
returns table (
	author_role text, fortnight integer, starts_on date, submissions integer, suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select f.*, f.fortnights - 1 as last_k,
			case when f.fortnights <= 1 then '-infinity'::date
				else f.starts_on + 14 * (f.fortnights - 1) end as last_from
		from public.monitoring_frame(p_program, p_until) f
	),
	periods as (
		select k, f.starts_on + 14 * k as period_start, f.min_group_size
		from frame f, generate_series(0, f.fortnights - 1) as k
	),
	roles (author_role, ord) as (values ('mentor', 1), ('mentee', 2)),
	-- The last fortnight's parts, per author.
	last_subs as (
		select l.author_role, l.author_id, count(*)::integer as n
		from frame f
		join public.log_submissions l
			on (l.created_at at time zone 'UTC')::date between f.last_from and f.last_day
		join public.pairs p on p.id = l.pair_id and p.program_id = p_program
		where f.fortnights > 0
		group by 1, 2
	),
	per_fortnight as (
		select r.author_role, r.k, r.n, r.people,
			array(
				select a.author_id from private.monitoring_log_authors a
				where a.program_id = p_program and a.author_role = r.author_role and a.k = r.k
				limit f.min_group_size
			) as ids
		from frame f
		join private.monitoring_log_fortnights r on r.program_id = p_program and r.k < f.last_k
		where r.n > 0
		union all
		select s.author_role, f.last_k, sum(s.n)::integer, count(*)::integer,
			(array_agg(s.author_id))[1:f.min_group_size]
		from last_subs s, frame f
		group by s.author_role, f.last_k, f.min_group_size
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
	-- Authors with a part up to the last day: first part before the last fortnight, or in it.
	earlier_authors as (
		select a.author_role, count(*)::integer as people
		from frame f
		join private.monitoring_log_first a on a.program_id = p_program and a.first_k < f.last_k
		group by a.author_role
	),
	last_only_authors as (
		select s.author_role, count(*)::integer as people
		from last_subs s
		cross join frame f
		where not exists (
			select 1 from private.monitoring_log_first a
			where a.program_id = p_program and a.author_role = s.author_role
				and a.author_id = s.author_id and a.first_k < f.last_k
		)
		group by s.author_role
	),
	totals as (
		select r.author_role, r.ord, f.min_group_size,
			coalesce((select sum(pf.n) from per_fortnight pf where pf.author_role = r.author_role), 0)::integer
				as n,
			coalesce((select e.people from earlier_authors e where e.author_role = r.author_role), 0)
				+ coalesce((select o.people from last_only_authors o where o.author_role = r.author_role), 0)
				as people
		from frame f
		cross join roles r
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
