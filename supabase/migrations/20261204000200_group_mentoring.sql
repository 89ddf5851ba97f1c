-- Group mentoring (issue #14, "Mentor models", 003…: "groepsmentoring"): one mentor and several
-- beginning teachers of a teacher-induction programme in ONE group workspace.
--
-- * The model is the pair's, with several mentees: the coordinator composes the group (as they
--   make pairs), the group's sheets are rows whose text lives in Y.Docs on the collaboration
--   server (`mgroup/<group>/sheet/<sheet>`, as `pair/<pair>/sheet/<sheet>`), and every member keeps
--   a private logbook document (`mgroup/<group>/log/<user>`, as `pair/<pair>/log/<user>`) that no
--   row here describes: only its author opens it (collab-access.ts, the policy).
-- * The programme setting is this table itself: a programme uses group mentoring when it has
--   mentor groups. Nothing on `programs` changes (the pool-of-mentors migration …0100 adds its own
--   columns there).
-- * Who reads what: the group's mentor and teachers read the group, its members and its sheets;
--   the coordinator composes groups and reads the group and its members, never the sheet rows
--   (as with pair sheets). Supporters, observers, other teachers of the programme and members of
--   other programmes read nothing; anon has no privilege.
-- * Writes follow 20261130000100_write_rules.sql: column privileges, one policy per operation,
--   helpers that name other people's rows in `private`.

create table public.mentor_groups (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	name text not null check (length(name) between 1 and 200),
	mentor_id uuid not null references auth.users (id) on delete cascade,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index mentor_groups_program_idx on public.mentor_groups (program_id);
create index mentor_groups_mentor_idx on public.mentor_groups (mentor_id);

-- The beginning teachers of a group (the mentor is on the group row).
create table public.mentor_group_members (
	group_id uuid not null references public.mentor_groups (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (group_id, user_id)
);
create index mentor_group_members_user_idx on public.mentor_group_members (user_id);

-- The group's shared sheets: the teacher set's sheets that suit a group (docs/architecture.md).
create table public.mentor_group_sheets (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.mentor_groups (id) on delete cascade,
	template_key text not null
		check (template_key in ('01-agreement', '02-confidentiality', 'lesson-preparation')),
	template_version integer not null check (template_version >= 1),
	doc_name text not null unique,
	created_at timestamptz not null default now(),
	unique (group_id, template_key),
	check (doc_name = 'mgroup/' || group_id::text || '/sheet/' || id::text)
);

alter table public.mentor_groups enable row level security;
alter table public.mentor_group_members enable row level security;
alter table public.mentor_group_sheets enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Helpers (security definer: they read the tables without recursing into their policies).

create function private.mentor_group_program(p_group uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select g.program_id from public.mentor_groups g where g.id = p_group
$$;

create function private.mentor_group_mentor(p_group uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select g.mentor_id from public.mentor_groups g where g.id = p_group
$$;

-- The caller's place in a group: 'mentor' or 'teacher', while they are still an active mentor or
-- mentee of its programme (a membership that ended or changed role ends the access).
create function private.my_mentor_group_role(p_group uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select case
		when g.mentor_id = (select auth.uid())
			and private.member_role(g.program_id, g.mentor_id) = 'mentor' then 'mentor'
		when exists (
			select 1 from public.mentor_group_members gm
			where gm.group_id = g.id and gm.user_id = (select auth.uid())
		) and private.member_role(g.program_id, (select auth.uid())) = 'mentee' then 'teacher'
	end
	from public.mentor_groups g
	where g.id = p_group
$$;

-- Whether the caller shares a mentor group with the person (to read their name).
create function private.shares_mentor_group_with(p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.mentor_groups g
		where private.my_mentor_group_role(g.id) is not null
			and (g.mentor_id = p_user or exists (
				select 1 from public.mentor_group_members gm
				where gm.group_id = g.id and gm.user_id = p_user
			))
	)
$$;

revoke execute on function private.mentor_group_program(uuid), private.mentor_group_mentor(uuid),
	private.my_mentor_group_role(uuid), private.shares_mentor_group_with(uuid) from public, anon;
grant execute on function private.mentor_group_program(uuid), private.mentor_group_mentor(uuid),
	private.my_mentor_group_role(uuid), private.shares_mentor_group_with(uuid)
	to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Privileges.

revoke all on public.mentor_groups, public.mentor_group_members, public.mentor_group_sheets
	from anon, authenticated;
grant select on public.mentor_groups, public.mentor_group_members, public.mentor_group_sheets
	to authenticated;
grant insert (id, program_id, name, mentor_id), update (name, updated_at), delete
	on public.mentor_groups to authenticated;
grant insert (group_id, user_id), delete on public.mentor_group_members to authenticated;
grant insert (id, group_id, template_key, template_version, doc_name)
	on public.mentor_group_sheets to authenticated;
grant select, insert, update, delete on public.mentor_groups, public.mentor_group_members,
	public.mentor_group_sheets to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row policies, one per operation.

-- mentor_groups: the coordinator composes them of the programme's own mentor; the group reads it.
create policy mentor_groups_select on public.mentor_groups for select to authenticated
	using (
		public.is_program_coordinator(program_id)
		or private.my_mentor_group_role(id) is not null
	);
create policy mentor_groups_insert on public.mentor_groups for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		and private.member_role(program_id, mentor_id) = 'mentor'
	);
create policy mentor_groups_update on public.mentor_groups for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));
create policy mentor_groups_delete on public.mentor_groups for delete to authenticated
	using (public.is_program_coordinator(program_id));

-- mentor_group_members: the coordinator adds the programme's own beginning teachers (never the
-- group's mentor); the group reads who is in it.
create policy mentor_group_members_select on public.mentor_group_members for select to authenticated
	using (
		public.is_program_coordinator(private.mentor_group_program(group_id))
		or private.my_mentor_group_role(group_id) is not null
	);
create policy mentor_group_members_insert on public.mentor_group_members for insert to authenticated
	with check (
		public.is_program_coordinator(private.mentor_group_program(group_id))
		and private.member_role(private.mentor_group_program(group_id), user_id) = 'mentee'
		and user_id is distinct from private.mentor_group_mentor(group_id)
	);
create policy mentor_group_members_delete on public.mentor_group_members for delete to authenticated
	using (public.is_program_coordinator(private.mentor_group_program(group_id)));

-- mentor_group_sheets: the group only. The coordinator creates them with the group but does not
-- read them (as with a pair's sheets); rows are never changed or removed through the API.
create policy mentor_group_sheets_select on public.mentor_group_sheets for select to authenticated
	using (private.my_mentor_group_role(group_id) is not null);
create policy mentor_group_sheets_insert on public.mentor_group_sheets for insert to authenticated
	with check (public.is_program_coordinator(private.mentor_group_program(group_id)));

-- The people of one mentor group read each other's names (an additional policy: policies add up).
create policy profiles_select_mentor_group on public.profiles for select to authenticated
	using (private.shares_mentor_group_with(id));

-- ---------------------------------------------------------------------------------------------
-- Logbook part 2 (monitoring) of a mentor group's people goes where a pair's goes: a row of
-- `log_submissions`, read by its author and the programme's coordinators (the inbox). A row
-- belongs to a pair or to a mentor group, never both; the monitoring functions join pairs and so
-- keep counting pairs only. Nobody else reads it: not the group's mentor (a teacher's), not the
-- other teachers, not a supporter (supporters are assigned per pair mentor).

alter table public.log_submissions alter column pair_id drop not null;
alter table public.log_submissions
	add column mentor_group_id uuid references public.mentor_groups (id) on delete cascade;
alter table public.log_submissions add constraint log_submissions_pair_or_mentor_group
	check ((pair_id is null) <> (mentor_group_id is null));
create index log_submissions_mentor_group_idx on public.log_submissions (mentor_group_id, created_at)
	where mentor_group_id is not null;

grant insert (mentor_group_id) on public.log_submissions to authenticated;

-- Policies add up: the pair policies stay as they are (the author reads their own either way).
create policy log_submissions_select_mentor_group on public.log_submissions for select to authenticated
	using (
		mentor_group_id is not null
		and public.is_program_coordinator(private.mentor_group_program(mentor_group_id))
	);
create policy log_submissions_insert_mentor_group on public.log_submissions for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and pair_id is null
		and meeting_id is null
		and private.my_mentor_group_role(mentor_group_id)
			= case author_role when 'mentor' then 'mentor' when 'mentee' then 'teacher' end
	);
