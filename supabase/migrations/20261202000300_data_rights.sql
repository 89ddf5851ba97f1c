-- Data rights (issue #13; agreement 02: "het recht om … de opgeslagen persoonlijke gegevens in te
-- zien en uw persoonlijke gegevens uit hun systeem te laten verwijderen", and "één jaar na afloop
-- van het project … vernietigd"). See docs/privacy.md.
--
-- * `data_exports`: a person's export (a zip built by a job); its owner reads it, asks for one.
-- * `erasure_requests`: a person asks to be erased; the coordinator of the programme confirms or
--   refuses; the server carries out a confirmed (or automatic) erasure. After it `user_id` is
--   null (the account is gone) and the row keeps only the facts: when, who decided.
-- * `retention_runs`: per programme, when its coordinator was warned and when its personal data
--   was deleted; read by its coordinators, written by the retention job only.
-- * `audit_events_about_me()`: who read monitoring data or exported data that concerns the caller.

create table public.data_exports (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
	status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
	progress integer not null default 0 check (progress between 0 and 100),
	file_key text check (file_key is null or length(file_key) <= 300),
	size_bytes bigint check (size_bytes is null or size_bytes >= 0),
	created_at timestamptz not null default now(),
	finished_at timestamptz,
	expires_at timestamptz not null default now() + interval '7 days'
);
create index data_exports_user_idx on public.data_exports (user_id, created_at desc);

create table public.erasure_requests (
	id uuid primary key default gen_random_uuid(),
	user_id uuid default auth.uid() references auth.users (id) on delete set null,
	-- The programme whose coordinator decides; null when nothing must be kept (automatic).
	program_id uuid references public.programs (id) on delete cascade,
	status text not null default 'requested'
		check (status in ('requested', 'confirmed', 'refused', 'done')),
	reason text not null default '' check (length(reason) <= 2000),
	decision_note text not null default '' check (length(decision_note) <= 2000),
	decided_by uuid references auth.users (id) on delete set null,
	decided_at timestamptz,
	created_at timestamptz not null default now(),
	done_at timestamptz
);
create unique index erasure_requests_one_open
	on public.erasure_requests (user_id) where status in ('requested', 'confirmed');
create index erasure_requests_program_idx on public.erasure_requests (program_id, created_at desc);

create table public.retention_runs (
	program_id uuid primary key references public.programs (id) on delete cascade,
	warned_at timestamptz,
	purged_at timestamptz
);

alter table public.data_exports enable row level security;
alter table public.erasure_requests enable row level security;
alter table public.retention_runs enable row level security;

revoke all on public.data_exports, public.erasure_requests, public.retention_runs from anon;
revoke insert, update, delete, truncate, references, trigger
	on public.data_exports, public.erasure_requests, public.retention_runs from authenticated;
grant select on public.data_exports, public.erasure_requests, public.retention_runs to authenticated;
grant select, insert, update, delete
	on public.data_exports, public.erasure_requests, public.retention_runs to service_role;

-- data_exports: one's own only; asking for one is an insert of one's own row.
create policy data_exports_select on public.data_exports for select to authenticated
	using (user_id = (select auth.uid()));
create policy data_exports_insert on public.data_exports for insert to authenticated
	with check (user_id = (select auth.uid()) and status = 'queued' and progress = 0);
grant insert (user_id) on public.data_exports to authenticated;

-- erasure_requests: the person and the programme's coordinators read; the person asks (in a
-- programme they are a member of) and may withdraw an open request; the coordinator decides.
create policy erasure_requests_select on public.erasure_requests for select to authenticated
	using (
		user_id = (select auth.uid())
		or (program_id is not null and public.is_program_coordinator(program_id))
	);
create policy erasure_requests_insert on public.erasure_requests for insert to authenticated
	with check (
		user_id = (select auth.uid()) and status = 'requested' and decided_by is null
		and program_id is not null and public.is_program_member(program_id)
	);
grant insert (user_id, program_id, reason) on public.erasure_requests to authenticated;
create policy erasure_requests_delete on public.erasure_requests for delete to authenticated
	using (user_id = (select auth.uid()) and status = 'requested');
grant delete on public.erasure_requests to authenticated;
create policy erasure_requests_update on public.erasure_requests for update to authenticated
	using (program_id is not null and public.is_program_coordinator(program_id) and status = 'requested')
	with check (
		public.is_program_coordinator(program_id) and status in ('confirmed', 'refused')
		and decided_by = (select auth.uid())
	);
grant update (status, decision_note, decided_by, decided_at) on public.erasure_requests
	to authenticated;

-- retention_runs: the programme's coordinators read; the job writes.
create policy retention_runs_select on public.retention_runs for select to authenticated
	using (public.is_program_coordinator(program_id));

-- Who (other than the caller) read monitoring data of a programme the caller is in, or exported
-- or erased data about the caller: the action, when, the programme and the reader's name and role (coordinators and
-- organisers are known to every member). Newest first, paged.
create function public.audit_events_about_me(p_limit integer, p_offset integer)
returns table (
	id bigint,
	created_at timestamptz,
	action text,
	program_name text,
	actor_name text,
	actor_role text
)
language sql stable security definer set search_path = ''
as $$
	select e.id, e.created_at, e.action, p.name, coalesce(pr.display_name, ''),
		coalesce(am.role, '')
	from public.audit_events e
	left join public.programs p on p.id = e.program_id
	left join public.profiles pr on pr.id = e.actor_id
	left join public.memberships am on am.program_id = e.program_id and am.user_id = e.actor_id
	where (select auth.uid()) is not null
		-- Others' reads: what the person did themself is in their export (audit/my-actions.json).
		and e.actor_id is distinct from (select auth.uid())
		and (
			(e.action in ('monitoring.view', 'monitoring.export')
				and exists (
					select 1 from public.memberships m
					where m.program_id = e.program_id and m.user_id = (select auth.uid())
						and m.role in ('mentor', 'mentee', 'supporter', 'observer')
				))
			or (e.entity_type = 'person' and e.entity_id = (select auth.uid())::text)
		)
	order by e.created_at desc, e.id desc
	limit least(greatest(p_limit, 1), 100) offset greatest(p_offset, 0)
$$;
revoke execute on function public.audit_events_about_me(integer, integer) from public, anon;
grant execute on function public.audit_events_about_me(integer, integer) to authenticated;
