-- Instrument sets (issue #14): every programme kind starts from its own default set of pair
-- sheets (src/lib/domain/templates/instrument-sets.ts); a programme's coordinators may switch any
-- instrument on or off and reorder instruments within a phase. This table holds only those
-- choices (the overrides); without a row an instrument follows its kind's default.
--
-- Every member of the programme reads the rows (a pair's page needs the list); only the
-- programme's coordinators write them, and never move a row to another programme or instrument
-- (the identity columns are not updatable). `anon` has nothing.

create table public.program_instruments (
	program_id uuid not null references public.programs (id) on delete cascade,
	-- A pair sheet's template key (01-agreement, PS1, S1 …); the app ignores unknown keys.
	template_key text not null check (template_key ~ '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$' and length(template_key) <= 60),
	enabled boolean not null,
	-- Order within the instrument's phase, lower first.
	position integer not null check (position between 0 and 10000),
	updated_at timestamptz not null default now(),
	primary key (program_id, template_key)
);

alter table public.program_instruments enable row level security;
revoke all on public.program_instruments from anon, authenticated;
grant select on public.program_instruments to authenticated;
grant insert (program_id, template_key, enabled, position),
	update (enabled, position, updated_at), delete
	on public.program_instruments to authenticated;

create policy program_instruments_select on public.program_instruments for select to authenticated
	using (public.is_program_member(program_id));
create policy program_instruments_insert on public.program_instruments for insert to authenticated
	with check (public.is_program_coordinator(program_id));
create policy program_instruments_update on public.program_instruments for update to authenticated
	using (public.is_program_coordinator(program_id))
	with check (public.is_program_coordinator(program_id));
create policy program_instruments_delete on public.program_instruments for delete to authenticated
	using (public.is_program_coordinator(program_id));
