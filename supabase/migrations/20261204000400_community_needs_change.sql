-- Learning communities (issue #12): the coordinator's view of the change in the needs analysis
-- per group ("Monitoring for the coordinator: per group ... change in the needs analysis between
-- start and end of year"), the same block rule for the process coach's averages, and members
-- planning meetings from the Brussels day of the hand-over.
--
-- `group_needs_change(p_program)`: per group of the programme and per theme, the average rating
-- at the start and at the latest end-of-year moment, and the difference. Counts and averages only,
-- for the programme's coordinators (nobody else gets a row; the process coach has
-- `group_needs_summary`). The small-cell rules of 20261124000600_monitoring.sql, applied to a
-- group's answers:
-- 1. Both averages and their difference are computed over ONE cohort: the people who answered at
--    the start and at that later moment. So the change is the mean of per-person changes, and the
--    two averages never come from different sets of people (whose difference could single one
--    out). A theme is published only when its cohort counts at least `min_group_size` people.
-- 2. The later moment is the latest end-of-year moment with at least `min_group_size` such
--    people; a group without one shows no figures at all ("< N"), whether nobody or a few answered.
-- 3. Rule 4 of the monitoring charts (cumulative series): people join the published cohort in
--    blocks of `min_group_size`, in the order they completed both answers. One more answer (or one
--    fewer, after an erasure at the end of the order) does not change the published figures, so
--    comparing the chart before and after never shows one person's answers.
-- Answers stay part of the group's measurement when their author leaves the group (a leaver would
-- otherwise change the cohort by one person).

create function public.group_needs_change(p_program uuid)
returns table (
	group_id uuid,
	name text,
	kind text,
	first_moment text,
	last_moment text,
	theme text,
	respondents integer,
	first_average numeric,
	last_average numeric,
	change numeric,
	suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with grp as (
		select g.id, g.name, g.kind, pr.min_group_size as min
		from public.groups g
		join public.programs pr on pr.id = g.program_id
		where g.program_id = p_program and public.is_program_coordinator(p_program)
	),
	paired as (
		select s.group_id, e.moment, s.user_id, s.answers as first_answers, e.answers as last_answers,
			greatest(s.submitted_at, e.submitted_at) as completed_at
		from grp
		join public.needs_analyses s on s.group_id = grp.id and s.moment = 'start'
		join public.needs_analyses e on e.group_id = grp.id and e.user_id = s.user_id
			and e.moment in ('year1_end', 'year2_end')
	),
	chosen as (
		select distinct on (p.group_id) p.group_id, p.moment, count(*)::integer as n, grp.min
		from paired p
		join grp on grp.id = p.group_id
		group by p.group_id, p.moment, grp.min
		having count(*) >= grp.min
		order by p.group_id, array_position(array['year1_end', 'year2_end'], p.moment) desc
	),
	cohort as (
		select p.group_id, p.first_answers, p.last_answers, c.n, c.min,
			row_number() over (partition by p.group_id order by p.completed_at, p.user_id) as k
		from paired p
		join chosen c on c.group_id = p.group_id and c.moment = p.moment
	),
	per_theme as (
		select co.group_id, f.key as theme, count(*)::integer as n,
			round(avg((f.value #>> '{}')::numeric), 1) as first_average,
			round(avg(((co.last_answers -> f.key) #>> '{}')::numeric), 1) as last_average
		from cohort co
		cross join lateral jsonb_each(co.first_answers) f
		where co.k <= (co.n / co.min) * co.min
			and jsonb_typeof(f.value) = 'number'
			and jsonb_typeof(co.last_answers -> f.key) = 'number'
		group by co.group_id, f.key
	)
	select grp.id, grp.name, grp.kind,
		case when c.group_id is not null then 'start' end,
		c.moment,
		t.theme,
		case when t.n >= grp.min then t.n end,
		case when t.n >= grp.min then t.first_average end,
		case when t.n >= grp.min then t.last_average end,
		case when t.n >= grp.min then t.last_average - t.first_average end,
		coalesce(t.n < grp.min, true)
	from grp
	left join chosen c on c.group_id = grp.id
	left join per_theme t on t.group_id = grp.id
	order by grp.kind, lower(grp.name), grp.id, t.theme
$$;

revoke execute on function public.group_needs_change(uuid) from public, anon;
grant execute on function public.group_needs_change(uuid) to authenticated, service_role;

-- Members plan meetings from the day of the hand-over. The facilitator hands over on today's date
-- in Brussels (`todayInProgramZone`), while `current_date` is the database's (UTC) day: between
-- midnight in Brussels and midnight UTC the members of a group handed over "today" could not plan
-- yet. Compare with the Brussels date instead.
create or replace function private.plans_group_meetings(p_group uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select case private.my_group_role(p_group)
		when 'facilitator' then true
		when 'member' then exists (
			select 1 from public.groups g
			where g.id = p_group and g.self_steering_since is not null
				and g.self_steering_since <= (now() at time zone 'Europe/Brussels')::date
		)
		else false
	end
$$;

revoke execute on function private.plans_group_meetings(uuid) from public, anon;
grant execute on function private.plans_group_meetings(uuid) to authenticated, service_role;

-- The process coach's averages per moment follow the same block rule: the answers of a moment
-- count in blocks of `min_group_size`, in the order they were given, so one more answer never
-- moves an average the coach saw before (comparing the two would show that person's answers).
-- `respondents` is the number of answers behind the averages.
create or replace function public.group_needs_summary(p_group uuid)
returns table (moment text, theme text, respondents integer, average numeric)
language sql stable security definer set search_path = ''
as $$
	with ranked as (
		select na.moment, na.answers, pr.min_group_size as min,
			row_number() over (partition by na.moment order by na.submitted_at, na.user_id) as k,
			count(*) over (partition by na.moment) as n
		from public.needs_analyses na
		join public.groups g on g.id = na.group_id
		join public.programs pr on pr.id = g.program_id
		where na.group_id = p_group
			and private.my_group_role(p_group) = 'facilitator'
	),
	counted as (
		select r.moment, r.answers, ((r.n / r.min) * r.min)::integer as published
		from ranked r
		where r.k <= (r.n / r.min) * r.min
	)
	select c.moment, a.key, min(c.published), round(avg((a.value #>> '{}')::numeric), 1)
	from counted c
	cross join lateral jsonb_each(c.answers) a
	where jsonb_typeof(a.value) = 'number'
	group by c.moment, a.key
	order by c.moment, a.key
$$;

revoke execute on function public.group_needs_summary(uuid) from public, anon;
grant execute on function public.group_needs_summary(uuid) to authenticated, service_role;
