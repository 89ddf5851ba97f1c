-- Care (issue #13, "Feedback and quality" and "Safeguarding"):
--
-- * `checkins`: the evaluation forms of agreement 01 ("De mentor en mentee zijn het ermee eens dat
--   ze de evaluatieformulieren en alle monitoringdocumenten regelmatig zullen invullen") as short
--   check-ins the job runner sends after the first held meeting, every `checkin_every_days` and
--   at the end. A row belongs to its respondent: only they read it and only they answer it, once.
--   Coordinators see answers only through `care_checkin_summary` (security definer), aggregated
--   and suppressed below the programme's `min_group_size` like every monitoring dataset.
-- * `concerns`: the exception of agreement 02 (when a mentor may break confidentiality and must
--   inform the coordinator). Raised by a pair's mentor or mentee, read by its raiser and the
--   programme's coordinators only (never the other person of the pair, never the supporter); the
--   coordinator sets the status.
-- * `support_meetings`: the quality assurance of 000 ("Kwaliteitsverzekering": a meeting with a
--   mentor who needs support). Written by coordinators, read by coordinators and the supporter
--   assigned to that mentor (`mentor_supporters`); never by the mentor.

alter table public.programs
	add column checkin_every_days integer not null default 60
		check (checkin_every_days between 14 and 365);
grant insert (checkin_every_days), update (checkin_every_days) on public.programs to authenticated;

-- The notification kinds of this migration: a check-in to fill in, a concern raised (to the
-- coordinators, mailed at once whatever their preferences), a concern's status changed.
alter table public.notifications drop constraint notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
	'message', 'comment', 'signature_requested', 'signature_given', 'assignment',
	'meeting_planned', 'meeting_changed', 'logbook_due', 'pair_status',
	'meeting_tomorrow', 'meeting_unheld', 'pair_stalled', 'assignment_due',
	'checkin_due', 'concern_raised', 'concern_status'
));

-- ---------------------------------------------------------------------------------------------
-- Check-ins

create table public.checkins (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	pair_id uuid not null references public.pairs (id) on delete cascade,
	respondent_id uuid not null references auth.users (id) on delete cascade,
	respondent_role text not null check (respondent_role in ('mentor', 'mentee')),
	-- After the first held meeting, every N days (round 1, 2 …), at the end of the pair.
	occasion text not null check (occasion in ('first', 'periodic', 'end')),
	round integer not null default 0 check (round between 0 and 1000),
	-- The pair's phase when the check-in was sent: the "per phase" chart.
	phase text not null check (phase in ('BR', 'SD', 'P', 'WU', 'MO')),
	sent_at timestamptz not null default now(),
	answered_at timestamptz,
	-- 1 (not at all) … 5 (very): satisfaction with the relationship, progress on the goals.
	satisfaction smallint check (satisfaction between 1 and 5),
	progress smallint check (progress between 1 and 5),
	comment text not null default '' check (length(comment) <= 2000),
	-- The scan's idempotency: one check-in per person, occasion and round.
	unique (pair_id, respondent_id, occasion, round),
	check (answered_at is null or (satisfaction is not null and progress is not null))
);
create index checkins_respondent_idx on public.checkins (respondent_id, sent_at desc);
create index checkins_program_answered_idx on public.checkins (program_id) where answered_at is not null;

alter table public.checkins enable row level security;
revoke all on public.checkins from anon, authenticated;
grant select on public.checkins to authenticated;
grant update (satisfaction, progress, comment) on public.checkins to authenticated;

create policy checkins_select on public.checkins for select to authenticated
	using (respondent_id = (select auth.uid()));
-- Answered once, by the respondent; the answer time is the database's.
create policy checkins_update on public.checkins for update to authenticated
	using (respondent_id = (select auth.uid()) and answered_at is null)
	with check (respondent_id = (select auth.uid()));

create function private.checkin_answered() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if old.answered_at is not null then
		new.answered_at := old.answered_at;
	elsif new.satisfaction is not null and new.progress is not null then
		new.answered_at := now();
	end if;
	return new;
end
$$;
create trigger checkins_answered before update on public.checkins
	for each row execute function private.checkin_answered();

-- The check-in answers of a programme for its coordinators: per quarter of the answer date
-- (programme time zone) and per phase of the pair when the check-in was sent; the number of
-- respondents and the mean satisfaction and progress (1–5, one decimal). Cells are counted in
-- distinct respondents and suppressed by the monitoring rules 1–3
-- (`monitoring_suppress_partition`): a suppressed cell has no count and no means. Nobody else
-- gets a row. Comments are never part of it.
create function public.care_checkin_summary(p_program uuid)
returns table (
	breakdown text,
	category text,
	respondents integer,
	satisfaction numeric,
	progress numeric,
	suppressed boolean
)
language sql stable security definer set search_path = ''
as $$
	with frame as (
		select p.min_group_size from public.programs p
		where p.id = p_program and public.is_program_coordinator(p.id)
	),
	answers as (
		select c.respondent_id, c.phase, c.satisfaction, c.progress,
			to_char(c.answered_at at time zone 'Europe/Brussels', 'YYYY-"Q"Q') as quarter
		from public.checkins c, frame
		where c.program_id = p_program and c.answered_at is not null
	),
	categories (breakdown, category, ord) as (
		select 'phase', v.category, v.ord
		from (values ('BR', 1), ('SD', 2), ('P', 3), ('WU', 4), ('MO', 5)) as v (category, ord)
		union all
		select distinct 'period', a.quarter, 0 from answers a
	),
	cells as (
		select c.breakdown, c.category,
			row_number() over (partition by c.breakdown order by c.ord, c.category)::integer as i,
			coalesce(
				jsonb_agg(distinct a.respondent_id) filter (where a.respondent_id is not null),
				'[]'::jsonb
			) as ids,
			count(distinct a.respondent_id)::integer as n,
			avg(a.satisfaction) as sat,
			avg(a.progress) as prog
		from categories c
		left join answers a on case c.breakdown
			when 'phase' then a.phase = c.category
			else a.quarter = c.category
		end
		group by c.breakdown, c.category, c.ord
	),
	hidden as (
		select c.breakdown,
			public.monitoring_suppress_partition(
				jsonb_agg(c.ids order by c.i), (select f.min_group_size from frame f)
			) as h
		from cells c
		group by c.breakdown
	)
	select c.breakdown, c.category,
		case when h.h[c.i] then null else c.n end,
		case when h.h[c.i] then null else round(c.sat, 1) end,
		case when h.h[c.i] then null else round(c.prog, 1) end,
		h.h[c.i]
	from cells c join hidden h on h.breakdown = c.breakdown
	where exists (select 1 from frame)
	order by c.breakdown, c.i
$$;
revoke execute on function public.care_checkin_summary(uuid) from public, anon;
grant execute on function public.care_checkin_summary(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Concerns

create table public.concerns (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	pair_id uuid not null references public.pairs (id) on delete cascade,
	raised_by uuid not null references auth.users (id) on delete cascade,
	raiser_role text not null check (raiser_role in ('mentor', 'mentee')),
	-- What the raiser writes; sheet content only when they paste it in themselves.
	reason text not null check (length(reason) between 1 and 4000),
	urgency text not null check (urgency in ('when_possible', 'soon', 'urgent')),
	status text not null default 'open' check (status in ('open', 'in_progress', 'closed')),
	created_at timestamptz not null default now(),
	status_changed_at timestamptz,
	status_changed_by uuid references auth.users (id) on delete set null
);
create index concerns_program_idx on public.concerns (program_id, created_at desc);
create index concerns_raiser_idx on public.concerns (raised_by, created_at desc);

alter table public.concerns enable row level security;
revoke all on public.concerns from anon, authenticated;
grant select on public.concerns to authenticated;
grant insert (program_id, pair_id, raised_by, raiser_role, reason, urgency),
	update (status)
	on public.concerns to authenticated;

create policy concerns_select on public.concerns for select to authenticated
	using (raised_by = (select auth.uid()) or public.is_program_coordinator(program_id));
-- As oneself, from a running pair one is in (in that role), in the pair's own programme.
create policy concerns_insert on public.concerns for insert to authenticated
	with check (
		raised_by = (select auth.uid())
		and private.my_running_pair_role(pair_id) = raiser_role
		and program_id = private.pair_program(pair_id)
		and status = 'open'
	);
create policy concerns_update on public.concerns for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));

-- Who changed the status, and when: the database's clock and the caller, never the client's word.
create function private.concern_status_changed() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.status is distinct from old.status then
		new.status_changed_at := now();
		new.status_changed_by := (select auth.uid());
	end if;
	return new;
end
$$;
create trigger concerns_status_changed before update on public.concerns
	for each row execute function private.concern_status_changed();

-- ---------------------------------------------------------------------------------------------
-- Support meetings

create table public.support_meetings (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	mentor_id uuid not null references auth.users (id) on delete cascade,
	met_on date not null check (met_on between '2000-01-01' and '2100-12-31'),
	note text not null default '' check (length(note) <= 4000),
	follow_up text not null default '' check (length(follow_up) <= 2000),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index support_meetings_mentor_idx on public.support_meetings (program_id, mentor_id, met_on desc);

-- Whether the caller is the supporter assigned to a mentor in a programme (and still its supporter).
create function private.supports_mentor(p_program uuid, p_mentor uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.mentor_supporters s
		where s.program_id = p_program and s.mentor_id = p_mentor
			and s.supporter_id = (select auth.uid())
			and public.my_program_role(p_program) = 'supporter'
	)
$$;
revoke execute on function private.supports_mentor(uuid, uuid) from public, anon;
grant execute on function private.supports_mentor(uuid, uuid) to authenticated, service_role;

alter table public.support_meetings enable row level security;
revoke all on public.support_meetings from anon, authenticated;
grant select on public.support_meetings to authenticated;
grant insert (program_id, mentor_id, met_on, note, follow_up, created_by),
	update (met_on, note, follow_up, updated_at), delete
	on public.support_meetings to authenticated;

create policy support_meetings_select on public.support_meetings for select to authenticated
	using (
		public.is_program_coordinator(program_id)
		or private.supports_mentor(program_id, mentor_id)
	);
create policy support_meetings_insert on public.support_meetings for insert to authenticated
	with check (
		public.is_program_coordinator(program_id)
		and private.member_role(program_id, mentor_id) = 'mentor'
		and created_by = (select auth.uid())
	);
create policy support_meetings_update on public.support_meetings for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));
create policy support_meetings_delete on public.support_meetings for delete to authenticated
	using (public.is_program_coordinator(program_id));
