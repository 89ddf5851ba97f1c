-- Account security (issue #13, "Account"): two-step sign-in with TOTP and recovery codes for local
-- accounts, e-mail changes confirmed by a link, and a programme setting that requires coordinators
-- to use a second step.
--
-- Secrets live in the schema `private`, which Supabase's API does not expose; on top of that no
-- API role has any privilege on these tables and row-level security is on without a policy for
-- them, so only the server (service_role) reads or writes them. With Supabase Auth the tables stay
-- empty: its own MFA (auth.mfa_factors) is used instead.

-- One authenticator per person. `confirmed_at` is null while enrolment waits for a first code.
-- `last_step` is the 30-second time step of the last code accepted: a code of that step or an
-- earlier one is refused, so an overheard code cannot be replayed within its window.
create table private.totp_factors (
	user_id uuid primary key references auth.users (id) on delete cascade,
	secret bytea not null check (octet_length(secret) = 20),
	confirmed_at timestamptz,
	last_step bigint not null default 0,
	created_at timestamptz not null default now()
);

-- Single-use recovery codes, stored as SHA-256 hashes (the codes are random, 50+ bits).
create table private.recovery_codes (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references auth.users (id) on delete cascade,
	code_hash text not null,
	used_at timestamptz,
	unique (user_id, code_hash)
);

-- A sign-in whose password was right and that waits for its second step (hashed cookie token).
create table private.mfa_challenges (
	token_hash text primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	user_agent text not null default '',
	attempts int not null default 0,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null
);
create index mfa_challenges_user_idx on private.mfa_challenges (user_id);

-- An e-mail change waits here until the link sent to the new address is opened.
create table private.email_changes (
	token_hash text primary key,
	user_id uuid not null references auth.users (id) on delete cascade,
	new_email text not null check (char_length(new_email) <= 254),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz
);
create index email_changes_user_idx on private.email_changes (user_id);

alter table private.totp_factors enable row level security;
alter table private.recovery_codes enable row level security;
alter table private.mfa_challenges enable row level security;
alter table private.email_changes enable row level security;
revoke all on private.totp_factors, private.recovery_codes, private.mfa_challenges,
	private.email_changes from public, anon, authenticated;
grant all on private.totp_factors, private.recovery_codes, private.mfa_challenges,
	private.email_changes to service_role;

-- Programme setting: coordinators must sign in with a second step.
alter table public.programs add column require_coordinator_mfa boolean not null default false;
grant insert (require_coordinator_mfa), update (require_coordinator_mfa)
	on public.programs to authenticated;
