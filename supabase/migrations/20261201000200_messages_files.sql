-- The pair's conversation between meetings (issue #11): messages, read state per person, and the
-- files attached to messages. Only the pair's mentor and mentee read and write them; coordinators,
-- supporters and observers never read them (DESIGN §4: "a coordinator's session cannot select
-- ... a message"). An ended (or paused, or only proposed) pair's conversation is read-only.
--
-- Rules the database keeps on its own, whatever a Supabase client sends:
-- * a person writes only as themself (author_id / uploaded_by / user_id = auth.uid());
-- * a message is edited or (softly) deleted only by its author, within 15 minutes of posting,
--   while the pair may still change: the update policy says so, with the database's clock;
-- * only body, edited_at and deleted_at can be changed, and a trigger stamps edited_at and
--   deleted_at with the server's time and clears the body of a deleted message;
-- * a file row names its blob as `pair/<pair>/<file>`, so a forged row can never point at
--   another pair's blob; it belongs to a message of the same pair by the same author.
--
-- Mentions of a sheet or field are written in the body (`#PS1`, `#PS1/field-key`) and resolved
-- against the pair's templates when shown, so an edit cannot leave them stale.

create table public.messages (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	author_id uuid not null references auth.users (id) on delete cascade,
	body text not null default '' check (char_length(body) <= 10000),
	created_at timestamptz not null default now(),
	edited_at timestamptz,
	deleted_at timestamptz,
	check (deleted_at is null or body = '')
);
create index messages_pair_created_idx on public.messages (pair_id, created_at desc, id desc);

-- Read state: per person and pair, everything posted up to `read_at` has been read.
create table public.message_reads (
	pair_id uuid not null references public.pairs (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	read_at timestamptz not null,
	primary key (pair_id, user_id)
);

create table public.files (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	message_id uuid not null references public.messages (id) on delete cascade,
	uploaded_by uuid not null references auth.users (id) on delete cascade,
	name text not null check (
		char_length(name) between 1 and 200 and name !~ '[[:cntrl:]/\\]' and name not in ('.', '..')
	),
	content_type text not null check (content_type in (
		'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'application/vnd.openxmlformats-officedocument.presentationml.presentation',
		'application/vnd.oasis.opendocument.text',
		'application/vnd.oasis.opendocument.spreadsheet',
		'application/vnd.oasis.opendocument.presentation'
	)),
	size bigint not null check (size > 0 and size <= 1073741824),
	storage_key text not null unique,
	created_at timestamptz not null default now(),
	check (storage_key = 'pair/' || pair_id::text || '/' || id::text)
);
create index files_pair_idx on public.files (pair_id);
create index files_message_idx on public.files (message_id);

alter table public.messages enable row level security;
alter table public.message_reads enable row level security;
alter table public.files enable row level security;

-- The caller's own message of this pair that they may still change: not deleted, at most 15
-- minutes old, in a pair that may still change.
create function private.my_editable_message(p_message uuid, p_pair uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.messages m
		where m.id = p_message and m.pair_id = p_pair
			and m.author_id = (select auth.uid())
			and m.deleted_at is null
			and m.created_at > now() - interval '15 minutes'
			and private.my_writable_pair_role(m.pair_id) is not null
	)
$$;
revoke execute on function private.my_editable_message(uuid, uuid) from public, anon;
grant execute on function private.my_editable_message(uuid, uuid) to authenticated, service_role;

-- Server time for edits and deletions; a deleted message keeps no text.
create function private.stamp_message_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.deleted_at is not null and old.deleted_at is null then
		new.deleted_at := now();
		new.body := '';
		new.edited_at := old.edited_at;
	elsif new.body is distinct from old.body then
		new.edited_at := now();
		new.deleted_at := old.deleted_at;
	else
		new.edited_at := old.edited_at;
		new.deleted_at := old.deleted_at;
	end if;
	return new;
end
$$;
create trigger messages_stamp_change before update on public.messages
	for each row execute function private.stamp_message_change();

-- Privileges: the same shape as 20261130000100_write_rules.sql.
revoke all on public.messages, public.message_reads, public.files from anon;
revoke all on public.messages, public.message_reads, public.files from authenticated;
grant select, insert (id, pair_id, author_id, body), update (body, edited_at, deleted_at)
	on public.messages to authenticated;
grant select, insert (pair_id, user_id, read_at), update (read_at)
	on public.message_reads to authenticated;
grant select, insert (id, pair_id, message_id, uploaded_by, name, content_type, size, storage_key),
	delete on public.files to authenticated;
grant all on public.messages, public.message_reads, public.files to service_role;

-- messages
create policy messages_select on public.messages for select to authenticated
	using (public.my_pair_role(pair_id) is not null);
create policy messages_insert on public.messages for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and private.my_writable_pair_role(pair_id) is not null
	);
create policy messages_update on public.messages for update to authenticated
	using (
		author_id = (select auth.uid())
		and deleted_at is null
		and created_at > now() - interval '15 minutes'
		and private.my_writable_pair_role(pair_id) is not null
	)
	with check (
		author_id = (select auth.uid())
		and private.my_writable_pair_role(pair_id) is not null
	);

-- message_reads: both people see how far the other has read; each writes only their own mark.
-- Marking as read stays possible in an ended pair (reading it is), so no count sticks forever.
create policy message_reads_select on public.message_reads for select to authenticated
	using (public.my_pair_role(pair_id) is not null);
create policy message_reads_insert on public.message_reads for insert to authenticated
	with check (user_id = (select auth.uid()) and public.my_pair_role(pair_id) is not null);
create policy message_reads_update on public.message_reads for update to authenticated
	using (user_id = (select auth.uid()) and public.my_pair_role(pair_id) is not null)
	with check (user_id = (select auth.uid()) and public.my_pair_role(pair_id) is not null);

-- files: attached to one's own message while it may still change; removed with it.
create policy files_select on public.files for select to authenticated
	using (public.my_pair_role(pair_id) is not null);
create policy files_insert on public.files for insert to authenticated
	with check (
		uploaded_by = (select auth.uid())
		and private.my_editable_message(message_id, pair_id)
	);
create policy files_delete on public.files for delete to authenticated
	using (
		uploaded_by = (select auth.uid())
		and private.my_editable_message(message_id, pair_id)
	);
