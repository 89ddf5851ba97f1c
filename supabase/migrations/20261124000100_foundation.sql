-- Foundation: organisations, profiles, programmes, memberships, invitations, audit trail, mail
-- outbox. Every table has row-level security; policies are written for `authenticated` only, so
-- `anon` reads nothing. The service role bypasses RLS and is used for server-internal work only.

create table public.organisations (
	id uuid primary key default gen_random_uuid(),
	name text not null check (length(name) between 1 and 200),
	created_at timestamptz not null default now()
);

-- Who may create programmes in an organisation.
create table public.organisation_members (
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	role text not null check (role in ('owner', 'coordinator')),
	created_at timestamptz not null default now(),
	primary key (organisation_id, user_id)
);
create index organisation_members_user_idx on public.organisation_members (user_id);

create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	email text not null check (email = lower(email)),
	display_name text not null check (length(display_name) between 1 and 120),
	locale text not null default 'nl' check (locale in ('nl', 'en')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

create table public.programs (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references public.organisations (id) on delete cascade,
	kind text not null
		check (kind in ('school_leader', 'teacher_induction', 'youth', 'learning_community')),
	name text not null check (length(name) between 1 and 200),
	description text not null default '' check (length(description) <= 4000),
	starts_on date not null,
	ends_on date not null,
	planned_sessions integer not null default 10 check (planned_sessions between 1 and 100),
	cadence_days integer not null default 15 check (cadence_days between 1 and 365),
	session_minutes integer not null default 120 check (session_minutes between 15 and 600),
	max_mentees_per_mentor integer not null default 3 check (max_mentees_per_mentor between 1 and 10),
	min_group_size integer not null default 5 check (min_group_size between 2 and 100),
	retention_months integer not null default 12 check (retention_months between 1 and 120),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (ends_on >= starts_on)
);
create index programs_organisation_idx on public.programs (organisation_id);

create table public.memberships (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	role text not null check (role in ('coordinator', 'supporter', 'mentor', 'mentee', 'observer')),
	status text not null default 'active' check (status in ('active', 'removed')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	removed_at timestamptz,
	unique (program_id, user_id)
);
create index memberships_user_idx on public.memberships (user_id);

create table public.invitations (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	email text not null check (email = lower(email) and length(email) between 3 and 254),
	role text not null check (role in ('coordinator', 'supporter', 'mentor', 'mentee', 'observer')),
	token_hash text not null unique,
	invited_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	accepted_at timestamptz,
	accepted_by uuid references auth.users (id) on delete set null,
	revoked_at timestamptz
);
create unique index invitations_one_open_per_email
	on public.invitations (program_id, email)
	where accepted_at is null and revoked_at is null;

create table public.audit_events (
	id bigint generated always as identity primary key,
	organisation_id uuid references public.organisations (id) on delete cascade,
	program_id uuid references public.programs (id) on delete cascade,
	actor_id uuid references auth.users (id) on delete set null,
	action text not null,
	entity_type text not null,
	entity_id text,
	details jsonb not null default '{}'::jsonb,
	created_at timestamptz not null default now()
);
create index audit_events_program_idx on public.audit_events (program_id, created_at);

-- Embedded mail: what would have been sent. Read by the server only.
create table public.mail_outbox (
	id uuid primary key default gen_random_uuid(),
	to_email text not null,
	subject text not null,
	body_text text not null,
	kind text not null,
	created_at timestamptz not null default now(),
	sent_at timestamptz,
	error text
);

alter table public.organisations enable row level security;
alter table public.organisation_members enable row level security;
alter table public.profiles enable row level security;
alter table public.programs enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.audit_events enable row level security;
alter table public.mail_outbox enable row level security;

-- Helpers for policies. Security definer so a policy on memberships can read memberships
-- without recursing into its own policy; `search_path = ''` so nothing can be shadowed.

create function public.my_program_role(p_program uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select m.role from public.memberships m
	where m.program_id = p_program and m.user_id = (select auth.uid()) and m.status = 'active'
$$;

create function public.is_program_member(p_program uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select public.my_program_role(p_program) is not null
$$;

create function public.is_program_coordinator(p_program uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select coalesce(public.my_program_role(p_program) = 'coordinator', false)
$$;

create function public.my_organisation_role(p_organisation uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select om.role from public.organisation_members om
	where om.organisation_id = p_organisation and om.user_id = (select auth.uid())
$$;

create function public.can_create_program_in(p_organisation uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select public.my_organisation_role(p_organisation) is not null
$$;

-- True when the current user coordinates or supports a programme the other person is in.
create function public.is_staff_for(p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1
		from public.memberships theirs
		join public.memberships mine on mine.program_id = theirs.program_id
		where theirs.user_id = p_user
			and mine.user_id = (select auth.uid())
			and mine.status = 'active'
			and mine.role in ('coordinator', 'supporter')
	)
$$;

create function public.program_organisation(p_program uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select p.organisation_id from public.programs p where p.id = p_program
$$;

create function public.program_creator(p_program uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select p.created_by from public.programs p where p.id = p_program
$$;

revoke execute on function
	public.my_program_role(uuid), public.is_program_member(uuid),
	public.is_program_coordinator(uuid), public.my_organisation_role(uuid),
	public.can_create_program_in(uuid), public.is_staff_for(uuid),
	public.program_organisation(uuid), public.program_creator(uuid)
	from public, anon;
grant execute on function
	public.my_program_role(uuid), public.is_program_member(uuid),
	public.is_program_coordinator(uuid), public.my_organisation_role(uuid),
	public.can_create_program_in(uuid), public.is_staff_for(uuid),
	public.program_organisation(uuid), public.program_creator(uuid)
	to authenticated, service_role;

-- organisations: visible to its organisers and to members of its programmes.
create policy organisations_select on public.organisations for select to authenticated
	using (
		public.my_organisation_role(id) is not null
		or exists (
			select 1 from public.programs p
			where p.organisation_id = organisations.id and public.is_program_member(p.id)
		)
	);
create policy organisations_update on public.organisations for update to authenticated
	using (public.my_organisation_role(id) = 'owner')
	with check (public.my_organisation_role(id) = 'owner');

create policy organisation_members_select on public.organisation_members for select to authenticated
	using (user_id = (select auth.uid()) or public.my_organisation_role(organisation_id) = 'owner');
create policy organisation_members_write on public.organisation_members for all to authenticated
	using (public.my_organisation_role(organisation_id) = 'owner')
	with check (public.my_organisation_role(organisation_id) = 'owner');

-- profiles: your own, and those of people in a programme you coordinate or support.
create policy profiles_select on public.profiles for select to authenticated
	using (id = (select auth.uid()) or public.is_staff_for(id));
create policy profiles_insert on public.profiles for insert to authenticated
	with check (id = (select auth.uid()));
create policy profiles_update on public.profiles for update to authenticated
	using (id = (select auth.uid()))
	with check (id = (select auth.uid()));

-- programs: members read; organisers create; coordinators edit.
create policy programs_select on public.programs for select to authenticated
	using (public.is_program_member(id));
create policy programs_insert on public.programs for insert to authenticated
	with check (public.can_create_program_in(organisation_id) and created_by = (select auth.uid()));
create policy programs_update on public.programs for update to authenticated
	using (public.is_program_coordinator(id))
	with check (public.is_program_coordinator(id));

-- memberships: your own rows; a coordinator reads and manages the programme's. The creator of a
-- programme may add themselves as its first coordinator.
create policy memberships_select on public.memberships for select to authenticated
	using (user_id = (select auth.uid()) or public.is_program_coordinator(program_id));
create policy memberships_insert on public.memberships for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		or (
			user_id = (select auth.uid())
			and role = 'coordinator'
			and public.program_creator(program_id) = (select auth.uid())
			and public.can_create_program_in(public.program_organisation(program_id))
		)
	);
create policy memberships_update on public.memberships for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));
create policy memberships_delete on public.memberships for delete to authenticated
	using (public.is_program_coordinator(program_id));

-- invitations: the programme's coordinators only.
create policy invitations_all on public.invitations for all to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id) and invited_by = (select auth.uid()));

-- audit_events: coordinators read their programme's trail; written through
-- record_audit_event() so nobody can forge the actor.
create policy audit_events_select on public.audit_events for select to authenticated
	using (program_id is not null and public.is_program_coordinator(program_id));

create function public.record_audit_event(
	p_action text,
	p_entity_type text,
	p_entity_id text,
	p_program uuid,
	p_details jsonb default '{}'::jsonb
) returns void
language sql volatile security definer set search_path = ''
as $$
	insert into public.audit_events (organisation_id, program_id, actor_id, action, entity_type, entity_id, details)
	select
		public.program_organisation(p_program), p_program, (select auth.uid()),
		p_action, p_entity_type, p_entity_id, coalesce(p_details, '{}'::jsonb)
	where p_program is null or public.is_program_member(p_program)
		or (select auth.role()) = 'service_role'
$$;
revoke execute on function public.record_audit_event(text, text, text, uuid, jsonb) from public, anon;
grant execute on function public.record_audit_event(text, text, text, uuid, jsonb)
	to authenticated, service_role;

-- mail_outbox: no policies; the server reads it as the service role.
