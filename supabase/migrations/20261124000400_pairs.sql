-- Pairs and their workspace: meetings, sheet instances (the content lives in Yjs documents, see
-- 20261124000300_collab.sql), derived progress, signatures and logbook part-2 submissions.
-- Who reads what: a pair's mentor and mentee read their pair; coordinators of the programme read
-- metadata (pairs, meetings, progress, signatures) and what people submit to them (logbook part
-- 2), never sheet rows or documents; a pair's supporter reads the mentor's submissions.

create table public.pairs (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	mentor_id uuid not null references auth.users (id) on delete cascade,
	mentee_id uuid not null references auth.users (id) on delete cascade,
	supporter_id uuid references auth.users (id) on delete set null,
	status text not null default 'active'
		check (status in ('proposed', 'active', 'paused', 'exit_requested', 'ended')),
	phase text not null default 'BR' check (phase in ('BR', 'SD', 'P', 'WU', 'MO')),
	-- How charts name the pair (P-01 …): never a person's name.
	pseudonym text not null check (pseudonym ~ '^P-[0-9]{2,4}$'),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	ended_at timestamptz,
	check (mentor_id <> mentee_id),
	unique (program_id, pseudonym)
);
create unique index pairs_one_open_per_mentee on public.pairs (program_id, mentee_id)
	where status <> 'ended';
create index pairs_mentor_idx on public.pairs (mentor_id);
create index pairs_mentee_idx on public.pairs (mentee_id);

create table public.meetings (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	number integer not null check (number between 1 and 200),
	planned_on date,
	starts_at timestamptz,
	duration_minutes integer not null default 120 check (duration_minutes between 5 and 600),
	place text not null default '' check (length(place) <= 300),
	mode text not null default 'face_to_face' check (mode in ('face_to_face', 'online')),
	call_link text check (call_link is null or call_link ~ '^https?://'),
	held_at timestamptz,
	updated_at timestamptz not null default now(),
	unique (pair_id, number)
);

create table public.sheets (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	template_key text not null,
	template_version integer not null,
	doc_name text not null unique,
	status text not null default 'open' check (status in ('open', 'completed')),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (pair_id, template_key)
);

-- Derived when a document is stored: counts only, never text.
create table public.sheet_progress (
	sheet_id uuid primary key references public.sheets (id) on delete cascade,
	pair_id uuid not null references public.pairs (id) on delete cascade,
	template_key text not null,
	filled integer not null check (filled >= 0),
	total integer not null check (total >= 0 and filled <= total),
	updated_at timestamptz not null default now()
);
create index sheet_progress_pair_idx on public.sheet_progress (pair_id);

create table public.signatures (
	id uuid primary key default gen_random_uuid(),
	sheet_id uuid not null references public.sheets (id) on delete cascade,
	pair_id uuid not null references public.pairs (id) on delete cascade,
	signer_id uuid not null references auth.users (id) on delete cascade,
	-- Which instrument, so a coordinator sees signature status without reading sheet rows.
	template_key text not null,
	role text not null check (role in ('mentor', 'mentee', 'coordinator')),
	-- SHA-256 of the sheet's content at signing: a later edit makes it differ.
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	signed_at timestamptz not null default now()
);
create index signatures_sheet_idx on public.signatures (sheet_id, signed_at);

create table public.log_submissions (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	author_id uuid not null references auth.users (id) on delete cascade,
	author_role text not null check (author_role in ('mentor', 'mentee')),
	meeting_id uuid references public.meetings (id) on delete set null,
	met_on date not null,
	sheet_used text not null default '' check (length(sheet_used) <= 200),
	difficulties text not null default '' check (length(difficulties) <= 8000),
	strengthening text not null default '' check (length(strengthening) <= 8000),
	other text not null default '' check (length(other) <= 8000),
	difficulty_flag boolean not null default false,
	created_at timestamptz not null default now()
);
create index log_submissions_pair_idx on public.log_submissions (pair_id, created_at);

alter table public.pairs enable row level security;
alter table public.meetings enable row level security;
alter table public.sheets enable row level security;
alter table public.sheet_progress enable row level security;
alter table public.signatures enable row level security;
alter table public.log_submissions enable row level security;

-- 'mentor', 'mentee' or null: the current user's place in a pair.
create function public.my_pair_role(p_pair uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select case
		when p.mentor_id = (select auth.uid()) then 'mentor'
		when p.mentee_id = (select auth.uid()) then 'mentee'
	end
	from public.pairs p where p.id = p_pair
$$;

create function public.pair_program(p_pair uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select p.program_id from public.pairs p where p.id = p_pair
$$;

-- Coordinators of the pair's programme.
create function public.coordinates_pair(p_pair uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select public.is_program_coordinator(public.pair_program(p_pair))
$$;

create function public.supports_pair(p_pair uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.pairs p
		where p.id = p_pair and p.supporter_id = (select auth.uid())
			and public.my_program_role(p.program_id) = 'supporter'
	)
$$;

create function public.sheet_pair(p_sheet uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select s.pair_id from public.sheets s where s.id = p_sheet
$$;

create function public.sheet_template(p_sheet uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select s.template_key from public.sheets s where s.id = p_sheet
$$;

-- True when the other person is the current user's partner in a pair that has not ended.
create function public.is_pair_partner(p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.pairs p
		where p.status <> 'ended'
			and ((p.mentor_id = (select auth.uid()) and p.mentee_id = p_user)
				or (p.mentee_id = (select auth.uid()) and p.mentor_id = p_user))
	)
$$;

revoke execute on function public.my_pair_role(uuid), public.pair_program(uuid),
	public.coordinates_pair(uuid), public.supports_pair(uuid), public.sheet_pair(uuid),
	public.sheet_template(uuid), public.is_pair_partner(uuid) from public, anon;
grant execute on function public.my_pair_role(uuid), public.pair_program(uuid),
	public.coordinates_pair(uuid), public.supports_pair(uuid), public.sheet_pair(uuid),
	public.sheet_template(uuid), public.is_pair_partner(uuid) to authenticated, service_role;

-- A mentor and mentee see each other's name and e-mail (the introduction).
drop policy profiles_select on public.profiles;
create policy profiles_select on public.profiles for select to authenticated
	using (id = (select auth.uid()) or public.is_staff_for(id) or public.is_pair_partner(id));

-- pairs
create policy pairs_select on public.pairs for select to authenticated
	using (
		mentor_id = (select auth.uid()) or mentee_id = (select auth.uid())
		or public.is_program_coordinator(program_id) or public.supports_pair(id)
	);
create policy pairs_insert on public.pairs for insert to authenticated
	with check (public.is_program_coordinator(program_id));
create policy pairs_update on public.pairs for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));

-- meetings: the pair plans them; the coordinator sees the schedule (no content).
create policy meetings_select on public.meetings for select to authenticated
	using (public.my_pair_role(pair_id) is not null or public.coordinates_pair(pair_id));
create policy meetings_insert on public.meetings for insert to authenticated
	with check (public.coordinates_pair(pair_id));
create policy meetings_update on public.meetings for update to authenticated
	using (public.my_pair_role(pair_id) is not null)
	with check (public.my_pair_role(pair_id) is not null);

-- sheets: the pair only. The coordinator creates them with the pair but cannot read them.
create policy sheets_select on public.sheets for select to authenticated
	using (public.my_pair_role(pair_id) is not null);
create policy sheets_insert on public.sheets for insert to authenticated
	with check (public.coordinates_pair(pair_id));
create policy sheets_update on public.sheets for update to authenticated
	using (public.my_pair_role(pair_id) is not null)
	with check (public.my_pair_role(pair_id) is not null);

-- sheet_progress: numbers only; written by the server (service role).
create policy sheet_progress_select on public.sheet_progress for select to authenticated
	using (
		public.my_pair_role(pair_id) is not null or public.coordinates_pair(pair_id)
		or public.supports_pair(pair_id)
	);

-- signatures: the pair sees them; the coordinator sees status (signer, role, time, hash).
-- A signature is made by the signer, as themselves, and never changed.
create policy signatures_select on public.signatures for select to authenticated
	using (public.my_pair_role(pair_id) is not null or public.coordinates_pair(pair_id));
create policy signatures_insert on public.signatures for insert to authenticated
	with check (
		signer_id = (select auth.uid())
		and public.sheet_pair(sheet_id) = pair_id
		and public.sheet_template(sheet_id) = template_key
		and (
			(role in ('mentor', 'mentee') and public.my_pair_role(pair_id) = role)
			or (role = 'coordinator' and template_key = '02-confidentiality' and public.coordinates_pair(pair_id))
		)
	);

-- log_submissions: the author, the programme's coordinators and, for the mentor's logbook,
-- the pair's supporter. Submitted once; never edited.
create policy log_submissions_select on public.log_submissions for select to authenticated
	using (
		author_id = (select auth.uid()) or public.coordinates_pair(pair_id)
		or (author_role = 'mentor' and public.supports_pair(pair_id))
	);
create policy log_submissions_insert on public.log_submissions for insert to authenticated
	with check (author_id = (select auth.uid()) and public.my_pair_role(pair_id) = author_role);
