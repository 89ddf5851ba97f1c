-- Write rules the database keeps on its own. Supabase's API lets every signed-in person send any
-- insert, update or delete to any table in `public`; until now several rules were kept only by the
-- app's code. This migration makes the database the last line of defence for writes:
--
-- * Column privileges: `authenticated` may insert and update only the columns the product lets a
--   person write; identity columns (who, which pair, which programme, which document) are never
--   rewritten through the API. `anon` has no privilege on any table; TRUNCATE, REFERENCES and
--   TRIGGER (which Supabase's default grants include, and TRUNCATE bypasses row-level security)
--   are taken from both API roles.
-- * Row policies per operation and per role: nobody changes their own role; pairs are made only of
--   the programme's own mentors and mentees; intake forms are filled by the role they are for;
--   an exit request's reason and requester are never rewritten; signatures are written by the
--   server alone, which computes the content hash from the document.
-- * Helpers that answer facts about rows the caller may not see (which programme a pair or sheet
--   belongs to, who created a programme) move to the schema `private`, which Supabase's API does
--   not expose. The helpers left in `public` answer only about the caller themselves.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

alter function public.pair_program(uuid) set schema private;
alter function public.program_organisation(uuid) set schema private;
alter function public.program_creator(uuid) set schema private;
alter function public.sheet_pair(uuid) set schema private;
alter function public.sheet_template(uuid) set schema private;

-- Bodies name their helpers with a schema (search_path is empty): point them at the new place.
create or replace function public.coordinates_pair(p_pair uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select public.is_program_coordinator(private.pair_program(p_pair))
$$;

-- The active role of a given person in a programme (policies check who a row names).
create function private.member_role(p_program uuid, p_user uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select m.role from public.memberships m
	where m.program_id = p_program and m.user_id = p_user and m.status = 'active'
$$;

-- Whether a programme has any membership yet (its creator may then add themselves).
create function private.program_has_members(p_program uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from public.memberships m where m.program_id = p_program)
$$;

-- The caller's place in a pair whose workspace may still change, still in the programme in that
-- role (the policy module's isPartner + pairWritable).
create function private.my_writable_pair_role(p_pair uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select case
		when p.mentor_id = (select auth.uid()) then 'mentor'
		when p.mentee_id = (select auth.uid()) then 'mentee'
	end
	from public.pairs p
	where p.id = p_pair and p.status in ('active', 'exit_requested')
		and public.my_program_role(p.program_id) = case
			when p.mentor_id = (select auth.uid()) then 'mentor'
			when p.mentee_id = (select auth.uid()) then 'mentee'
		end
$$;

-- The caller's place in a pair that runs (an exit may be asked while it is not proposed or ended).
create function private.my_running_pair_role(p_pair uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select public.my_pair_role(p.id) from public.pairs p
	where p.id = p_pair and p.status in ('active', 'paused', 'exit_requested')
$$;

create function private.meeting_pair(p_meeting uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
	select m.pair_id from public.meetings m where m.id = p_meeting
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- An audit row needs a programme the caller is in (or the service role): no free-floating rows.
create or replace function public.record_audit_event(
	p_action text,
	p_entity_type text,
	p_entity_id text,
	p_program uuid,
	p_details jsonb default '{}'::jsonb
) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if (select auth.role()) is distinct from 'service_role'
		and (p_program is null or not public.is_program_member(p_program)) then
		raise exception 'an audit event needs a programme you are a member of'
			using errcode = '42501';
	end if;
	insert into public.audit_events (organisation_id, program_id, actor_id, action, entity_type, entity_id, details)
	values (
		private.program_organisation(p_program), p_program, (select auth.uid()),
		p_action, p_entity_type, p_entity_id, coalesce(p_details, '{}'::jsonb)
	);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Privileges: no API role writes anything but the columns granted below.

do $$
declare
	t record;
begin
	for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where n.nspname = 'public' and c.relkind = 'r'
	loop
		execute format('revoke all on public.%I from anon', t.relname);
		execute format(
			'revoke insert, update, delete, truncate, references, trigger on public.%I from authenticated',
			t.relname
		);
	end loop;
end
$$;

grant update (name) on public.organisations to authenticated;
grant insert (organisation_id, user_id, role), update (role), delete
	on public.organisation_members to authenticated;
grant update (display_name, locale, updated_at) on public.profiles to authenticated;
grant insert (id, organisation_id, kind, name, description, starts_on, ends_on, planned_sessions,
		cadence_days, session_minutes, max_mentees_per_mentor, min_group_size, retention_months,
		created_by),
	update (kind, name, description, starts_on, ends_on, planned_sessions, cadence_days,
		session_minutes, max_mentees_per_mentor, min_group_size, retention_months, updated_at)
	on public.programs to authenticated;
grant insert (program_id, user_id, role), update (role, status, removed_at, updated_at)
	on public.memberships to authenticated;
grant insert (program_id, email, role, token_hash, invited_by, expires_at),
	update (token_hash, expires_at, revoked_at)
	on public.invitations to authenticated;
grant insert (id, program_id, mentor_id, mentee_id, supporter_id, status, pseudonym),
	update (status, phase, supporter_id, updated_at, ended_at)
	on public.pairs to authenticated;
grant insert (pair_id, number, planned_on, starts_at, duration_minutes, place, mode, call_link),
	update (planned_on, starts_at, duration_minutes, place, mode, call_link, held_at, updated_at)
	on public.meetings to authenticated;
grant insert (id, pair_id, template_key, template_version, doc_name), update (status, updated_at)
	on public.sheets to authenticated;
grant insert (pair_id, author_id, author_role, meeting_id, met_on, sheet_used, difficulties,
		strengthening, other, difficulty_flag)
	on public.log_submissions to authenticated;
grant insert (program_id, user_id, form_key, form_version, answers)
	on public.intake_responses to authenticated;
grant insert (program_id, chooser_id, chosen_id, rating, rank, place), update (rating, rank, place),
	delete on public.match_preferences to authenticated;
grant insert (program_id, weights, objective, exclusions, locked, updated_at),
	update (weights, objective, exclusions, locked, updated_at), delete
	on public.matching_settings to authenticated;
grant insert (program_id, mentor_id, supporter_id), update (supporter_id, assigned_at), delete
	on public.mentor_supporters to authenticated;
grant insert (pair_id, requested_by, requester_role, reason, mentee_consents_transfer),
	update (status, outcome, handled_at, handled_by)
	on public.exit_requests to authenticated;
grant insert (program_id, form_version, answers, submitted_by)
	on public.program_evaluations to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Row policies, one per operation.

-- organisation_members: an owner manages the others of their organisation, never their own row.
drop policy organisation_members_write on public.organisation_members;
create policy organisation_members_insert on public.organisation_members for insert to authenticated
	with check (public.my_organisation_role(organisation_id) = 'owner' and user_id <> (select auth.uid()));
create policy organisation_members_update on public.organisation_members for update to authenticated
	using (public.my_organisation_role(organisation_id) = 'owner' and user_id <> (select auth.uid()))
	with check (public.my_organisation_role(organisation_id) = 'owner' and user_id <> (select auth.uid()));
create policy organisation_members_delete on public.organisation_members for delete to authenticated
	using (public.my_organisation_role(organisation_id) = 'owner' and user_id <> (select auth.uid()));

-- profiles: made by the server when an account is created; a person edits their own name and
-- language, never their e-mail address (it comes from the account).
drop policy profiles_insert on public.profiles;

-- memberships: people join through invitations (accepted by the server). The creator of a
-- programme adds themselves as its first coordinator, once. A coordinator changes or removes the
-- others, never themselves.
drop policy memberships_insert on public.memberships;
drop policy memberships_update on public.memberships;
drop policy memberships_delete on public.memberships;
create policy memberships_insert on public.memberships for insert to authenticated
	with check (
		user_id = (select auth.uid())
		and role = 'coordinator'
		and status = 'active'
		and private.program_creator(program_id) = (select auth.uid())
		and public.can_create_program_in(private.program_organisation(program_id))
		and not private.program_has_members(program_id)
	);
create policy memberships_update on public.memberships for update to authenticated
	using (public.is_program_coordinator(program_id) and user_id <> (select auth.uid()))
	with check (public.is_program_coordinator(program_id) and user_id <> (select auth.uid()));

-- invitations: coordinators invite as themselves; an accepted invitation is history.
drop policy invitations_all on public.invitations;
create policy invitations_select on public.invitations for select to authenticated
	using (public.is_program_coordinator(program_id));
create policy invitations_insert on public.invitations for insert to authenticated
	with check (public.is_program_coordinator(program_id) and invited_by = (select auth.uid()));
create policy invitations_update on public.invitations for update to authenticated
	using (public.is_program_coordinator(program_id) and accepted_at is null)
	with check (public.is_program_coordinator(program_id) and accepted_at is null);

-- pairs: a coordinator pairs the programme's own mentor and mentee, supported by one of its
-- supporters; afterwards only status, phase and supporter change.
drop policy pairs_insert on public.pairs;
drop policy pairs_update on public.pairs;
create policy pairs_insert on public.pairs for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		and private.member_role(program_id, mentor_id) = 'mentor'
		and private.member_role(program_id, mentee_id) = 'mentee'
		and (supporter_id is null or private.member_role(program_id, supporter_id) = 'supporter')
		and status in ('proposed', 'active')
	);
create policy pairs_update on public.pairs for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (
		public.is_program_coordinator(program_id)
		and (supporter_id is null or private.member_role(program_id, supporter_id) = 'supporter')
	);

-- meetings: planned by the pair while its workspace may change.
drop policy meetings_update on public.meetings;
create policy meetings_update on public.meetings for update to authenticated
	using (private.my_writable_pair_role(pair_id) is not null)
	with check (private.my_writable_pair_role(pair_id) is not null);

-- sheets: created with the pair, named after it; the pair may mark one completed.
drop policy sheets_insert on public.sheets;
drop policy sheets_update on public.sheets;
create policy sheets_insert on public.sheets for insert to authenticated
	with check (
		public.coordinates_pair(pair_id)
		and doc_name = 'pair/' || pair_id::text || '/sheet/' || id::text
	);
create policy sheets_update on public.sheets for update to authenticated
	using (private.my_writable_pair_role(pair_id) is not null)
	with check (private.my_writable_pair_role(pair_id) is not null);

-- signatures: the server signs after computing the hash of the document itself.
drop policy signatures_insert on public.signatures;

-- log_submissions: the author, in their own role, for a meeting of the same pair.
drop policy log_submissions_insert on public.log_submissions;
create policy log_submissions_insert on public.log_submissions for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and private.my_writable_pair_role(pair_id) = author_role
		and (meeting_id is null or private.meeting_pair(meeting_id) = pair_id)
	);

-- intake_responses: a form is filled by the role it is for.
drop policy intake_responses_insert on public.intake_responses;
create policy intake_responses_insert on public.intake_responses for insert to authenticated
	with check (
		user_id = (select auth.uid())
		and public.my_program_role(program_id) = case
			when form_key in ('mentee-intake', 'teacher-needs', 'match-mentee') then 'mentee'
			when form_key in ('mentor-self-assessment', 'match-mentor') then 'mentor'
		end
	);

-- match_preferences: a mentee chooses among the programme's mentors and the reverse.
drop policy match_preferences_write on public.match_preferences;
create policy match_preferences_insert on public.match_preferences for insert to authenticated
	with check (
		chooser_id = (select auth.uid())
		and (
			(public.my_program_role(program_id) = 'mentee'
				and private.member_role(program_id, chosen_id) = 'mentor')
			or (public.my_program_role(program_id) = 'mentor'
				and private.member_role(program_id, chosen_id) = 'mentee')
		)
	);
create policy match_preferences_update on public.match_preferences for update to authenticated
	using (chooser_id = (select auth.uid()) and public.my_program_role(program_id) in ('mentor', 'mentee'))
	with check (chooser_id = (select auth.uid()) and public.my_program_role(program_id) in ('mentor', 'mentee'));
create policy match_preferences_delete on public.match_preferences for delete to authenticated
	using (chooser_id = (select auth.uid()) and public.my_program_role(program_id) in ('mentor', 'mentee'));

-- mentor_supporters: one of the programme's supporters for one of its mentors.
drop policy mentor_supporters_write on public.mentor_supporters;
create policy mentor_supporters_insert on public.mentor_supporters for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		and private.member_role(program_id, mentor_id) = 'mentor'
		and private.member_role(program_id, supporter_id) = 'supporter'
	);
create policy mentor_supporters_update on public.mentor_supporters for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (
		public.is_program_coordinator(program_id)
		and private.member_role(program_id, supporter_id) = 'supporter'
	);
create policy mentor_supporters_delete on public.mentor_supporters for delete to authenticated
	using (public.is_program_coordinator(program_id));

-- exit_requests: asked by a person of a running pair, about themselves; the coordinator records
-- the decision as themselves and never rewrites the request.
drop policy exit_requests_insert on public.exit_requests;
drop policy exit_requests_update on public.exit_requests;
create policy exit_requests_insert on public.exit_requests for insert to authenticated
	with check (
		requested_by = (select auth.uid())
		and private.my_running_pair_role(pair_id) = requester_role
		and (mentee_consents_transfer is null or requester_role = 'mentee')
	);
create policy exit_requests_update on public.exit_requests for update to authenticated
	using (public.coordinates_pair(pair_id) and status = 'open')
	with check (
		public.coordinates_pair(pair_id) and (handled_by is null or handled_by = (select auth.uid()))
	);
