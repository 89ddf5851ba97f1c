-- Learning communities (issue #12, foundation): schools in a programme, the school and function of
-- each participant, groups (LGSL: schoolleiders, LGLB: leerlingenbegeleiding) with their members
-- and process coach, the group's live documents and each participant's reflections.
--
-- * A participant's school and function live in `school_members`, not on `memberships`: a school
--   is a row of its own (name, network, region) that several participants share and the
--   coordinator edits once; membership rows keep meaning "role in the programme" for every kind
--   of programme, and their column grants and policies stay untouched.
-- * Texts never live here: group documents and reflections are Y.Docs on the collaboration
--   server (`group/<groupId>/doc/<docId>`, `reflection/<reflectionId>`); the rows hold titles and
--   who may open what.
-- * A reflection is its author's alone until shared, with the group (members and facilitator,
--   read-only) or with the colleagues of the author's school in the group. The coordinator and the
--   facilitator see how many reflections each member keeps and shares through
--   `group_reflection_counts`, never a row that is not shared with them.
-- * Writes follow 20261130000100_write_rules.sql: column privileges, one policy per operation,
--   helpers that name other people's rows in `private`.

create table public.schools (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	name text not null check (length(name) between 1 and 200),
	-- scholengroep or network (e.g. "Scholengroep De Linde", "Katholiek Onderwijs Vlaanderen")
	school_group text not null default '' check (length(school_group) <= 200),
	region text not null default '' check (length(region) <= 200),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (program_id, name),
	unique (program_id, id)
);

create table public.school_members (
	program_id uuid not null references public.programs (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	school_id uuid not null,
	function text not null check (function in ('school_leader', 'pupil_support_lead', 'policy_member')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (program_id, user_id),
	foreign key (program_id, school_id) references public.schools (program_id, id) on delete cascade
);
create index school_members_school_idx on public.school_members (school_id);

create table public.groups (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	kind text not null check (kind in ('LGSL', 'LGLB')),
	name text not null check (length(name) between 1 and 200),
	self_steering_since date
		check (self_steering_since between date '2000-01-01' and date '2100-12-31'),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index groups_program_idx on public.groups (program_id);

create table public.group_members (
	group_id uuid not null references public.groups (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	role text not null check (role in ('facilitator', 'member')),
	school_id uuid references public.schools (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (group_id, user_id),
	-- a member takes part for a school; the process coach for none
	check ((role = 'member') = (school_id is not null))
);
create index group_members_user_idx on public.group_members (user_id);

create table public.group_documents (
	id uuid primary key default gen_random_uuid(),
	group_id uuid not null references public.groups (id) on delete cascade,
	kind text not null check (kind in ('agenda', 'intervision_notes', 'action_plan', 'school_actions')),
	school_id uuid references public.schools (id) on delete cascade,
	title text not null check (length(title) between 1 and 200),
	doc_name text not null unique,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((kind = 'school_actions') = (school_id is not null)),
	check (doc_name = 'group/' || group_id::text || '/doc/' || id::text)
);
create index group_documents_group_idx on public.group_documents (group_id);

create table public.reflections (
	id uuid primary key default gen_random_uuid(),
	author_id uuid not null references auth.users (id) on delete cascade,
	group_id uuid not null references public.groups (id) on delete cascade,
	title text not null check (length(title) between 1 and 200),
	doc_name text not null unique,
	shared_at timestamptz,
	share_scope text check (share_scope in ('group', 'school')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((shared_at is null) = (share_scope is null)),
	check (doc_name = 'reflection/' || id::text)
);
create index reflections_group_idx on public.reflections (group_id, author_id);

alter table public.schools enable row level security;
alter table public.school_members enable row level security;
alter table public.groups enable row level security;
alter table public.group_members enable row level security;
alter table public.group_documents enable row level security;
alter table public.reflections enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Helpers (security definer: they read group_members without recursing into its policies).

create function private.group_program(p_group uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select g.program_id from public.groups g where g.id = p_group
$$;

-- The caller's role in a group, while they are still an active member of its programme.
create function private.my_group_role(p_group uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select gm.role from public.group_members gm
	join public.groups g on g.id = gm.group_id
	where gm.group_id = p_group and gm.user_id = (select auth.uid())
		and public.is_program_member(g.program_id)
$$;

-- The school a person takes part for in a group (null for the facilitator or a non-member).
create function private.group_school_of(p_group uuid, p_user uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select gm.school_id from public.group_members gm
	where gm.group_id = p_group and gm.user_id = p_user
$$;

-- The school a participant belongs to in a programme.
create function private.school_of(p_program uuid, p_user uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select sm.school_id from public.school_members sm
	where sm.program_id = p_program and sm.user_id = p_user
$$;

create function private.school_program(p_school uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select s.program_id from public.schools s where s.id = p_school
$$;

-- Whether the caller shares a group with a school's member (to read the school's name).
create function private.sees_school(p_school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.group_members theirs
		where theirs.school_id = p_school
			and private.my_group_role(theirs.group_id) is not null
	)
$$;

-- Whether the caller shares a group with the person (to read their name).
create function private.shares_group_with(p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.group_members theirs
		where theirs.user_id = p_user
			and private.my_group_role(theirs.group_id) is not null
	)
$$;

-- Whether a SHARED reflection reaches the caller: the author and the caller are both still in the
-- group; scope `group` reaches the members and the facilitator, scope `school` the members of the
-- author's school. A private reflection reaches nobody but its author (checked by the policy).
create function private.reflection_reaches_me(p_reflection uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.reflections r
		join public.group_members author on author.group_id = r.group_id and author.user_id = r.author_id
		where r.id = p_reflection
			and r.shared_at is not null
			and private.my_group_role(r.group_id) is not null
			and (
				r.share_scope = 'group'
				or (r.share_scope = 'school'
					and author.school_id = private.group_school_of(r.group_id, (select auth.uid())))
			)
	)
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Privileges.

revoke all on public.schools, public.school_members, public.groups, public.group_members,
	public.group_documents, public.reflections from anon;
revoke all on public.schools, public.school_members, public.groups, public.group_members,
	public.group_documents, public.reflections from authenticated;
grant select on public.schools, public.school_members, public.groups, public.group_members,
	public.group_documents, public.reflections to authenticated;

grant insert (program_id, name, school_group, region), update (name, school_group, region, updated_at),
	delete on public.schools to authenticated;
grant insert (program_id, user_id, school_id, function), update (school_id, function, updated_at),
	delete on public.school_members to authenticated;
grant insert (id, program_id, kind, name), update (kind, name, self_steering_since, updated_at),
	delete on public.groups to authenticated;
grant insert (group_id, user_id, role, school_id), update (role, school_id), delete
	on public.group_members to authenticated;
grant insert (id, group_id, kind, school_id, title, doc_name, created_by), update (title, updated_at)
	on public.group_documents to authenticated;
grant insert (id, author_id, group_id, title, doc_name),
	update (title, shared_at, share_scope, updated_at), delete
	on public.reflections to authenticated;

grant select, insert, update, delete on public.schools, public.school_members, public.groups,
	public.group_members, public.group_documents, public.reflections to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row policies, one per operation.

-- schools: the coordinator manages them; a participant reads their own school and the schools of
-- the people in their groups.
create policy schools_select on public.schools for select to authenticated
	using (
		public.is_program_coordinator(program_id)
		or id = private.school_of(program_id, (select auth.uid()))
		or private.sees_school(id)
	);
create policy schools_insert on public.schools for insert to authenticated
	with check (public.is_program_coordinator(program_id));
create policy schools_update on public.schools for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));
create policy schools_delete on public.schools for delete to authenticated
	using (public.is_program_coordinator(program_id));

-- school_members: the coordinator places the programme's participants; a person reads their own.
create policy school_members_select on public.school_members for select to authenticated
	using (user_id = (select auth.uid()) or public.is_program_coordinator(program_id));
create policy school_members_insert on public.school_members for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		and private.member_role(program_id, user_id) is not null
	);
create policy school_members_update on public.school_members for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));
create policy school_members_delete on public.school_members for delete to authenticated
	using (public.is_program_coordinator(program_id));

-- groups: the coordinator composes them; members and facilitator read their own. The facilitator
-- hands over to self-steering through `start_self_steering` (the date only, nothing else).
create policy groups_select on public.groups for select to authenticated
	using (public.is_program_coordinator(program_id) or private.my_group_role(id) is not null);
create policy groups_insert on public.groups for insert to authenticated
	with check (public.is_program_coordinator(program_id));
create policy groups_update on public.groups for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));
create policy groups_delete on public.groups for delete to authenticated
	using (public.is_program_coordinator(program_id));

-- group_members: the coordinator adds the programme's own participants, each for the school the
-- coordinator placed them in (the facilitator for none); the group reads its members.
create policy group_members_select on public.group_members for select to authenticated
	using (
		public.is_program_coordinator(private.group_program(group_id))
		or private.my_group_role(group_id) is not null
	);
create policy group_members_insert on public.group_members for insert to authenticated
	with check (
		public.is_program_coordinator(private.group_program(group_id))
		and private.member_role(private.group_program(group_id), user_id) is not null
		and (school_id is null
			or school_id = private.school_of(private.group_program(group_id), user_id))
	);
create policy group_members_update on public.group_members for update to authenticated
	using (public.is_program_coordinator(private.group_program(group_id)))
	with check (
		public.is_program_coordinator(private.group_program(group_id))
		and (school_id is null
			or school_id = private.school_of(private.group_program(group_id), user_id))
	);
create policy group_members_delete on public.group_members for delete to authenticated
	using (public.is_program_coordinator(private.group_program(group_id)));

-- group_documents: the group (and the coordinator, who creates the first ones with the group)
-- sees the list; the group adds documents and renames them. The text is on the collaboration
-- server, which only the group may open. A school page belongs to a school in the programme.
create policy group_documents_select on public.group_documents for select to authenticated
	using (
		private.my_group_role(group_id) is not null
		or public.is_program_coordinator(private.group_program(group_id))
	);
create policy group_documents_insert on public.group_documents for insert to authenticated
	with check (
		(private.my_group_role(group_id) is not null
			or public.is_program_coordinator(private.group_program(group_id)))
		and (school_id is null or private.school_program(school_id) = private.group_program(group_id))
		and (created_by is null or created_by = (select auth.uid()))
	);
create policy group_documents_update on public.group_documents for update to authenticated
	using (private.my_group_role(group_id) is not null)
	with check (private.my_group_role(group_id) is not null);

-- reflections: the author's own; others read only what is shared with them; only the author
-- writes, and only while a member of the group. A new one starts private: `shared_at` and
-- `share_scope` are not insertable.
create policy reflections_select on public.reflections for select to authenticated
	using (author_id = (select auth.uid()) or private.reflection_reaches_me(id));
create policy reflections_insert on public.reflections for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and private.my_group_role(group_id) = 'member'
	);
create policy reflections_update on public.reflections for update to authenticated
	using (author_id = (select auth.uid()) and private.my_group_role(group_id) = 'member')
	with check (author_id = (select auth.uid()) and private.my_group_role(group_id) = 'member');
create policy reflections_delete on public.reflections for delete to authenticated
	using (author_id = (select auth.uid()));

-- People in the same group read each other's names (an additional policy: policies add up).
create policy profiles_select_group on public.profiles for select to authenticated
	using (private.shares_group_with(id));

-- ---------------------------------------------------------------------------------------------
-- Functions the app calls as the person.

-- The facilitator hands the group over to self-steering on a date (once; the coordinator may
-- correct it through an update).
create function public.start_self_steering(p_group uuid, p_on date) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if private.my_group_role(p_group) is distinct from 'facilitator' then
		raise exception 'only the group''s facilitator hands it over' using errcode = '42501';
	end if;
	update public.groups set self_steering_since = p_on, updated_at = now()
	where id = p_group and self_steering_since is null;
end
$$;

-- Engagement per member: how many reflections each keeps and has shared. Counts only, for the
-- programme's coordinator and the group's facilitator; anyone else gets no rows.
create function public.group_reflection_counts(p_group uuid)
returns table (user_id uuid, kept integer, shared integer)
language sql stable security definer set search_path = ''
as $$
	select gm.user_id,
		count(r.id)::integer as kept,
		count(r.shared_at)::integer as shared
	from public.group_members gm
	left join public.reflections r on r.group_id = gm.group_id and r.author_id = gm.user_id
	where gm.group_id = p_group and gm.role = 'member'
		and (
			public.is_program_coordinator(private.group_program(p_group))
			or private.my_group_role(p_group) = 'facilitator'
		)
	group by gm.user_id
$$;

revoke execute on function public.start_self_steering(uuid, date),
	public.group_reflection_counts(uuid) from public, anon;
grant execute on function public.start_self_steering(uuid, date),
	public.group_reflection_counts(uuid) to authenticated, service_role;
