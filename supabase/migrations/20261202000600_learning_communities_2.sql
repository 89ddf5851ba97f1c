-- Learning communities, part 2 (issue #12): comments on shared reflections, the group's meetings,
-- live intervision rounds with a shared timer, and the coordinator's counts per group.
--
-- * Comments live in rows, not in the reflection's Y.Doc: the reflection is read-only for
--   everyone but its author, and a comment must reach only those who read the reflection. A
--   comment is readable exactly while its reflection is (stop sharing hides the comments too).
-- * A group's meetings are planned by its process coach; once the group steers itself (the
--   hand-over date has come) by its members as well. The calendar SEQUENCE rises with every
--   change of date, time, place, mode or call link (as for pair meetings).
-- * An intervision round is server state, not a CRDT: the chair advances it and the server's
--   clock stamps each step (`step_started_at = now()`), so every participant computes the same
--   remaining time from one source, after a reload too. One open round per group.
-- * `group_activity` gives the coordinator counts per group and never a row of content; groups
--   with fewer members than the programme's minimum group size show no counts.

create table public.reflection_comments (
	id uuid primary key default gen_random_uuid(),
	reflection_id uuid not null references public.reflections (id) on delete cascade,
	author_id uuid not null references auth.users (id) on delete cascade,
	body text not null check (length(body) between 1 and 2000),
	created_at timestamptz not null default now()
);
create index reflection_comments_reflection_idx on public.reflection_comments (reflection_id, created_at);

create table public.group_meetings (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	starts_at timestamptz not null
		check (starts_at between timestamptz '2000-01-01' and timestamptz '2100-12-31'),
	duration_minutes integer not null default 120 check (duration_minutes between 15 and 480),
	mode text not null default 'face_to_face' check (mode in ('face_to_face', 'online')),
	place text not null default '' check (length(place) <= 200),
	call_link text check (call_link is null or (call_link ~ '^https?://' and length(call_link) <= 500)),
	held_at timestamptz,
	sequence integer not null default 0 check (sequence >= 0),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index group_meetings_group_idx on public.group_meetings (group_id, starts_at);

create table public.intervision_rounds (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	method text not null check (method in ('incident', 'solution_focused')),
	case_owner_id uuid not null references auth.users (id) on delete cascade,
	chair_id uuid not null references auth.users (id) on delete cascade,
	timekeeper_id uuid references auth.users (id) on delete set null,
	step smallint not null default 0 check (step between 0 and 20),
	step_started_at timestamptz not null default now(),
	-- the time the current step was given (the chair may extend it)
	step_seconds integer not null check (step_seconds between 0 and 7200),
	-- seconds left while paused; null while the timer runs
	paused_remaining integer check (paused_remaining between 0 and 7200),
	started_by uuid references auth.users (id) on delete set null,
	started_at timestamptz not null default now(),
	ended_at timestamptz,
	updated_at timestamptz not null default now()
);
create unique index intervision_rounds_open_idx on public.intervision_rounds (group_id)
	where ended_at is null;

alter table public.reflection_comments enable row level security;
alter table public.group_meetings enable row level security;
alter table public.intervision_rounds enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Helpers.

-- Whether the caller reads a reflection: its author while still in the group, or someone it is
-- shared with.
create function private.reads_reflection(p_reflection uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.reflections r
		where r.id = p_reflection
			and r.author_id = (select auth.uid())
			and private.my_group_role(r.group_id) is not null
	) or private.reflection_reaches_me(p_reflection)
$$;

-- Whether the caller plans the group's meetings: its process coach, and once the group steers
-- itself, its members too.
create function private.plans_group_meetings(p_group uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select case private.my_group_role(p_group)
		when 'facilitator' then true
		when 'member' then exists (
			select 1 from public.groups g
			where g.id = p_group and g.self_steering_since is not null
				and g.self_steering_since <= current_date
		)
		else false
	end
$$;

-- Whether a person is in the group (for the roles of an intervision round).
create function private.in_group(p_group uuid, p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.group_members gm where gm.group_id = p_group and gm.user_id = p_user
	)
$$;

create function private.bump_group_meeting_sequence() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if (new.starts_at, new.duration_minutes, new.place, new.mode, new.call_link)
		is distinct from (old.starts_at, old.duration_minutes, old.place, old.mode, old.call_link) then
		new.sequence := greatest(old.sequence, new.sequence) + 1;
	end if;
	return new;
end
$$;
create trigger group_meetings_sequence before update on public.group_meetings
	for each row execute function private.bump_group_meeting_sequence();

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Privileges.

revoke all on public.reflection_comments, public.group_meetings, public.intervision_rounds from anon;
revoke all on public.reflection_comments, public.group_meetings, public.intervision_rounds
	from authenticated;
grant select on public.reflection_comments, public.group_meetings, public.intervision_rounds
	to authenticated;
grant insert (id, reflection_id, author_id, body), delete on public.reflection_comments
	to authenticated;
grant insert (id, group_id, starts_at, duration_minutes, mode, place, call_link, created_by),
	update (starts_at, duration_minutes, mode, place, call_link, held_at, updated_at), delete
	on public.group_meetings to authenticated;
grant insert (id, group_id, method, case_owner_id, chair_id, timekeeper_id, step_seconds, started_by),
	update (step, step_started_at, step_seconds, paused_remaining, ended_at, updated_at)
	on public.intervision_rounds to authenticated;
grant select, insert, update, delete on public.reflection_comments, public.group_meetings,
	public.intervision_rounds to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row policies, one per operation.

-- reflection_comments: whoever reads the reflection reads its comments and may add one in their
-- own name; a comment is removed by its writer only.
create policy reflection_comments_select on public.reflection_comments for select to authenticated
	using (private.reads_reflection(reflection_id));
create policy reflection_comments_insert on public.reflection_comments for insert to authenticated
	with check (author_id = (select auth.uid()) and private.reads_reflection(reflection_id));
create policy reflection_comments_delete on public.reflection_comments for delete to authenticated
	using (author_id = (select auth.uid()));

-- group_meetings: the group reads them; the planners plan, change and remove them.
create policy group_meetings_select on public.group_meetings for select to authenticated
	using (private.my_group_role(group_id) is not null);
create policy group_meetings_insert on public.group_meetings for insert to authenticated
	with check (
		private.plans_group_meetings(group_id)
		and (created_by is null or created_by = (select auth.uid()))
	);
create policy group_meetings_update on public.group_meetings for update to authenticated
	using (private.plans_group_meetings(group_id))
	with check (private.plans_group_meetings(group_id));
create policy group_meetings_delete on public.group_meetings for delete to authenticated
	using (private.plans_group_meetings(group_id));

-- intervision_rounds: the group reads them; anyone in the group starts one with people of the
-- group in its roles; the chair (and the timekeeper, who watches the clock) moves it on.
create policy intervision_rounds_select on public.intervision_rounds for select to authenticated
	using (private.my_group_role(group_id) is not null);
create policy intervision_rounds_insert on public.intervision_rounds for insert to authenticated
	with check (
		private.my_group_role(group_id) is not null
		and started_by = (select auth.uid())
		and private.in_group(group_id, case_owner_id)
		and private.in_group(group_id, chair_id)
		and (timekeeper_id is null or private.in_group(group_id, timekeeper_id))
	);
create policy intervision_rounds_update on public.intervision_rounds for update to authenticated
	using (
		private.my_group_role(group_id) is not null
		and (select auth.uid()) in (chair_id, timekeeper_id)
	)
	with check (
		private.my_group_role(group_id) is not null
		and (select auth.uid()) in (chair_id, timekeeper_id)
	);

-- ---------------------------------------------------------------------------------------------
-- Notifications: a comment on one's reflection, a meeting of one's group. The kinds constraint is
-- re-created with every kind so far (incl. the check-in and concern kinds of 20261202000400).

alter table public.notifications drop constraint if exists notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
	'message', 'comment', 'signature_requested', 'signature_given', 'assignment',
	'meeting_planned', 'meeting_changed', 'logbook_due', 'pair_status',
	'meeting_tomorrow', 'meeting_unheld', 'pair_stalled', 'assignment_due',
	'checkin_due', 'concern_raised', 'concern_status',
	'reflection_comment', 'group_meeting'
));

-- ---------------------------------------------------------------------------------------------
-- Needs analysis (seed 004: "Via een beginsituatieanalyse en zelfevaluatie leer je jouw noden
-- benoemen"): each member rates their need for support per theme of the track, at the start and
-- again later (`moment`), so change shows. The answers are the member's own; the process coach
-- sees averages per theme only, and only when enough members answered.

create table public.needs_analyses (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	moment text not null check (moment in ('start', 'year1_end', 'year2_end')),
	-- { "<theme key>": 1..4 } (1 no need … 4 a great need); keys are checked by the app
	answers jsonb not null check (jsonb_typeof(answers) = 'object' and length(answers::text) <= 2000),
	submitted_at timestamptz not null default now(),
	unique (group_id, user_id, moment)
);
alter table public.needs_analyses enable row level security;
revoke all on public.needs_analyses from anon, authenticated;
grant select on public.needs_analyses to authenticated;
grant insert (id, group_id, user_id, moment, answers), update (answers, submitted_at)
	on public.needs_analyses to authenticated;
grant select, insert, update, delete on public.needs_analyses to service_role;

create policy needs_analyses_select on public.needs_analyses for select to authenticated
	using (user_id = (select auth.uid()));
create policy needs_analyses_insert on public.needs_analyses for insert to authenticated
	with check (user_id = (select auth.uid()) and private.my_group_role(group_id) = 'member');
create policy needs_analyses_update on public.needs_analyses for update to authenticated
	using (user_id = (select auth.uid()) and private.my_group_role(group_id) = 'member')
	with check (user_id = (select auth.uid()) and private.my_group_role(group_id) = 'member');

-- The group's averages per moment and theme, for its process coach; nothing when fewer members
-- answered at that moment than the programme's minimum group size.
create function public.group_needs_summary(p_group uuid)
returns table (moment text, theme text, respondents integer, average numeric)
language sql stable security definer set search_path = ''
as $$
	with counted as (
		select na.moment, count(*)::integer as n from public.needs_analyses na
		where na.group_id = p_group group by na.moment
	)
	select na.moment, a.key, c.n, round(avg((a.value #>> '{}')::numeric), 1)
	from public.needs_analyses na
	join counted c on c.moment = na.moment
	cross join lateral jsonb_each(na.answers) a
	join public.groups g on g.id = na.group_id
	join public.programs pr on pr.id = g.program_id
	where na.group_id = p_group
		and private.my_group_role(p_group) = 'facilitator'
		and c.n >= pr.min_group_size
		and jsonb_typeof(a.value) = 'number'
	group by na.moment, a.key, c.n
	order by na.moment, a.key
$$;
revoke execute on function public.group_needs_summary(uuid) from public, anon;
grant execute on function public.group_needs_summary(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The coordinator's counts per group: no content, and nothing for a group smaller than the
-- programme's minimum group size (its counts could point at one person).

create function public.group_activity(p_program uuid)
returns table (
	group_id uuid,
	name text,
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
		select g.id, g.name, g.kind, g.self_steering_since,
			(select count(*) from public.group_members gm
			 where gm.group_id = g.id and gm.role = 'member')::integer as members,
			pr.min_group_size
		from public.groups g
		join public.programs pr on pr.id = g.program_id
		where g.program_id = p_program and public.is_program_coordinator(p_program)
	)
	select b.id, b.name, b.kind, b.self_steering_since, b.members,
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
	order by b.kind, lower(b.name)
$$;

revoke execute on function public.group_activity(uuid) from public, anon;
grant execute on function public.group_activity(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Peer coaching duos (seed 004: "peer coaching, zowel binnen de school zelf als tussen scholen"):
-- two members of a group, formed by the process coach or by a member with a partner. Each duo has
-- one workspace document (a `group_documents` row of kind `duo_workspace`) that only the two open;
-- the process coach sees that the duo exists, never its workspace.

create table public.group_duos (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	member_a uuid not null references auth.users (id) on delete cascade,
	member_b uuid not null references auth.users (id) on delete cascade,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	check (member_a <> member_b)
);
create unique index group_duos_pair_idx on public.group_duos
	(group_id, least(member_a, member_b), greatest(member_a, member_b));
create index group_duos_member_idx on public.group_duos (member_a, member_b);
alter table public.group_duos enable row level security;

alter table public.group_documents add column duo_id uuid references public.group_duos (id) on delete cascade;
alter table public.group_documents drop constraint if exists group_documents_kind_check;
alter table public.group_documents add constraint group_documents_kind_duo_check check (
	kind in ('agenda', 'intervision_notes', 'action_plan', 'school_actions', 'duo_workspace')
	and ((kind = 'duo_workspace') = (duo_id is not null))
);

-- Whether the caller is one of the duo, while still in its group.
create function private.in_duo(p_duo uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.group_duos d
		where d.id = p_duo
			and (select auth.uid()) in (d.member_a, d.member_b)
			and private.my_group_role(d.group_id) is not null
	)
$$;

-- Whether a person is a member (not the facilitator) of the group.
create function private.is_group_member(p_group uuid, p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.group_members gm
		where gm.group_id = p_group and gm.user_id = p_user and gm.role = 'member'
	)
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

revoke all on public.group_duos from anon, authenticated;
grant select, delete on public.group_duos to authenticated;
grant insert (id, group_id, member_a, member_b, created_by) on public.group_duos to authenticated;
grant select, insert, update, delete on public.group_duos to service_role;
grant insert (duo_id) on public.group_documents to authenticated;

-- group_duos: the two and the group's process coach see the duo; the process coach forms any duo
-- of two members, a member one with themselves in it; either of the two or the coach ends it.
create policy group_duos_select on public.group_duos for select to authenticated
	using (
		((select auth.uid()) in (member_a, member_b) and private.my_group_role(group_id) is not null)
		or private.my_group_role(group_id) = 'facilitator'
	);
create policy group_duos_insert on public.group_duos for insert to authenticated
	with check (
		private.is_group_member(group_id, member_a)
		and private.is_group_member(group_id, member_b)
		and (created_by is null or created_by = (select auth.uid()))
		and (
			private.my_group_role(group_id) = 'facilitator'
			or (private.my_group_role(group_id) = 'member' and (select auth.uid()) in (member_a, member_b))
		)
	);
create policy group_duos_delete on public.group_duos for delete to authenticated
	using (
		private.my_group_role(group_id) = 'facilitator'
		or ((select auth.uid()) in (member_a, member_b) and private.my_group_role(group_id) is not null)
	);

-- group_documents: the same rules as before for the group's documents; a duo's workspace is seen
-- and renamed by the two only, and made with the duo (by one of them or the process coach).
drop policy group_documents_select on public.group_documents;
drop policy group_documents_insert on public.group_documents;
drop policy group_documents_update on public.group_documents;
create policy group_documents_select on public.group_documents for select to authenticated
	using (
		case when duo_id is null then
			private.my_group_role(group_id) is not null
			or public.is_program_coordinator(private.group_program(group_id))
		else private.in_duo(duo_id) end
	);
create policy group_documents_insert on public.group_documents for insert to authenticated
	with check (
		(private.my_group_role(group_id) is not null
			or (duo_id is null and public.is_program_coordinator(private.group_program(group_id))))
		and (school_id is null or private.school_program(school_id) = private.group_program(group_id))
		and (created_by is null or created_by = (select auth.uid()))
		and (duo_id is null
			or exists (
				select 1 from public.group_duos d
				where d.id = duo_id and d.group_id = group_documents.group_id
					and (private.in_duo(d.id) or private.my_group_role(d.group_id) = 'facilitator')
			))
	);
create policy group_documents_update on public.group_documents for update to authenticated
	using (
		private.my_group_role(group_id) is not null
		and (duo_id is null or private.in_duo(duo_id))
	)
	with check (
		private.my_group_role(group_id) is not null
		and (duo_id is null or private.in_duo(duo_id))
	);
