-- The path (issue #13): a pair moves through its phases (BR → SD → P → WU → MO) by a proposal of
-- one person that the other confirms, or because the coordinator sets it; every change of phase
-- and status is recorded with its date. The mentor pauses and resumes, a pair member ends a pair
-- in its last phase once the closing conversation is under way, and the pair's status is
-- "exit_requested" while an exit request is open.
--
-- Nobody writes the history or the proposals directly: the history is written by a trigger on
-- `pairs` (whoever changed the row, through whichever path), the proposals only by the
-- security-definer functions below, which check the caller's place in the pair themselves.

create table public.pair_path_history (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	kind text not null check (kind in ('phase', 'status')),
	from_value text check (from_value in ('BR', 'SD', 'P', 'WU', 'MO', 'proposed', 'active', 'paused',
		'exit_requested', 'ended')),
	to_value text not null check (to_value in ('BR', 'SD', 'P', 'WU', 'MO', 'proposed', 'active',
		'paused', 'exit_requested', 'ended')),
	-- Who changed it (null: the system, or an exit request, whose author the pair is not told).
	changed_by uuid references auth.users (id) on delete set null,
	-- The confirmed proposal that moved the phase, if any.
	proposal_id uuid,
	changed_at timestamptz not null default now()
);
create index pair_path_history_pair_idx on public.pair_path_history (pair_id, kind, changed_at);

create table public.phase_proposals (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	from_phase text not null check (from_phase in ('BR', 'SD', 'P', 'WU', 'MO')),
	to_phase text not null check (to_phase in ('BR', 'SD', 'P', 'WU', 'MO')),
	proposed_by uuid not null references auth.users (id) on delete cascade,
	proposer_role text not null check (proposer_role in ('mentor', 'mentee')),
	status text not null default 'open'
		check (status in ('open', 'confirmed', 'declined', 'withdrawn', 'superseded')),
	created_at timestamptz not null default now(),
	answered_at timestamptz,
	answered_by uuid references auth.users (id) on delete set null,
	check (from_phase <> to_phase)
);
create unique index phase_proposals_one_open on public.phase_proposals (pair_id) where status = 'open';
create index phase_proposals_pair_idx on public.phase_proposals (pair_id, created_at);

alter table public.pair_path_history enable row level security;
alter table public.phase_proposals enable row level security;

-- Read by the pair's mentor and mentee and by the programme's coordinators; written by no one.
create policy pair_path_history_select on public.pair_path_history for select to authenticated
	using (public.my_pair_role(pair_id) is not null or public.coordinates_pair(pair_id));
create policy phase_proposals_select on public.phase_proposals for select to authenticated
	using (public.my_pair_role(pair_id) is not null or public.coordinates_pair(pair_id));

revoke all on public.pair_path_history from anon, authenticated;
revoke all on public.phase_proposals from anon, authenticated;
grant select on public.pair_path_history to authenticated;
grant select on public.phase_proposals to authenticated;
grant select, insert, update, delete on public.pair_path_history to service_role;
grant select, insert, update, delete on public.phase_proposals to service_role;

-- ---------------------------------------------------------------------------------------------
-- History: every change of a pair's phase or status, written by the database itself.

create function private.record_pair_path() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
	v_proposal uuid := nullif(current_setting('mentorpad.path_proposal', true), '')::uuid;
	v_actor uuid := (select auth.uid());
begin
	if tg_op = 'INSERT' then
		insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_by, changed_at)
		values (new.id, 'phase', null, new.phase, v_actor, new.created_at),
			(new.id, 'status', null, new.status, v_actor, new.created_at);
		return new;
	end if;
	if new.phase is distinct from old.phase then
		insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_by, proposal_id)
		values (new.id, 'phase', old.phase, new.phase, v_actor, v_proposal);
		-- A proposal made for the old phase no longer applies.
		update public.phase_proposals set status = 'superseded', answered_at = now()
		where pair_id = new.id and status = 'open' and id is distinct from v_proposal;
	end if;
	if new.status is distinct from old.status then
		insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_by)
		values (new.id, 'status', old.status, new.status,
			case when new.status = 'exit_requested' then null else v_actor end);
		if new.status = 'ended' then
			update public.phase_proposals set status = 'superseded', answered_at = now()
			where pair_id = new.id and status = 'open';
		end if;
	end if;
	return new;
end
$$;

create trigger pairs_record_path_insert after insert on public.pairs
	for each row execute function private.record_pair_path();
create trigger pairs_record_path_update after update of phase, status on public.pairs
	for each row execute function private.record_pair_path();

-- Pairs made before this migration start their history at their creation, in their current phase.
insert into public.pair_path_history (pair_id, kind, from_value, to_value, changed_at)
select p.id, k.kind, null, case k.kind when 'phase' then p.phase else p.status end, p.created_at
from public.pairs p
cross join (values ('phase'), ('status')) as k(kind);

-- ---------------------------------------------------------------------------------------------
-- "exit_requested" while a request is open; "kept" brings the status back to what it was.

create function private.exit_request_status() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
	v_before text;
begin
	if tg_op = 'INSERT' then
		update public.pairs set status = 'exit_requested', updated_at = now()
		where id = new.pair_id and status in ('active', 'paused');
		return new;
	end if;
	if old.status = 'open' and new.status = 'handled' and new.outcome = 'kept'
		and not exists (
			select 1 from public.exit_requests e
			where e.pair_id = new.pair_id and e.status = 'open' and e.id <> new.id
		)
	then
		select h.from_value into v_before from public.pair_path_history h
		where h.pair_id = new.pair_id and h.kind = 'status' and h.to_value = 'exit_requested'
		order by h.changed_at desc limit 1;
		update public.pairs set status = coalesce(v_before, 'active'), updated_at = now()
		where id = new.pair_id and status = 'exit_requested';
	end if;
	return new;
end
$$;

create trigger exit_requests_status_insert after insert on public.exit_requests
	for each row execute function private.exit_request_status();
create trigger exit_requests_status_update after update of status on public.exit_requests
	for each row execute function private.exit_request_status();

-- Requests that are open today already make their pair "exit_requested".
update public.pairs p set status = 'exit_requested', updated_at = now()
where p.status in ('active', 'paused')
	and exists (select 1 from public.exit_requests e where e.pair_id = p.id and e.status = 'open');

-- ---------------------------------------------------------------------------------------------
-- Commands of the pair. Each checks who calls it; errors carry a key the server translates.

create function private.path_next_phase(p_phase text) returns text
language sql immutable set search_path = ''
as $$
	select case p_phase when 'BR' then 'SD' when 'SD' then 'P' when 'P' then 'WU' when 'WU' then 'MO' end
$$;

-- One person of an active pair proposes the next phase; the other confirms or declines.
create function public.propose_phase(p_pair uuid, p_phase text) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
	v_pair public.pairs;
	v_role text := private.my_writable_pair_role(p_pair);
	v_id uuid;
begin
	select * into v_pair from public.pairs where id = p_pair for update;
	if v_pair.id is null or v_role is null then
		raise exception 'path_not_allowed' using errcode = '42501';
	end if;
	if v_pair.status <> 'active' then
		raise exception 'path_not_active' using errcode = 'P0001';
	end if;
	if p_phase is distinct from private.path_next_phase(v_pair.phase) then
		raise exception 'path_not_next' using errcode = 'P0001';
	end if;
	if exists (select 1 from public.phase_proposals where pair_id = p_pair and status = 'open') then
		raise exception 'path_already_proposed' using errcode = 'P0001';
	end if;
	insert into public.phase_proposals (pair_id, from_phase, to_phase, proposed_by, proposer_role)
	values (p_pair, v_pair.phase, p_phase, (select auth.uid()), v_role)
	returning id into v_id;
	return v_id;
end
$$;

-- The other person answers an open proposal: confirmed moves the pair, declined leaves it.
create function public.answer_phase_proposal(p_proposal uuid, p_confirm boolean) returns text
language plpgsql security definer set search_path = ''
as $$
declare
	v_proposal public.phase_proposals;
	v_pair public.pairs;
	v_role text;
begin
	select * into v_proposal from public.phase_proposals where id = p_proposal for update;
	if v_proposal.id is null then
		raise exception 'path_not_allowed' using errcode = '42501';
	end if;
	v_role := private.my_writable_pair_role(v_proposal.pair_id);
	if v_role is null or v_role = v_proposal.proposer_role then
		raise exception 'path_not_allowed' using errcode = '42501';
	end if;
	if v_proposal.status <> 'open' then
		raise exception 'path_not_open' using errcode = 'P0001';
	end if;
	select * into v_pair from public.pairs where id = v_proposal.pair_id for update;
	if v_pair.status <> 'active' then
		raise exception 'path_not_active' using errcode = 'P0001';
	end if;
	update public.phase_proposals
	set status = case when p_confirm then 'confirmed' else 'declined' end,
		answered_at = now(), answered_by = (select auth.uid())
	where id = p_proposal;
	if p_confirm then
		perform set_config('mentorpad.path_proposal', p_proposal::text, true);
		update public.pairs set phase = v_proposal.to_phase, updated_at = now() where id = v_pair.id;
		perform set_config('mentorpad.path_proposal', '', true);
	end if;
	return v_proposal.to_phase;
end
$$;

-- The proposer takes an open proposal back.
create function public.withdraw_phase_proposal(p_proposal uuid) returns void
language plpgsql security definer set search_path = ''
as $$
begin
	update public.phase_proposals set status = 'withdrawn', answered_at = now(),
		answered_by = (select auth.uid())
	where id = p_proposal and status = 'open' and proposed_by = (select auth.uid());
	if not found then
		raise exception 'path_not_open' using errcode = 'P0001';
	end if;
end
$$;

-- The pair changes its own status: the mentor pauses an active pair and resumes a pair they
-- paused themselves (a pause by the coordinator is theirs to lift); the mentor or the mentee ends
-- the pair in its last phase once the closing conversation has content.
create function public.set_pair_status_as_member(p_pair uuid, p_status text) returns text
language plpgsql security definer set search_path = ''
as $$
declare
	v_pair public.pairs;
	v_role text := private.my_running_pair_role(p_pair);
	v_paused_by uuid;
begin
	select * into v_pair from public.pairs where id = p_pair for update;
	if v_pair.id is null or v_role is null
		or public.my_program_role(v_pair.program_id) is distinct from v_role then
		raise exception 'path_not_allowed' using errcode = '42501';
	end if;
	if p_status = 'paused' then
		if v_role <> 'mentor' then raise exception 'path_not_allowed' using errcode = '42501'; end if;
		if v_pair.status <> 'active' then raise exception 'path_not_active' using errcode = 'P0001'; end if;
	elsif p_status = 'active' then
		if v_role <> 'mentor' then raise exception 'path_not_allowed' using errcode = '42501'; end if;
		if v_pair.status <> 'paused' then raise exception 'path_not_paused' using errcode = 'P0001'; end if;
		select h.changed_by into v_paused_by from public.pair_path_history h
		where h.pair_id = p_pair and h.kind = 'status' and h.to_value = 'paused'
		order by h.changed_at desc limit 1;
		if v_paused_by is distinct from (select auth.uid()) then
			raise exception 'path_paused_by_coordinator' using errcode = 'P0001';
		end if;
	elsif p_status = 'ended' then
		if v_pair.status <> 'active' then raise exception 'path_not_active' using errcode = 'P0001'; end if;
		if v_pair.phase <> 'MO' then raise exception 'path_not_moving_on' using errcode = 'P0001'; end if;
		if not exists (
			select 1 from public.sheet_progress sp
			where sp.pair_id = p_pair and sp.template_key = 'MO-closing' and sp.filled > 0
		) then
			raise exception 'path_closing_first' using errcode = 'P0001';
		end if;
	else
		raise exception 'path_not_allowed' using errcode = '42501';
	end if;
	update public.pairs set status = p_status, updated_at = now(),
		ended_at = case when p_status = 'ended' then now() else ended_at end
	where id = p_pair;
	return v_pair.program_id::text;
end
$$;

revoke execute on function public.propose_phase(uuid, text),
	public.answer_phase_proposal(uuid, boolean), public.withdraw_phase_proposal(uuid),
	public.set_pair_status_as_member(uuid, text) from public, anon;
grant execute on function public.propose_phase(uuid, text),
	public.answer_phase_proposal(uuid, boolean), public.withdraw_phase_proposal(uuid),
	public.set_pair_status_as_member(uuid, text) to authenticated, service_role;
revoke execute on function private.record_pair_path(), private.exit_request_status(),
	private.path_next_phase(text) from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- The closing conversation (template `MO-closing`) for pairs made before it existed.

insert into public.sheets (id, pair_id, template_key, template_version, doc_name)
select n.id, n.pair_id, 'MO-closing', 1, 'pair/' || n.pair_id::text || '/sheet/' || n.id::text
from (
	select gen_random_uuid() as id, p.id as pair_id from public.pairs p
	where not exists (
		select 1 from public.sheets s where s.pair_id = p.id and s.template_key = 'MO-closing'
	)
) n;

-- ---------------------------------------------------------------------------------------------
-- Monitoring: days spent per phase (median over the pairs that spent time in it). A phase with
-- fewer pairs than the programme's minimum group size is suppressed; days are not counts, so a
-- suppressed cell cannot be derived from the others.

create function public.monitoring_phase_days(p_program uuid)
returns table (phase text, pairs integer, median_days numeric, suppressed boolean)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select f.min_group_size from public.monitoring_frame(p_program, current_date) f
	),
	steps as (
		select h.pair_id, h.to_value as phase, h.changed_at,
			coalesce(
				lead(h.changed_at) over (partition by h.pair_id order by h.changed_at, h.id),
				p.ended_at, now()
			) as left_at
		from public.pair_path_history h
		join public.pairs p on p.id = h.pair_id
		where p.program_id = p_program and h.kind = 'phase'
	),
	per_pair as (
		select s.pair_id, s.phase,
			sum(extract(epoch from (s.left_at - s.changed_at)) / 86400.0) as days
		from steps s
		where s.left_at >= s.changed_at
		group by s.pair_id, s.phase
	),
	phases (phase, ord) as (values ('BR', 1), ('SD', 2), ('P', 3), ('WU', 4), ('MO', 5))
	select ph.phase,
		case when count(pp.pair_id) >= f.min_group_size then count(pp.pair_id)::integer end,
		case when count(pp.pair_id) >= f.min_group_size
			then round((percentile_cont(0.5) within group (order by pp.days))::numeric, 1) end,
		count(pp.pair_id) < f.min_group_size
	from frame f
	cross join phases ph
	left join per_pair pp on pp.phase = ph.phase
	group by ph.phase, ph.ord, f.min_group_size
	order by ph.ord
$$;

revoke execute on function public.monitoring_phase_days(uuid) from public, anon;
grant execute on function public.monitoring_phase_days(uuid) to authenticated, service_role;
