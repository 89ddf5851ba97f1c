-- Certificates of completion and the mentee's portfolio (001… Part 2 §7: validation).
--
-- A certificate is issued by a coordinator of the programme for a person of a pair that has ended
-- with the programme completed: issuing it IS the coordinator's statement that it was completed
-- (pairs carry no end reason). Its facts (person, programme, organisation, period, sessions held,
-- the coordinator's name) are copied into the row when it is issued, by the database itself, so
-- what a third party verifies is what was printed. The verification code is unguessable: 32
-- random bytes from two version-4 UUIDs (244 random bits), base64url.
--
-- Who reads what: the person and the programme's coordinators read the row; nobody writes it
-- directly (issue and revoke are security-definer functions that check the coordinator); anon
-- reads nothing, and `verify_certificate` returns only the facts of the one exact code.
--
-- The portfolio is the mentee's choice of what goes into their PDF: their own rows only.

create table public.certificates (
	id uuid primary key default gen_random_uuid(),
	code text not null unique check (code ~ '^[A-Za-z0-9_-]{43}$'),
	program_id uuid not null references public.programs (id) on delete cascade,
	pair_id uuid not null references public.pairs (id) on delete cascade,
	person_id uuid not null references auth.users (id) on delete cascade,
	role text not null check (role in ('mentor', 'mentee')),
	person_name text not null check (length(person_name) between 1 and 120),
	program_name text not null check (length(program_name) between 1 and 200),
	organisation_name text not null check (length(organisation_name) between 1 and 200),
	period_start date not null,
	period_end date not null check (period_end >= period_start),
	sessions_held integer not null check (sessions_held >= 0),
	coordinator_name text not null check (length(coordinator_name) between 1 and 120),
	issued_by uuid references auth.users (id) on delete set null,
	issued_at timestamptz not null default now(),
	revoked_at timestamptz,
	revoked_by uuid references auth.users (id) on delete set null
);
-- One valid certificate per person and pair; a revoked one may be followed by a new one.
create unique index certificates_one_valid on public.certificates (pair_id, person_id)
	where revoked_at is null;
create index certificates_person_idx on public.certificates (person_id);
create index certificates_program_idx on public.certificates (program_id);
alter table public.certificates enable row level security;
revoke all on public.certificates from anon, authenticated;
grant select on public.certificates to authenticated;
grant select, insert, update, delete on public.certificates to service_role;

create policy certificates_select on public.certificates for select to authenticated
	using (person_id = (select auth.uid()) or public.is_program_coordinator(program_id));
-- Writes go through the functions below only: these policies admit nothing.
create policy certificates_insert on public.certificates for insert to authenticated
	with check (false);
create policy certificates_update on public.certificates for update to authenticated
	using (false);
create policy certificates_delete on public.certificates for delete to authenticated
	using (false);

-- Issues the certificate of the pair's mentor or mentee; the caller must coordinate the pair's
-- programme and the pair must have ended. Returns the new row's id.
create function public.issue_certificate(p_pair uuid, p_role text) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
	pair record;
	person uuid;
	new_id uuid;
begin
	select p.* into pair from public.pairs p where p.id = p_pair;
	if not found or not public.is_program_coordinator(pair.program_id) then
		raise exception 'not_found' using errcode = 'P0002';
	end if;
	if pair.status <> 'ended' then
		raise exception 'pair_not_ended' using errcode = 'P0001';
	end if;
	if p_role not in ('mentor', 'mentee') then
		raise exception 'invalid_role' using errcode = 'P0001';
	end if;
	person := case when p_role = 'mentor' then pair.mentor_id else pair.mentee_id end;
	if exists (select 1 from public.certificates c
		where c.pair_id = p_pair and c.person_id = person and c.revoked_at is null) then
		raise exception 'certificate_exists' using errcode = 'P0001';
	end if;
	insert into public.certificates (code, program_id, pair_id, person_id, role, person_name,
		program_name, organisation_name, period_start, period_end, sessions_held, coordinator_name,
		issued_by)
	select
		rtrim(translate(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'),
			'+/', '-_'), '='),
		pair.program_id, p_pair, person, p_role, who.display_name, prog.name, org.name,
		(pair.created_at at time zone 'Europe/Brussels')::date,
		(coalesce(pair.ended_at, now()) at time zone 'Europe/Brussels')::date,
		(select count(*)::int from public.meetings m where m.pair_id = p_pair and m.held_at is not null),
		me.display_name, (select auth.uid())
	from public.programs prog
	join public.organisations org on org.id = prog.organisation_id
	join public.profiles who on who.id = person
	join public.profiles me on me.id = (select auth.uid())
	where prog.id = pair.program_id
	returning id into new_id;
	if new_id is null then
		raise exception 'not_found' using errcode = 'P0002';
	end if;
	return new_id;
end
$$;

-- Revokes a certificate of a programme the caller coordinates (once; later calls change nothing).
create function public.revoke_certificate(p_certificate uuid) returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
	program uuid;
begin
	select c.program_id into program from public.certificates c where c.id = p_certificate;
	if not found or not public.is_program_coordinator(program) then
		raise exception 'not_found' using errcode = 'P0002';
	end if;
	update public.certificates set revoked_at = now(), revoked_by = (select auth.uid())
	where id = p_certificate and revoked_at is null;
	return found;
end
$$;

-- What a third party may know about one exact code: the facts and whether it was revoked.
create function public.verify_certificate(p_code text)
returns table (
	person_name text, program_name text, organisation_name text, period_start date,
	period_end date, sessions_held integer, coordinator_name text, issued_at timestamptz,
	revoked_at timestamptz
)
language sql stable security definer set search_path = ''
rows 1
as $$
	select c.person_name, c.program_name, c.organisation_name, c.period_start, c.period_end,
		c.sessions_held, c.coordinator_name, c.issued_at, c.revoked_at
	from public.certificates c
	where p_code ~ '^[A-Za-z0-9_-]{43}$' and c.code = p_code
$$;

revoke execute on function public.issue_certificate(uuid, text), public.revoke_certificate(uuid),
	public.verify_certificate(text) from public, anon;
grant execute on function public.issue_certificate(uuid, text), public.revoke_certificate(uuid)
	to authenticated, service_role;
grant execute on function public.verify_certificate(text) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- The portfolio: what the mentee chose to print. `sheet` is one sheet of a pair they are the
-- mentee of; `goals` the goals reached in that pair's development plan (a sheet 04); and
-- `certificate` one of their own certificates.

create table public.portfolio_items (
	id uuid primary key default gen_random_uuid(),
	owner_id uuid not null references auth.users (id) on delete cascade,
	kind text not null check (kind in ('sheet', 'goals', 'certificate')),
	sheet_id uuid references public.sheets (id) on delete cascade,
	certificate_id uuid references public.certificates (id) on delete cascade,
	position integer not null default 0 check (position between 0 and 1000),
	created_at timestamptz not null default now(),
	check ((kind = 'certificate') = (certificate_id is not null)),
	check ((kind <> 'certificate') = (sheet_id is not null))
);
create unique index portfolio_items_unique on public.portfolio_items
	(owner_id, kind, coalesce(sheet_id, certificate_id));
alter table public.portfolio_items enable row level security;
revoke all on public.portfolio_items from anon, authenticated;
grant select, insert (owner_id, kind, sheet_id, certificate_id, position), delete
	on public.portfolio_items to authenticated;
grant select, insert, update, delete on public.portfolio_items to service_role;

-- Whether the caller is the mentee of the sheet's pair (names a row the caller may not see).
create function private.my_mentee_sheet(p_sheet uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.sheets s join public.pairs p on p.id = s.pair_id
		where s.id = p_sheet and p.mentee_id = (select auth.uid()) and p.status <> 'proposed'
	)
$$;
revoke execute on function private.my_mentee_sheet(uuid) from public, anon;
grant execute on function private.my_mentee_sheet(uuid) to authenticated, service_role;

create policy portfolio_items_select on public.portfolio_items for select to authenticated
	using (owner_id = (select auth.uid()));
create policy portfolio_items_insert on public.portfolio_items for insert to authenticated
	with check (
		owner_id = (select auth.uid())
		and case
			when kind = 'certificate' then exists (
				select 1 from public.certificates c
				where c.id = certificate_id and c.person_id = (select auth.uid()))
			else private.my_mentee_sheet(sheet_id)
		end
	);
create policy portfolio_items_delete on public.portfolio_items for delete to authenticated
	using (owner_id = (select auth.uid()));
