-- Collaboration documents (Yjs): an append-only log of updates and one merged snapshot per
-- document (see src/lib/server/collab/pg-store.ts). Only the collaboration server touches them,
-- as the service role (which bypasses row-level security). Row-level security is on and there
-- is no policy for `anon` or `authenticated`, and their privileges are revoked as well, so the
-- content of a pair's sheets or a private logbook never leaves through the API.

create table public.yjs_updates (
	id bigserial primary key,
	doc_name text not null check (length(doc_name) between 1 and 200),
	"update" bytea not null,
	created_at timestamptz not null default now()
);
create index yjs_updates_doc_idx on public.yjs_updates (doc_name, id);

create table public.yjs_snapshots (
	doc_name text primary key check (length(doc_name) between 1 and 200),
	state bytea not null,
	upto_id bigint not null,
	updated_at timestamptz not null default now()
);

alter table public.yjs_updates enable row level security;
alter table public.yjs_snapshots enable row level security;

revoke all on public.yjs_updates, public.yjs_snapshots from anon, authenticated;
revoke all on sequence public.yjs_updates_id_seq from anon, authenticated;
grant select, insert, update, delete on public.yjs_updates, public.yjs_snapshots to service_role;
grant usage, select on sequence public.yjs_updates_id_seq to service_role;
