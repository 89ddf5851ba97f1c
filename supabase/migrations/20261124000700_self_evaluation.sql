-- The programme's self-evaluation against the code of practice (VM-PRO Part 2, sections 1–7),
-- answered by its coordinators. Each save is kept, so the report can show how it evolved.

create table public.program_evaluations (
	id uuid primary key default gen_random_uuid(),
	program_id uuid not null references public.programs (id) on delete cascade,
	form_version integer not null,
	answers jsonb not null check (jsonb_typeof(answers) = 'object'),
	submitted_by uuid references auth.users (id) on delete set null,
	submitted_at timestamptz not null default now()
);
create index program_evaluations_program_idx on public.program_evaluations (program_id, submitted_at);

alter table public.program_evaluations enable row level security;

create policy program_evaluations_select on public.program_evaluations for select to authenticated
	using (public.is_program_coordinator(program_id));
create policy program_evaluations_insert on public.program_evaluations for insert to authenticated
	with check (public.is_program_coordinator(program_id) and submitted_by = (select auth.uid()));
