-- Beginning teachers (`003…`): the needs questionnaire is shown to the teacher's own mentor once
-- they are paired, as the teacher-induction framework intends (needs are identified "om te zien
-- hoe de behoeften evolueren en het aanbod hierop afgestemd moet worden", L190), and the three
-- teacher sheets exist for pairs made before them.
--
-- Who reads a `teacher-needs` answer now: its author and the programme's coordinators (as
-- before), and the mentor of a pair with that teacher in that programme once the pair was
-- confirmed (active, paused, exit requested or ended — not a proposal), while that mentor is
-- still a mentor of the programme. Other mentors, supporters, observers and other programmes do
-- not; the other intake forms stay the author's and the coordinator's only.

-- Whether the caller is (or was) the mentor of a confirmed pair with this mentee in this programme.
create function private.mentors_mentee(p_program uuid, p_mentee uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.pairs p
		where p.program_id = p_program and p.mentee_id = p_mentee
			and p.mentor_id = (select auth.uid())
			and p.status in ('active', 'paused', 'exit_requested', 'ended')
	) and public.my_program_role(p_program) = 'mentor'
$$;
revoke execute on function private.mentors_mentee(uuid, uuid) from public, anon;
grant execute on function private.mentors_mentee(uuid, uuid) to authenticated, service_role;

-- A second permissive select policy: rows either policy allows are visible.
create policy intake_responses_select_mentor on public.intake_responses for select to authenticated
	using (form_key = 'teacher-needs' and private.mentors_mentee(program_id, user_id));

-- ---------------------------------------------------------------------------------------------
-- The teacher sheets (lesson observation, co-preparing a lesson, the ten roles) for pairs made
-- before they existed, as 20261202000100 did for the closing conversation.

insert into public.sheets (id, pair_id, template_key, template_version, doc_name)
select n.id, n.pair_id, n.template_key, 1, 'pair/' || n.pair_id::text || '/sheet/' || n.id::text
from (
	select gen_random_uuid() as id, p.id as pair_id, k.template_key
	from public.pairs p
	cross join (values ('teacher-roles'), ('lesson-preparation'), ('lesson-observation'))
		as k(template_key)
	where not exists (
		select 1 from public.sheets s where s.pair_id = p.id and s.template_key = k.template_key
	)
) n;
