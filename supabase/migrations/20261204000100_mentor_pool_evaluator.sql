-- Mentor models of the teacher-induction framework (003…, issue #14): a pool of mentors and the
-- school leader's dual role.
--
-- * Pool: a programme may let a beginning teacher have more than one mentor (a subject mentor and
--   a school mentor …), each pair with its own workspace. `programs.mentor_pool` is the setting
--   (its own column, so other mentor models can add theirs beside it). The old rule "one open pair
--   per mentee per programme" becomes "one open pair per programme, mentee and mentor", and a
--   second mentor only where the programme allows a pool. A pair may carry a label both members
--   see ("vakmentor", "schoolmentor"): free text, optional.
-- * Evaluator: the person who evaluates a teacher (`teacher_evaluators`, written by the
--   programme's coordinators) is never that teacher's mentor (a trigger on both tables) and reads
--   nothing of the teacher's pairs, whatever other role they hold in the programme: the pair
--   helpers every content policy rests on (`my_pair_role`, `supports_pair`) answer "no" for them.
--   An evaluator is a member of the programme as mentor, supporter or observer, never as its
--   coordinator (coordinators read what is submitted to them: logbook part 2, exit requests,
--   concerns); the teacher is one of its mentees.

alter table public.programs add column mentor_pool boolean not null default false;
grant insert (mentor_pool), update (mentor_pool) on public.programs to authenticated;

alter table public.pairs add column label text
	check (label is null or (length(label) between 1 and 60 and label !~ '[[:cntrl:]]'));
grant insert (label), update (label) on public.pairs to authenticated;

drop index public.pairs_one_open_per_mentee;
create unique index pairs_one_open_per_mentor on public.pairs (program_id, mentee_id, mentor_id)
	where status <> 'ended';

-- ---------------------------------------------------------------------------------------------
-- Who evaluates whom

create table public.teacher_evaluators (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	evaluator_id uuid not null references auth.users (id) on delete cascade,
	teacher_id uuid not null references auth.users (id) on delete cascade,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	check (evaluator_id <> teacher_id),
	unique (program_id, evaluator_id, teacher_id)
);
create index teacher_evaluators_teacher_idx on public.teacher_evaluators (program_id, teacher_id);
create index teacher_evaluators_evaluator_idx on public.teacher_evaluators (evaluator_id);

alter table public.teacher_evaluators enable row level security;
revoke all on public.teacher_evaluators from anon, authenticated;
grant select, delete on public.teacher_evaluators to authenticated;
grant insert (program_id, evaluator_id, teacher_id, created_by) on public.teacher_evaluators
	to authenticated;
grant select, insert, update, delete on public.teacher_evaluators to service_role;

-- Whether the caller evaluates the mentee of this pair in its programme.
create function private.evaluates_pair(p_pair uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.pairs p
		join public.teacher_evaluators e on e.program_id = p.program_id and e.teacher_id = p.mentee_id
		where p.id = p_pair and e.evaluator_id = (select auth.uid())
	)
$$;
revoke execute on function private.evaluates_pair(uuid) from public, anon;
grant execute on function private.evaluates_pair(uuid) to authenticated, service_role;

-- The coordinators see every record of their programme; the evaluator and the teacher see their
-- own (the teacher knows who evaluates them). Nobody else, and never across programmes.
create policy teacher_evaluators_select on public.teacher_evaluators for select to authenticated
	using (
		public.is_program_coordinator(program_id)
		or evaluator_id = (select auth.uid()) or teacher_id = (select auth.uid())
	);
create policy teacher_evaluators_insert on public.teacher_evaluators for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		and created_by = (select auth.uid())
		and private.member_role(program_id, teacher_id) = 'mentee'
		and private.member_role(program_id, evaluator_id) in ('mentor', 'supporter', 'observer')
	);
create policy teacher_evaluators_delete on public.teacher_evaluators for delete to authenticated
	using (public.is_program_coordinator(program_id));
-- No update: a record is removed and made again.

-- ---------------------------------------------------------------------------------------------
-- The rules, kept by the database whoever writes (the API, the server, the service role)

create function private.pair_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.status = 'ended' then
		return new;
	end if;
	if exists (
		select 1 from public.teacher_evaluators e
		where e.program_id = new.program_id and e.evaluator_id = new.mentor_id
			and e.teacher_id = new.mentee_id
	) then
		raise exception 'eval_not_mentor' using errcode = 'P0001',
			detail = 'An evaluator is never the mentor of the teacher they evaluate.';
	end if;
	if exists (
		select 1 from public.pairs p
		where p.program_id = new.program_id and p.mentee_id = new.mentee_id
			and p.mentor_id <> new.mentor_id and p.status <> 'ended' and p.id <> new.id
	) and not (select pr.mentor_pool from public.programs pr where pr.id = new.program_id) then
		raise exception 'pool_not_allowed' using errcode = 'P0001',
			detail = 'This programme allows one mentor per mentee.';
	end if;
	return new;
end
$$;
create trigger pairs_rules_insert before insert on public.pairs
	for each row execute function private.pair_rules();
create trigger pairs_rules_update before update of mentor_id, mentee_id, status, program_id
	on public.pairs for each row execute function private.pair_rules();

create function private.evaluator_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if exists (
		select 1 from public.pairs p
		where p.program_id = new.program_id and p.mentor_id = new.evaluator_id
			and p.mentee_id = new.teacher_id
	) then
		raise exception 'eval_is_mentor' using errcode = 'P0001',
			detail = 'The evaluator is (or was) this teacher''s mentor.';
	end if;
	if exists (
		select 1 from public.memberships m
		where m.program_id = new.program_id and m.user_id = new.evaluator_id
			and m.role = 'coordinator' and m.status = 'active'
	) then
		raise exception 'eval_coordinator' using errcode = 'P0001',
			detail = 'A coordinator of the programme cannot be recorded as an evaluator.';
	end if;
	return new;
end
$$;
create trigger teacher_evaluators_rules before insert or update on public.teacher_evaluators
	for each row execute function private.evaluator_rules();

-- Someone who evaluates a teacher does not become a coordinator of that programme.
create function private.membership_evaluator_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.role = 'coordinator' and new.status = 'active' and exists (
		select 1 from public.teacher_evaluators e
		where e.program_id = new.program_id and e.evaluator_id = new.user_id
	) then
		raise exception 'eval_coordinator' using errcode = 'P0001',
			detail = 'An evaluator cannot be a coordinator of the programme.';
	end if;
	return new;
end
$$;
create trigger memberships_evaluator_rules before insert or update of role, status
	on public.memberships for each row execute function private.membership_evaluator_rules();

-- ---------------------------------------------------------------------------------------------
-- The evaluator reads nothing of the pair: the helpers every content policy uses say "no".
-- (An evaluator is never the pair's mentor, and never its mentee — they are not the teacher —
-- but the pair's role answers no for them all the same, so no later rule can open a gap.)

create or replace function public.my_pair_role(p_pair uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select case
		when p.mentor_id = (select auth.uid()) then 'mentor'
		when p.mentee_id = (select auth.uid()) then 'mentee'
	end
	from public.pairs p
	where p.id = p_pair and not private.evaluates_pair(p.id)
$$;

create or replace function public.supports_pair(p_pair uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.pairs p
		where p.id = p_pair and p.supporter_id = (select auth.uid())
			and public.my_program_role(p.program_id) = 'supporter'
			and not private.evaluates_pair(p.id)
	)
$$;
