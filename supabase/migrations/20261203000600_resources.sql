-- The resource library (issue #14; 000: "een online platform ... met bruikbare materialen voor de
-- coaching-mentoring", "case-studies verzamelen"): documents, links and case studies per
-- organisation or per programme, tagged by phase, instrument (template key) and audience; and
-- collections (mentor training, the orientation programme for new directors) with a done mark
-- per person.
--
-- Rules the database keeps on its own, whatever a Supabase client sends:
-- * a resource belongs to exactly one scope: an organisation (every programme of it) or one
--   programme; the coordinators of that programme (or the organisation's owners and coordinators)
--   manage it;
-- * members read published resources whose audience includes what their role reads: a
--   coordinator everything, a supporter material for mentors and coordinators, a mentor material
--   for mentors, a mentee material for mentees, an observer nothing; so a mentee never reads
--   mentor-only or coordinator-only material;
-- * a mentor writes case studies of their own programme, as draft or submitted, never published;
--   their drafts are theirs alone; the coordinator reviews submitted ones and publishes them;
--   who published and when are stamped by a trigger;
-- * a document names its blob `resource/<scope>/<resource>`, so a forged row cannot point at
--   another blob; the bytes are only handed out by the server after reading the row as the person;
-- * done marks are each person's own.

create table public.resources (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid references public.organisations (id) on delete cascade,
	program_id uuid references public.programs (id) on delete cascade,
	kind text not null check (kind in ('document', 'link', 'case_study')),
	title text not null check (char_length(title) between 1 and 200 and title !~ '[[:cntrl:]]'),
	description text not null default '' check (char_length(description) <= 2000),
	body text not null default '' check (char_length(body) <= 20000),
	url text check (
		url is null or (char_length(url) <= 2000 and url ~ '^https?://[^[:space:][:cntrl:]]+$')
	),
	file_name text check (
		file_name is null or (
			char_length(file_name) between 1 and 200 and file_name !~ '[[:cntrl:]/\\]'
			and file_name not in ('.', '..')
		)
	),
	file_type text check (file_type is null or file_type in (
		'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		'application/vnd.oasis.opendocument.text',
		'application/vnd.oasis.opendocument.spreadsheet',
		'application/vnd.oasis.opendocument.presentation'
	)),
	file_size bigint check (file_size is null or (file_size > 0 and file_size <= 26214400)),
	storage_key text unique,
	phases text[] not null default '{}' check (
		phases <@ array['BR', 'SD', 'P', 'WU', 'MO']::text[] and array_position(phases, null) is null
	),
	instruments text[] not null default '{}' check (
		cardinality(instruments) <= 40 and array_position(instruments, null) is null
		and (cardinality(instruments) = 0
			or array_to_string(instruments, ' ') ~ '^[A-Za-z0-9-]{1,40}( [A-Za-z0-9-]{1,40})*$')
	),
	audience text[] not null default '{mentor}' check (
		cardinality(audience) between 1 and 3
		and audience <@ array['mentor', 'mentee', 'coordinator']::text[]
		and array_position(audience, null) is null
	),
	status text not null default 'draft' check (status in ('draft', 'submitted', 'published')),
	author_id uuid references auth.users (id) on delete set null,
	published_at timestamptz,
	published_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	search tsvector generated always as (
		to_tsvector('simple'::regconfig, title || ' ' || description || ' ' || body)
	) stored,
	check ((organisation_id is null) <> (program_id is null)),
	check (kind <> 'link' or (url is not null and storage_key is null)),
	check (kind <> 'document' or (
		url is null and storage_key is not null and file_name is not null
		and file_type is not null and file_size is not null
	)),
	check (kind <> 'case_study' or (url is null and storage_key is null and program_id is not null)),
	check (
		storage_key is null
		or storage_key = 'resource/' || coalesce(program_id, organisation_id)::text || '/' || id::text
	)
);
create index resources_program_idx on public.resources (program_id, updated_at desc);
create index resources_organisation_idx on public.resources (organisation_id, updated_at desc);
create index resources_search_idx on public.resources using gin (search);
create index resources_instruments_idx on public.resources using gin (instruments);

create table public.resource_collections (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid references public.organisations (id) on delete cascade,
	program_id uuid references public.programs (id) on delete cascade,
	kind text not null check (kind in ('training', 'orientation')),
	title text not null check (char_length(title) between 1 and 200 and title !~ '[[:cntrl:]]'),
	description text not null default '' check (char_length(description) <= 2000),
	audience text[] not null default '{mentor}' check (
		cardinality(audience) between 1 and 3
		and audience <@ array['mentor', 'mentee', 'coordinator']::text[]
		and array_position(audience, null) is null
	),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((organisation_id is null) <> (program_id is null))
);
create index resource_collections_program_idx on public.resource_collections (program_id);
create index resource_collections_organisation_idx on public.resource_collections (organisation_id);

create table public.resource_collection_items (
	id uuid primary key default gen_random_uuid(),
	collection_id uuid not null references public.resource_collections (id) on delete cascade,
	resource_id uuid not null references public.resources (id) on delete cascade,
	position integer not null default 0 check (position between 0 and 10000),
	created_at timestamptz not null default now(),
	unique (collection_id, resource_id)
);
create index resource_collection_items_resource_idx on public.resource_collection_items (resource_id);

create table public.resource_done (
	item_id uuid not null references public.resource_collection_items (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	done_at timestamptz not null default now(),
	primary key (item_id, user_id)
);
create index resource_done_user_idx on public.resource_done (user_id);

alter table public.resources enable row level security;
alter table public.resource_collections enable row level security;
alter table public.resource_collection_items enable row level security;
alter table public.resource_done enable row level security;

-- Whether the caller manages the resources of a scope: the programme's coordinators, or for an
-- organisation-wide scope its owners and coordinators.
create function private.manages_resources(p_organisation uuid, p_program uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select case
		when p_program is not null then public.is_program_coordinator(p_program)
		else coalesce(public.my_organisation_role(p_organisation) is not null, false)
	end
$$;

-- The audiences the caller reads in a scope, from their active role in the programme (or in any
-- programme of the organisation, for an organisation-wide scope).
create function private.my_resource_audiences(p_organisation uuid, p_program uuid) returns text[]
language sql stable security definer set search_path = ''
as $$
	select coalesce(array_agg(distinct a.audience), '{}'::text[])
	from public.memberships m
	join public.programs p on p.id = m.program_id
	cross join lateral unnest(case m.role
		when 'coordinator' then array['coordinator', 'mentor', 'mentee']
		when 'supporter' then array['coordinator', 'mentor']
		when 'mentor' then array['mentor']
		when 'mentee' then array['mentee']
		else array[]::text[]
	end) as a (audience)
	where m.user_id = (select auth.uid()) and m.status = 'active'
		and (m.program_id = p_program or (p_program is null and p.organisation_id = p_organisation))
$$;

-- Whether the caller manages the collection (through its scope).
create function private.manages_collection(p_collection uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select coalesce((
		select private.manages_resources(c.organisation_id, c.program_id)
		from public.resource_collections c where c.id = p_collection
	), false)
$$;

-- Whether a resource may sit in a collection: the same programme, or the organisation's own.
create function private.resource_fits_collection(p_resource uuid, p_collection uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.resources r, public.resource_collections c
		where r.id = p_resource and c.id = p_collection
			and (
				r.program_id = c.program_id
				or r.organisation_id = coalesce(c.organisation_id, private.program_organisation(c.program_id))
			)
	)
$$;

revoke execute on function
	private.manages_resources(uuid, uuid), private.my_resource_audiences(uuid, uuid),
	private.manages_collection(uuid), private.resource_fits_collection(uuid, uuid)
	from public, anon;
grant execute on function
	private.manages_resources(uuid, uuid), private.my_resource_audiences(uuid, uuid),
	private.manages_collection(uuid), private.resource_fits_collection(uuid, uuid)
	to authenticated, service_role;

-- Server time for changes; who published and when, by the database, never by the client.
create function private.stamp_resource() returns trigger
language plpgsql set search_path = ''
as $$
begin
	new.updated_at := now();
	if tg_op = 'INSERT' then
		new.created_at := now();
		if new.status = 'published' then
			new.published_at := now();
			new.published_by := (select auth.uid());
		else
			new.published_at := null;
			new.published_by := null;
		end if;
	elsif new.status = 'published' and old.status <> 'published' then
		new.published_at := now();
		new.published_by := (select auth.uid());
	elsif new.status <> 'published' then
		new.published_at := null;
		new.published_by := null;
	else
		new.published_at := old.published_at;
		new.published_by := old.published_by;
	end if;
	return new;
end
$$;
create trigger resources_stamp before insert or update on public.resources
	for each row execute function private.stamp_resource();

create function private.stamp_collection() returns trigger
language plpgsql set search_path = ''
as $$
begin
	new.updated_at := now();
	return new;
end
$$;
create trigger resource_collections_stamp before update on public.resource_collections
	for each row execute function private.stamp_collection();

-- Privileges: the same shape as 20261130000100_write_rules.sql. Scope, kind, author and the
-- file's facts are written once; who published is the trigger's.
revoke all on public.resources, public.resource_collections, public.resource_collection_items,
	public.resource_done from anon;
revoke all on public.resources, public.resource_collections, public.resource_collection_items,
	public.resource_done from authenticated;
grant select,
	insert (id, organisation_id, program_id, kind, title, description, body, url, file_name,
		file_type, file_size, storage_key, phases, instruments, audience, status, author_id),
	update (title, description, body, url, phases, instruments, audience, status, updated_at),
	delete
	on public.resources to authenticated;
grant select,
	insert (id, organisation_id, program_id, kind, title, description, audience, created_by),
	update (title, description, audience, updated_at),
	delete
	on public.resource_collections to authenticated;
grant select, insert (id, collection_id, resource_id, position), update (position), delete
	on public.resource_collection_items to authenticated;
grant select, insert (item_id, user_id), delete on public.resource_done to authenticated;
grant all on public.resources, public.resource_collections, public.resource_collection_items,
	public.resource_done to service_role;

-- resources
create policy resources_select on public.resources for select to authenticated
	using (
		(
			private.manages_resources(organisation_id, program_id)
			and (kind <> 'case_study' or status <> 'draft' or author_id = (select auth.uid()))
		)
		or (
			kind = 'case_study' and author_id = (select auth.uid())
			and public.my_program_role(program_id) = 'mentor'
		)
		or (
			status = 'published'
			and audience && private.my_resource_audiences(organisation_id, program_id)
		)
	);
create policy resources_insert on public.resources for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and (
			private.manages_resources(organisation_id, program_id)
			or (
				kind = 'case_study' and status in ('draft', 'submitted')
				and public.my_program_role(program_id) = 'mentor'
			)
		)
	);
create policy resources_update on public.resources for update to authenticated
	using (
		(
			private.manages_resources(organisation_id, program_id)
			and (kind <> 'case_study' or status <> 'draft' or author_id = (select auth.uid()))
		)
		or (
			kind = 'case_study' and author_id = (select auth.uid()) and status in ('draft', 'submitted')
			and public.my_program_role(program_id) = 'mentor'
		)
	)
	with check (
		private.manages_resources(organisation_id, program_id)
		or (
			kind = 'case_study' and author_id = (select auth.uid()) and status in ('draft', 'submitted')
			and public.my_program_role(program_id) = 'mentor'
		)
	);
create policy resources_delete on public.resources for delete to authenticated
	using (
		(
			private.manages_resources(organisation_id, program_id)
			and (kind <> 'case_study' or status <> 'draft' or author_id = (select auth.uid()))
		)
		or (
			kind = 'case_study' and author_id = (select auth.uid()) and status in ('draft', 'submitted')
			and public.my_program_role(program_id) = 'mentor'
		)
	);

-- collections
create policy resource_collections_select on public.resource_collections for select to authenticated
	using (
		private.manages_resources(organisation_id, program_id)
		or audience && private.my_resource_audiences(organisation_id, program_id)
	);
create policy resource_collections_insert on public.resource_collections for insert to authenticated
	with check (
		created_by = (select auth.uid()) and private.manages_resources(organisation_id, program_id)
	);
create policy resource_collections_update on public.resource_collections for update to authenticated
	using (private.manages_resources(organisation_id, program_id))
	with check (private.manages_resources(organisation_id, program_id));
create policy resource_collections_delete on public.resource_collections for delete to authenticated
	using (private.manages_resources(organisation_id, program_id));

-- collection items: read with the collection; managed with it; only resources of its scope.
create policy resource_collection_items_select on public.resource_collection_items
	for select to authenticated
	using (exists (select 1 from public.resource_collections c where c.id = collection_id));
create policy resource_collection_items_insert on public.resource_collection_items
	for insert to authenticated
	with check (
		private.manages_collection(collection_id)
		and private.resource_fits_collection(resource_id, collection_id)
	);
create policy resource_collection_items_update on public.resource_collection_items
	for update to authenticated
	using (private.manages_collection(collection_id))
	with check (private.manages_collection(collection_id));
create policy resource_collection_items_delete on public.resource_collection_items
	for delete to authenticated
	using (private.manages_collection(collection_id));

-- done marks: one's own, on an item one can read.
create policy resource_done_select on public.resource_done for select to authenticated
	using (user_id = (select auth.uid()));
create policy resource_done_insert on public.resource_done for insert to authenticated
	with check (
		user_id = (select auth.uid())
		and exists (select 1 from public.resource_collection_items i where i.id = item_id)
	);
create policy resource_done_delete on public.resource_done for delete to authenticated
	using (user_id = (select auth.uid()));

-- The coordinator returns a case study to its author as a draft. The row then leaves the
-- coordinator's sight (a draft is its author's alone), which an update through the policies
-- cannot do (the new row must stay visible), so this function checks the caller and changes it.
create function public.return_case_study(p_resource uuid) returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_program uuid;
begin
	select r.program_id into v_program from public.resources r
	where r.id = p_resource and r.kind = 'case_study' and r.status in ('submitted', 'published');
	if v_program is null or not public.is_program_coordinator(v_program) then
		return false;
	end if;
	update public.resources set status = 'draft' where id = p_resource;
	return true;
end
$$;
revoke execute on function public.return_case_study(uuid) from public, anon;
grant execute on function public.return_case_study(uuid) to authenticated, service_role;
