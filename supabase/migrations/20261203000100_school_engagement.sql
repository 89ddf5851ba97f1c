-- Learning communities, the intake per school (issue #12; seed 004 "GO ALL for learning!"):
-- "We voorzien intakegesprekken om te toetsen welke verwachtingen de scholen hebben, of er aan
-- deze verwachtingen kan worden voldaan en of er voldoende betrokkenheid is ... Indien dat het
-- geval is tekenen de betrokken (coördinerend) directeur(s) na dit intakegesprek een
-- engagementsverklaring."
--
-- * `school_intakes`: one record of the intake conversation per school (expectations,
--   feasibility, commitment), written by the programme's coordinators. The school's own
--   participants read it; nobody else does (not the process coach, not other schools).
-- * `engagement_signatures`: the signature model of the pair agreements (20261124000400): a row
--   per signer with the SHA-256 of the exact statement text they signed, in the language they
--   read it in (`locale`). The text is built by the server from the programme, the school, the
--   seed's commitments and the commitment notes of the intake; when any of these changes after
--   signing, the stored hash no longer matches and the signature shows as such. A hash of one's
--   own choosing only makes one's own signature look stale, so the signer writes the row as
--   themselves (no service role needed) and the database checks who may sign.
-- * Who signs: the "coördinerend directeur(s)" are the school's participants with the function
--   `school_leader` ("de schoolleider met eindverantwoordelijkheid", "een directielid"), each
--   for their own school only, only as themselves, while an active member of the programme, and
--   only once an intake is recorded ("na dit intakegesprek"). One signature per school and signer.
-- * Nobody updates a signature (no update privilege at all). A signer withdraws their own
--   signature by deleting it, until the programme's end date; after that the record is frozen.
--   Re-signing a changed statement is a withdrawal and a new signature in one transaction.
-- * The intake record is never deleted by people (it goes with its school); the coordinator
--   corrects it by updating it.

create table public.school_intakes (
	school_id uuid primary key,
	program_id uuid not null references public.programs (id) on delete cascade,
	conversation_on date not null
		check (conversation_on between date '2000-01-01' and date '2100-12-31'),
	expectations text not null default '' check (length(expectations) <= 4000),
	feasibility text not null default '' check (length(feasibility) <= 4000),
	commitments text not null default '' check (length(commitments) <= 4000),
	recorded_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	foreign key (program_id, school_id) references public.schools (program_id, id) on delete cascade
);
create index school_intakes_program_idx on public.school_intakes (program_id);

create table public.engagement_signatures (
	id uuid primary key default gen_random_uuid(),
	school_id uuid not null references public.schools (id) on delete cascade,
	signer_id uuid not null references auth.users (id) on delete cascade,
	-- as the signer names their function, e.g. "coördinerend directeur"
	signer_function text not null check (length(signer_function) between 1 and 100),
	-- the language of the text that was signed (the hash is of that text)
	locale text not null check (locale in ('nl', 'en')),
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	signed_at timestamptz not null default now(),
	unique (school_id, signer_id)
);

alter table public.school_intakes enable row level security;
alter table public.engagement_signatures enable row level security;

-- ---------------------------------------------------------------------------------------------
-- Helpers (security definer: they read school_members, which a participant reads only for
-- themselves).

-- Whether the caller reads a school's intake and statement: a coordinator of its programme, or
-- one of the school's own participants while an active member of the programme.
create function private.reads_school_engagement(p_school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select public.is_program_coordinator(private.school_program(p_school))
		or (
			public.is_program_member(private.school_program(p_school))
			and private.school_of(private.school_program(p_school), (select auth.uid())) = p_school
		)
$$;

-- Whether the caller is a coordinating director of the school: its participant with the function
-- school_leader, still an active member of the programme.
create function private.directs_school(p_school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.school_members sm
		where sm.school_id = p_school and sm.user_id = (select auth.uid())
			and sm.function = 'school_leader'
			and private.member_role(sm.program_id, sm.user_id) is not null
	)
$$;

create function private.school_has_intake(p_school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from public.school_intakes i where i.school_id = p_school)
$$;

-- Whether the school's programme has not ended yet (signatures may still be withdrawn).
create function private.school_program_open(p_school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.schools s join public.programs p on p.id = s.program_id
		where s.id = p_school and p.ends_on >= current_date
	)
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Privileges: anon nothing; people select, insert and update named columns only.

revoke all on public.school_intakes, public.engagement_signatures from anon;
revoke all on public.school_intakes, public.engagement_signatures from authenticated;
grant select on public.school_intakes, public.engagement_signatures to authenticated;
grant insert (program_id, school_id, conversation_on, expectations, feasibility, commitments,
		recorded_by),
	update (conversation_on, expectations, feasibility, commitments, recorded_by, updated_at)
	on public.school_intakes to authenticated;
grant insert (school_id, signer_id, signer_function, locale, content_hash), delete
	on public.engagement_signatures to authenticated;
grant select, insert, update, delete on public.school_intakes, public.engagement_signatures
	to service_role;

-- ---------------------------------------------------------------------------------------------
-- Row policies, one per operation.

-- school_intakes: the coordinator records and corrects it, in their own name; the school reads it.
create policy school_intakes_select on public.school_intakes for select to authenticated
	using (private.reads_school_engagement(school_id));
create policy school_intakes_insert on public.school_intakes for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		and recorded_by = (select auth.uid())
	);
create policy school_intakes_update on public.school_intakes for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (
		public.is_program_coordinator(program_id)
		and recorded_by = (select auth.uid())
	);

-- engagement_signatures: the school and the coordinator read them; a coordinating director signs
-- for their own school, as themselves, after the intake; only the signer withdraws, until the end.
create policy engagement_signatures_select on public.engagement_signatures for select
	to authenticated
	using (private.reads_school_engagement(school_id));
create policy engagement_signatures_insert on public.engagement_signatures for insert
	to authenticated
	with check (
		signer_id = (select auth.uid())
		and private.directs_school(school_id)
		and private.school_has_intake(school_id)
	);
create policy engagement_signatures_delete on public.engagement_signatures for delete
	to authenticated
	using (signer_id = (select auth.uid()) and private.school_program_open(school_id));
