-- Tables of the local (embedded) auth adapter. Not used with Supabase Auth. Idempotent.
-- Only the service role touches them: tokens and sessions are stored as SHA-256 hashes.

create table if not exists auth.local_sessions (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references auth.users (id) on delete cascade,
	token_hash text not null unique,
	user_agent text not null default '',
	created_at timestamptz not null default now(),
	last_seen_at timestamptz not null default now(),
	expires_at timestamptz not null
);
create index if not exists local_sessions_user_idx on auth.local_sessions (user_id);

create table if not exists auth.local_tokens (
	token_hash text primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	purpose text not null check (purpose in ('password_reset')),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz
);

alter table auth.local_sessions enable row level security;
alter table auth.local_tokens enable row level security;
revoke all on auth.local_sessions, auth.local_tokens from anon, authenticated;
grant all on auth.local_sessions, auth.local_tokens to service_role;
