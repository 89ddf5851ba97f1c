-- Background jobs, notifications and e-mail preferences (issue #11).
--
-- * `jobs`: the durable job queue the server runs (reminders, digests, notification mails). Only
--   the server touches it: row-level security on, no policy, no privilege for the API roles.
-- * `notifications`: one row per person and event. Its owner reads it and may set `read_at`,
--   nothing else; the server inserts. Texts are not stored: `params` holds what the translated
--   text needs (a name, a sheet title), never message or sheet content.
-- * `notification_preferences`: per person, how each category reaches them by e-mail.
-- * `mail_outbox`: HTML, headers and attachments, and an idempotency key so a mail that a
--   retried job sends again is recorded (and sent) once.
-- * `programs.stall_days`: after how many days without a held meeting a pair counts as stalled.

create table public.jobs (
	id bigint generated always as identity primary key,
	kind text not null check (length(kind) between 1 and 100),
	payload jsonb not null default '{}'::jsonb,
	-- Unique: the same reminder, digest slot or mail is never enqueued twice.
	key text unique check (key is null or length(key) <= 300),
	-- The programme a job is about (the coordinator's status panel), when it is about one.
	program_id uuid references public.programs (id) on delete cascade,
	run_at timestamptz not null default now(),
	attempts integer not null default 0,
	max_attempts integer not null default 5 check (max_attempts between 1 and 100),
	locked_by text,
	locked_until timestamptz,
	last_error text check (last_error is null or length(last_error) <= 2000),
	failed_at timestamptz,
	done_at timestamptz,
	created_at timestamptz not null default now()
);
-- What the runner claims: open jobs by due time.
create index jobs_due_idx on public.jobs (run_at) where done_at is null;
create index jobs_program_failed_idx on public.jobs (program_id, failed_at) where failed_at is not null;
create index jobs_kind_done_idx on public.jobs (kind, done_at) where done_at is not null;

alter table public.jobs enable row level security;
revoke all on public.jobs from anon, authenticated;
grant select, insert, update, delete on public.jobs to service_role;

create table public.notifications (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references auth.users (id) on delete cascade,
	actor_id uuid references auth.users (id) on delete set null,
	kind text not null check (kind in (
		'message', 'comment', 'signature_requested', 'signature_given', 'assignment',
		'meeting_planned', 'meeting_changed', 'logbook_due', 'pair_status',
		'meeting_tomorrow', 'meeting_unheld', 'pair_stalled', 'assignment_due'
	)),
	category text not null
		check (category in ('messages', 'comments', 'assignments', 'meetings', 'reminders', 'pair')),
	program_id uuid references public.programs (id) on delete cascade,
	pair_id uuid references public.pairs (id) on delete cascade,
	-- A same-origin path: never another site.
	link text not null check (link ~ '^/([^/\\]|$)' and length(link) <= 500),
	params jsonb not null default '{}'::jsonb check (length(params::text) <= 4000),
	-- A reminder's idempotency key: the same reminder reaches a person once.
	key text check (key is null or length(key) <= 300),
	-- Several events of one kind on one thing within a few minutes notify once (comments).
	throttle_key text check (throttle_key is null or length(throttle_key) <= 300),
	created_at timestamptz not null default now(),
	read_at timestamptz,
	emailed_at timestamptz,
	unique (user_id, key)
);
create index notifications_user_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_unemailed_idx on public.notifications (user_id)
	where emailed_at is null and read_at is null;
create index notifications_throttle_idx on public.notifications (user_id, throttle_key, created_at)
	where throttle_key is not null;

alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant select, insert, update, delete on public.notifications to service_role;

create policy notifications_select on public.notifications for select to authenticated
	using (user_id = (select auth.uid()));
create policy notifications_update on public.notifications for update to authenticated
	using (user_id = (select auth.uid()))
	with check (user_id = (select auth.uid()));

-- One row per person; a person without a row has the defaults below.
create table public.notification_preferences (
	user_id uuid primary key references auth.users (id) on delete cascade,
	messages text not null default 'daily' check (messages in ('immediate', 'daily', 'off')),
	comments text not null default 'daily' check (comments in ('immediate', 'daily', 'off')),
	assignments text not null default 'daily' check (assignments in ('immediate', 'daily', 'off')),
	meetings text not null default 'immediate' check (meetings in ('immediate', 'daily', 'off')),
	reminders text not null default 'immediate' check (reminders in ('immediate', 'daily', 'off')),
	pair text not null default 'immediate' check (pair in ('immediate', 'daily', 'off')),
	-- The hour (programme time zone) the daily digest is sent.
	digest_hour smallint not null default 17 check (digest_hour between 0 and 23),
	updated_at timestamptz not null default now()
);

alter table public.notification_preferences enable row level security;
revoke all on public.notification_preferences from anon, authenticated;
grant select on public.notification_preferences to authenticated;
grant insert (user_id, messages, comments, assignments, meetings, reminders, pair, digest_hour,
		updated_at),
	update (messages, comments, assignments, meetings, reminders, pair, digest_hour, updated_at)
	on public.notification_preferences to authenticated;
grant select, insert, update, delete on public.notification_preferences to service_role;

create policy notification_preferences_select on public.notification_preferences
	for select to authenticated using (user_id = (select auth.uid()));
create policy notification_preferences_insert on public.notification_preferences
	for insert to authenticated with check (user_id = (select auth.uid()));
create policy notification_preferences_update on public.notification_preferences
	for update to authenticated
	using (user_id = (select auth.uid()))
	with check (user_id = (select auth.uid()));

-- Mail: HTML, headers, attachments and the idempotency key.
alter table public.mail_outbox
	add column body_html text,
	add column headers jsonb not null default '{}'::jsonb,
	add column attachments jsonb not null default '[]'::jsonb,
	add column key text unique;

-- The secret that signs unsubscribe links, made once per database so every instance shares it
-- without configuration. The schema `private` is not exposed by the API.
create table private.app_secrets (
	name text primary key,
	value text not null
);
alter table private.app_secrets enable row level security;
revoke all on private.app_secrets from public, anon, authenticated;
grant select on private.app_secrets to service_role;
insert into private.app_secrets (name, value) values (
	'mail_links',
	replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')
);

-- Days without a held meeting after which a pair counts as stalled and both people are nudged.
alter table public.programs
	add column stall_days integer not null default 21 check (stall_days between 3 and 365);
grant insert (stall_days), update (stall_days) on public.programs to authenticated;
