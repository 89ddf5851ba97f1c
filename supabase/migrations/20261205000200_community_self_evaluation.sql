-- Learning communities (issue #12), the two parts still missing:
--
-- 1. Pseudonymised group monitoring ("per group (pseudonymised, small cells suppressed as for
--    pairs)"). Every group gets a stable pseudonym per programme (G-01, G-02 …), assigned by the
--    database on insert (so a direct insert gets one too) from a counter per programme that only
--    goes up: a deleted group's pseudonym is never given to another group. The coordinator's
--    monitoring functions (`group_activity`, `group_needs_change`) return the pseudonym and no
--    longer the group's name.
-- 2. The self-evaluation of the start of the track (seed 004: "Via een beginsituatieanalyse en
--    zelfevaluatie leer je jouw noden als schoolleider benoemen"), beside the needs analysis: per
--    theme where the member stands now (1 beginning … 4 strong), with an optional short "what goes
--    well / where I want to grow", per moment (start, end of year 1, end of year 2). The answers
--    are the member's alone; the process coach and the coordinator get averages per theme,
--    suppressed below the programme's minimum group size (the block rule of
--    20261204000400_community_needs_change.sql).

-- ---------------------------------------------------------------------------------------------
-- 1. Group pseudonyms

create table private.group_pseudonym_counters (
	program_id uuid primary key references public.programs (id) on delete cascade,
	last_number integer not null check (last_number >= 0)
);
alter table private.group_pseudonym_counters enable row level security;
revoke all on private.group_pseudonym_counters from public, anon, authenticated;
grant select, insert, update, delete on private.group_pseudonym_counters to service_role;

alter table public.groups add column pseudonym text check (pseudonym ~ '^G-[0-9]{2,4}$');

-- Backfill: the existing groups of each programme in the order they were made.
with numbered as (
	select id, program_id,
		row_number() over (partition by program_id order by created_at, id) as n
	from public.groups
)
update public.groups g
set pseudonym = 'G-' || lpad(numbered.n::text, 2, '0')
from numbered where numbered.id = g.id;

insert into private.group_pseudonym_counters (program_id, last_number)
select program_id, count(*)::integer from public.groups group by program_id;

alter table public.groups alter column pseudonym set not null;
alter table public.groups add constraint groups_program_pseudonym_key unique (program_id, pseudonym);

-- The next number of the programme, whatever the insert says (the pseudonym is not the caller's
-- to choose; the counter row's lock orders two inserts in the same programme).
create function private.assign_group_pseudonym() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
	v_number integer;
begin
	insert into private.group_pseudonym_counters as c (program_id, last_number)
	values (new.program_id, 1)
	on conflict (program_id) do update set last_number = c.last_number + 1
	returning c.last_number into v_number;
	new.pseudonym := 'G-' || lpad(v_number::text, 2, '0');
	return new;
end
$$;
revoke execute on function private.assign_group_pseudonym() from public, anon, authenticated;

create trigger groups_assign_pseudonym before insert on public.groups
	for each row execute function private.assign_group_pseudonym();

-- A group keeps its pseudonym: an update never changes it (nor its programme, see the policies).
create function private.keep_group_pseudonym() returns trigger
language plpgsql set search_path = ''
as $$
begin
	new.pseudonym := old.pseudonym;
	return new;
end
$$;
revoke execute on function private.keep_group_pseudonym() from public, anon, authenticated;

create trigger groups_keep_pseudonym before update on public.groups
	for each row execute function private.keep_group_pseudonym();

-- The coordinator's counts per group, by pseudonym (was: by name).
drop function public.group_activity(uuid);
create function public.group_activity(p_program uuid)
returns table (
	group_id uuid,
	pseudonym text,
	kind text,
	self_steering_since date,
	members integer,
	suppressed boolean,
	meetings_planned integer,
	meetings_held integer,
	reflections_kept integer,
	reflections_shared integer,
	intervision_rounds integer,
	needs_analyses integer
)
language sql stable security definer set search_path = ''
as $$
	with base as (
		select g.id, g.pseudonym, g.kind, g.self_steering_since,
			(select count(*) from public.group_members gm
			 where gm.group_id = g.id and gm.role = 'member')::integer as members,
			pr.min_group_size
		from public.groups g
		join public.programs pr on pr.id = g.program_id
		where g.program_id = p_program and public.is_program_coordinator(p_program)
	)
	select b.id, b.pseudonym, b.kind, b.self_steering_since, b.members,
		b.members < b.min_group_size,
		case when b.members < b.min_group_size then null else
			(select count(*) from public.group_meetings gm where gm.group_id = b.id)::integer end,
		case when b.members < b.min_group_size then null else
			(select count(*) from public.group_meetings gm
			 where gm.group_id = b.id and gm.held_at is not null)::integer end,
		case when b.members < b.min_group_size then null else
			(select count(*) from public.reflections r where r.group_id = b.id)::integer end,
		case when b.members < b.min_group_size then null else
			(select count(*) from public.reflections r
			 where r.group_id = b.id and r.shared_at is not null)::integer end,
		case when b.members < b.min_group_size then null else
			(select count(*) from public.intervision_rounds ir
			 where ir.group_id = b.id and ir.ended_at is not null)::integer end,
		case when b.members < b.min_group_size then null else
			(select count(*) from public.needs_analyses na where na.group_id = b.id)::integer end
	from base b
	order by b.kind, b.pseudonym
$$;

revoke execute on function public.group_activity(uuid) from public, anon;
grant execute on function public.group_activity(uuid) to authenticated, service_role;

-- The change in the needs analysis per group, by pseudonym (was: by name); otherwise unchanged.
drop function public.group_needs_change(uuid);
create function public.group_needs_change(p_program uuid)
returns table (
	group_id uuid,
	pseudonym text,
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
		select g.id, g.pseudonym, g.kind, pr.min_group_size as min
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
	select grp.id, grp.pseudonym, grp.kind,
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
	order by grp.kind, grp.pseudonym, grp.id, t.theme
$$;

revoke execute on function public.group_needs_change(uuid) from public, anon;
grant execute on function public.group_needs_change(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- 2. The self-evaluation

create table public.community_self_evaluations (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	moment text not null check (moment in ('start', 'year1_end', 'year2_end')),
	-- { "<theme key>": 1..4 } (1 beginning … 4 strong); keys are checked by the app
	answers jsonb not null check (jsonb_typeof(answers) = 'object' and length(answers::text) <= 2000),
	-- "wat gaat goed" / "waar wil ik groeien": optional, short
	going_well text check (length(going_well) <= 1000),
	to_grow text check (length(to_grow) <= 1000),
	submitted_at timestamptz not null default now(),
	unique (group_id, user_id, moment)
);
create index community_self_evaluations_user_idx on public.community_self_evaluations (user_id);

alter table public.community_self_evaluations enable row level security;
revoke all on public.community_self_evaluations from public, anon, authenticated;
grant select, delete on public.community_self_evaluations to authenticated;
grant insert (id, group_id, user_id, moment, answers, going_well, to_grow),
	update (answers, going_well, to_grow, submitted_at)
	on public.community_self_evaluations to authenticated;
grant select, insert, update, delete on public.community_self_evaluations to service_role;

-- Only the author reads and writes; writing needs a member's place in the group, reading and
-- deleting one's own stays possible after leaving it.
create policy community_self_evaluations_select on public.community_self_evaluations
	for select to authenticated
	using (user_id = (select auth.uid()));
create policy community_self_evaluations_insert on public.community_self_evaluations
	for insert to authenticated
	with check (user_id = (select auth.uid()) and private.my_group_role(group_id) = 'member');
create policy community_self_evaluations_update on public.community_self_evaluations
	for update to authenticated
	using (user_id = (select auth.uid()) and private.my_group_role(group_id) = 'member')
	with check (user_id = (select auth.uid()) and private.my_group_role(group_id) = 'member');
create policy community_self_evaluations_delete on public.community_self_evaluations
	for delete to authenticated
	using (user_id = (select auth.uid()));

-- The averages per moment and theme of a group's self-evaluations, for its process coach and the
-- programme's coordinators; nobody else gets a row. The answers of a moment count in blocks of
-- `min_group_size`, in the order they were given (as `group_needs_summary`): fewer answers than
-- the minimum give nothing, and one more answer never moves an average seen before. Free text is
-- never part of it. `respondents` is the number of answers behind the averages.
create function public.group_self_evaluation_summary(p_group uuid)
returns table (moment text, theme text, respondents integer, average numeric)
language sql stable security definer set search_path = ''
as $$
	with ranked as (
		select se.moment, se.answers, pr.min_group_size as min,
			row_number() over (partition by se.moment order by se.submitted_at, se.user_id) as k,
			count(*) over (partition by se.moment) as n
		from public.community_self_evaluations se
		join public.groups g on g.id = se.group_id
		join public.programs pr on pr.id = g.program_id
		where se.group_id = p_group
			and (private.my_group_role(p_group) = 'facilitator'
				or public.is_program_coordinator(g.program_id))
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

revoke execute on function public.group_self_evaluation_summary(uuid) from public, anon;
grant execute on function public.group_self_evaluation_summary(uuid) to authenticated, service_role;

-- The coordinator's view of the whole programme: the same averages per group, by pseudonym.
create function public.community_self_evaluation_summary(p_program uuid)
returns table (group_id uuid, pseudonym text, kind text, moment text, theme text,
	respondents integer, average numeric)
language sql stable security definer set search_path = ''
as $$
	select g.id, g.pseudonym, g.kind, s.moment, s.theme, s.respondents, s.average
	from public.groups g
	left join lateral public.group_self_evaluation_summary(g.id) s on true
	where g.program_id = p_program and public.is_program_coordinator(p_program)
	order by g.kind, g.pseudonym, s.moment, s.theme
$$;

revoke execute on function public.community_self_evaluation_summary(uuid) from public, anon;
grant execute on function public.community_self_evaluation_summary(uuid) to authenticated, service_role;
