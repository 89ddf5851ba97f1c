-- Coordination: intake answers, matching-day preferences, matching settings, supporters per
-- mentor, and exit requests. People see what they submitted; coordinators see what is submitted
-- to them; an exit request's reason is read by the coordinator and the mentor's supporter only,
-- never by the other person of the pair.

-- One row per submitted form (mentee intake, mentor self-assessment, teacher needs — repeatable,
-- matching-day forms). `answers` holds the form's plain content keyed by field.
create table public.intake_responses (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	form_key text not null
		check (form_key in ('mentee-intake', 'mentor-self-assessment', 'teacher-needs', 'match-mentee', 'match-mentor')),
	form_version integer not null,
	answers jsonb not null check (jsonb_typeof(answers) = 'object'),
	submitted_at timestamptz not null default now()
);
create index intake_responses_program_idx on public.intake_responses (program_id, form_key, submitted_at);

-- Matching-day choices in a form the engine reads: a mentee rates mentors met and ranks up to
-- three favourites (with a preferred meeting place); a mentor ranks up to three mentees.
create table public.match_preferences (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	chooser_id uuid not null references auth.users (id) on delete cascade,
	chosen_id uuid not null references auth.users (id) on delete cascade,
	rating text check (rating in ('like', 'neutral', 'dislike')),
	rank integer check (rank between 1 and 3),
	place text not null default '' check (length(place) <= 200),
	created_at timestamptz not null default now(),
	check (chooser_id <> chosen_id),
	unique (program_id, chooser_id, chosen_id)
);

-- The coordinator's matching set-up per programme: weights, objective, exclusions, locks.
create table public.matching_settings (
	program_id uuid primary key references public.programs (id) on delete cascade,
	weights jsonb not null default '{}'::jsonb,
	objective text not null default 'most_matched' check (objective in ('best_total', 'most_matched')),
	exclusions jsonb not null default '[]'::jsonb,
	locked jsonb not null default '[]'::jsonb,
	updated_at timestamptz not null default now()
);

-- A supporter assigned to a mentor, per programme (the pairs of that mentor carry it too).
create table public.mentor_supporters (
	program_id uuid not null references public.programs (id) on delete cascade,
	mentor_id uuid not null references auth.users (id) on delete cascade,
	supporter_id uuid not null references auth.users (id) on delete cascade,
	assigned_at timestamptz not null default now(),
	primary key (program_id, mentor_id)
);

create table public.exit_requests (
	id uuid primary key default gen_random_uuid(),
	pair_id uuid not null references public.pairs (id) on delete cascade,
	requested_by uuid not null references auth.users (id) on delete cascade,
	requester_role text not null check (requester_role in ('mentor', 'mentee')),
	reason text not null check (length(reason) between 1 and 4000),
	status text not null default 'open' check (status in ('open', 'handled')),
	-- What the coordinator decided: the pair paused or ended, or kept.
	outcome text check (outcome in ('paused', 'ended', 'kept')),
	-- Whether the mentee agreed to move shared worksheets to a new pair.
	mentee_consents_transfer boolean,
	created_at timestamptz not null default now(),
	handled_at timestamptz,
	handled_by uuid references auth.users (id) on delete set null
);
create index exit_requests_pair_idx on public.exit_requests (pair_id, created_at);

alter table public.intake_responses enable row level security;
alter table public.match_preferences enable row level security;
alter table public.matching_settings enable row level security;
alter table public.mentor_supporters enable row level security;
alter table public.exit_requests enable row level security;

create policy intake_responses_select on public.intake_responses for select to authenticated
	using (user_id = (select auth.uid()) or public.is_program_coordinator(program_id));
create policy intake_responses_insert on public.intake_responses for insert to authenticated
	with check (user_id = (select auth.uid()) and public.is_program_member(program_id));

create policy match_preferences_select on public.match_preferences for select to authenticated
	using (chooser_id = (select auth.uid()) or public.is_program_coordinator(program_id));
create policy match_preferences_write on public.match_preferences for all to authenticated
	using (chooser_id = (select auth.uid()) and public.is_program_member(program_id))
	with check (chooser_id = (select auth.uid()) and public.is_program_member(program_id));

create policy matching_settings_all on public.matching_settings for all to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));

create policy mentor_supporters_select on public.mentor_supporters for select to authenticated
	using (
		public.is_program_coordinator(program_id)
		or mentor_id = (select auth.uid()) or supporter_id = (select auth.uid())
	);
create policy mentor_supporters_write on public.mentor_supporters for all to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));

-- Exit requests: the requester, the programme's coordinators and the pair's supporter; never
-- the other person of the pair.
create policy exit_requests_select on public.exit_requests for select to authenticated
	using (
		requested_by = (select auth.uid()) or public.coordinates_pair(pair_id)
		or public.supports_pair(pair_id)
	);
create policy exit_requests_insert on public.exit_requests for insert to authenticated
	with check (
		requested_by = (select auth.uid()) and public.my_pair_role(pair_id) = requester_role
		and status = 'open' and outcome is null
	);
create policy exit_requests_update on public.exit_requests for update to authenticated
	using (public.coordinates_pair(pair_id))
	with check (public.coordinates_pair(pair_id));
