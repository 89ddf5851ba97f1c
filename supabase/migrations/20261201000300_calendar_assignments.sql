-- Between meetings: a pair's default call link, a SEQUENCE per meeting (so an updated invitation
-- replaces the old one in people's calendars), a secret calendar feed per person, and
-- assignments ("prepare PS1 before meeting 3").
--
-- Who reads what: the call link and the assignments are the pair's own (its two people, never the
-- coordinator, supporter or observer); a calendar feed row is its owner's, and its secret is kept
-- only as a SHA-256 hash that no API role can select.

-- ---------------------------------------------------------------------------------------------
-- Meetings: SEQUENCE (RFC 5545 §3.8.7.4) grows whenever what a calendar shows changes.

alter table public.meetings add column sequence integer not null default 0 check (sequence >= 0);

create function private.bump_meeting_sequence() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if (new.planned_on, new.starts_at, new.duration_minutes, new.place, new.mode, new.call_link)
		is distinct from (old.planned_on, old.starts_at, old.duration_minutes, old.place, old.mode, old.call_link)
	then
		new.sequence := greatest(old.sequence, new.sequence) + 1;
	end if;
	return new;
end
$$;

create trigger meetings_sequence before update on public.meetings
	for each row execute function private.bump_meeting_sequence();

-- ---------------------------------------------------------------------------------------------
-- A pair's default call link: a pasted https link (Teams, Zoom, Meet, Webex…) or a generated
-- Jitsi Meet room. One row per pair, written by its two people while the workspace may change.

create table public.pair_call_links (
	pair_id uuid primary key references public.pairs (id) on delete cascade,
	url text not null check (url ~ '^https://[^[:space:][:cntrl:]]+$' and length(url) <= 500),
	updated_by uuid not null references auth.users (id) on delete cascade,
	updated_at timestamptz not null default now()
);
alter table public.pair_call_links enable row level security;
revoke all on public.pair_call_links from anon, authenticated;

-- A new default link changes what the invitations of the pair's coming online meetings without a
-- link of their own say, so those meetings get a higher SEQUENCE too.
create function private.bump_online_meetings() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
	p uuid := coalesce(new.pair_id, old.pair_id);
begin
	if tg_op = 'UPDATE' and new.url is not distinct from old.url then
		return new;
	end if;
	update public.meetings set sequence = sequence + 1
	where pair_id = p and mode = 'online' and call_link is null and held_at is null;
	return coalesce(new, old);
end
$$;

create trigger pair_call_links_sequence after insert or update or delete on public.pair_call_links
	for each row execute function private.bump_online_meetings();

grant select, insert (pair_id, url, updated_by), update (url, updated_by, updated_at), delete
	on public.pair_call_links to authenticated;
grant select, insert, update, delete on public.pair_call_links to service_role;

create policy pair_call_links_select on public.pair_call_links for select to authenticated
	using (public.my_pair_role(pair_id) is not null);
create policy pair_call_links_insert on public.pair_call_links for insert to authenticated
	with check (private.my_writable_pair_role(pair_id) is not null and updated_by = (select auth.uid()));
create policy pair_call_links_update on public.pair_call_links for update to authenticated
	using (private.my_writable_pair_role(pair_id) is not null)
	with check (private.my_writable_pair_role(pair_id) is not null and updated_by = (select auth.uid()));
create policy pair_call_links_delete on public.pair_call_links for delete to authenticated
	using (private.my_writable_pair_role(pair_id) is not null);

-- ---------------------------------------------------------------------------------------------
-- A person's calendar feed: the secret in the URL is the credential, so only its hash is kept.
-- A new secret replaces the row (delete + insert), which makes the old URL answer 404.

create table public.calendar_feeds (
	user_id uuid primary key references auth.users (id) on delete cascade,
	secret_hash text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
	created_at timestamptz not null default now(),
	last_used_at timestamptz
);
alter table public.calendar_feeds enable row level security;
revoke all on public.calendar_feeds from anon, authenticated;

-- The owner sees that a feed exists and when it was made or last read, never the hash.
grant select (user_id, created_at, last_used_at), insert (user_id, secret_hash), delete
	on public.calendar_feeds to authenticated;
grant select, insert, update, delete on public.calendar_feeds to service_role;

create policy calendar_feeds_select on public.calendar_feeds for select to authenticated
	using (user_id = (select auth.uid()));
create policy calendar_feeds_insert on public.calendar_feeds for insert to authenticated
	with check (user_id = (select auth.uid()));
create policy calendar_feeds_delete on public.calendar_feeds for delete to authenticated
	using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Assignments: one of the pair asks the other (or themselves) to prepare a sheet by a date,
-- optionally before a given meeting.

create table public.assignments (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	sheet_key text not null,
	assignee_id uuid not null references auth.users (id) on delete cascade,
	created_by uuid not null references auth.users (id) on delete cascade,
	due_on date not null,
	meeting_number integer check (meeting_number between 1 and 200),
	note text not null default '' check (length(note) <= 500),
	done_at timestamptz,
	created_at timestamptz not null default now(),
	-- One of the pair's own sheets, and (when named) one of its meetings.
	foreign key (pair_id, sheet_key) references public.sheets (pair_id, template_key) on delete cascade,
	foreign key (pair_id, meeting_number) references public.meetings (pair_id, number) on delete cascade
);
create index assignments_pair_idx on public.assignments (pair_id, due_on);
create index assignments_assignee_idx on public.assignments (assignee_id, due_on) where done_at is null;
create index assignments_due_idx on public.assignments (due_on) where done_at is null;
alter table public.assignments enable row level security;
revoke all on public.assignments from anon, authenticated;

-- Whether a person is the mentor or the mentee of a pair (names a row the caller may not see).
create function private.is_pair_person(p_pair uuid, p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.pairs p
		where p.id = p_pair and p_user in (p.mentor_id, p.mentee_id)
	)
$$;

-- Who may change which column cannot be said by a policy (it sees rows, not columns): the
-- assignee alone marks it done, its creator alone changes the note and the due date. `UPDATE OF`
-- fires whenever the column is named in SET, changed or not. The service role passes.
create function private.assignment_column_owner() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if (select auth.role()) = 'service_role' then
		return new;
	end if;
	if tg_argv[0] = 'assignee' and old.assignee_id is distinct from (select auth.uid()) then
		raise exception 'permission denied: only the assignee marks an assignment done' using errcode = '42501';
	end if;
	if tg_argv[0] = 'creator' and old.created_by is distinct from (select auth.uid()) then
		raise exception 'permission denied: only its creator changes an assignment' using errcode = '42501';
	end if;
	return new;
end
$$;

create trigger assignments_done_by_assignee before update of done_at on public.assignments
	for each row execute function private.assignment_column_owner('assignee');
create trigger assignments_edited_by_creator before update of note, due_on on public.assignments
	for each row execute function private.assignment_column_owner('creator');

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

grant select,
	insert (pair_id, sheet_key, assignee_id, created_by, due_on, meeting_number, note),
	update (due_on, note, done_at),
	delete
	on public.assignments to authenticated;
grant select, insert, update, delete on public.assignments to service_role;

create policy assignments_select on public.assignments for select to authenticated
	using (public.my_pair_role(pair_id) is not null);
create policy assignments_insert on public.assignments for insert to authenticated
	with check (
		created_by = (select auth.uid())
		and private.my_writable_pair_role(pair_id) is not null
		and private.is_pair_person(pair_id, assignee_id)
	);
create policy assignments_update on public.assignments for update to authenticated
	using (
		private.my_writable_pair_role(pair_id) is not null
		and (select auth.uid()) in (assignee_id, created_by)
	)
	with check (
		private.my_writable_pair_role(pair_id) is not null
		and (select auth.uid()) in (assignee_id, created_by)
	);
-- Its creator withdraws an assignment.
create policy assignments_delete on public.assignments for delete to authenticated
	using (private.my_writable_pair_role(pair_id) is not null and created_by = (select auth.uid()));
