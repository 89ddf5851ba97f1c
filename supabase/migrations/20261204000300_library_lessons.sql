-- Issue #14 leftovers: the library's collections get an order of their own, and a pair keeps
-- several lesson observations (one per observed lesson).
--
-- Collections: `position` orders them on the collections page (the coordinator moves them up and
-- down); the existing ones keep today's order (kind, then title).
alter table public.resource_collections
	add column position integer not null default 0 check (position between 0 and 10000);

update public.resource_collections c set position = o.n
from (
	select id, (row_number() over (
		partition by coalesce(program_id, organisation_id) order by kind, title, id
	) - 1)::integer as n
	from public.resource_collections
) o
where o.id = c.id;

create index resource_collections_position_idx
	on public.resource_collections (coalesce(program_id, organisation_id), position);

-- Written by those who manage the collection (the existing policies): a new column needs its own
-- column grant, the same shape as 20261130000100_write_rules.sql.
grant insert (position), update (position) on public.resource_collections to authenticated;

-- Lessons (003…: "lesobservatie in de klas", "het gezamenlijk voorbereiden van lessen"): a pair
-- observes, and prepares, more than one lesson. The sheet row of `lesson-observation` (and of
-- `lesson-preparation`) stays the pair's first lesson, its document untouched, so every existing
-- observation keeps working as lesson 1 with nothing to move. Each further lesson is a row here
-- with a live document of its own, named like a sheet's (`pair/<pair>/sheet/<lesson id>`), so the
-- collaboration server, the erasure's document scan and the retention purge find it the same way.
-- Its title is the lesson: date, class and subject.
create table public.sheet_lessons (
	id uuid primary key default gen_random_uuid(),
	sheet_id uuid not null references public.sheets (id) on delete cascade,
	pair_id uuid not null references public.pairs (id) on delete cascade,
	number integer not null check (number between 2 and 500),
	lesson_date date,
	class_name text not null default '' check (
		char_length(class_name) <= 100 and class_name !~ '[[:cntrl:]]'
	),
	subject text not null default '' check (char_length(subject) <= 100 and subject !~ '[[:cntrl:]]'),
	doc_name text not null unique,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	unique (sheet_id, number),
	check (doc_name = 'pair/' || pair_id::text || '/sheet/' || id::text)
);
create index sheet_lessons_pair_idx on public.sheet_lessons (pair_id);

alter table public.sheet_lessons enable row level security;

-- Whether a sheet is a lesson sheet of the pair: a lesson hangs on one (a forged row cannot borrow
-- another pair's sheet or turn the agreement into a series).
create function private.is_lesson_sheet(p_sheet uuid, p_pair uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.sheets s
		where s.id = p_sheet and s.pair_id = p_pair
			and s.template_key in ('lesson-observation', 'lesson-preparation')
	)
$$;
revoke execute on function private.is_lesson_sheet(uuid, uuid) from public, anon;
grant execute on function private.is_lesson_sheet(uuid, uuid) to authenticated, service_role;

revoke all on public.sheet_lessons from anon;
revoke all on public.sheet_lessons from authenticated;
grant select,
	insert (id, sheet_id, pair_id, number, lesson_date, class_name, subject, doc_name, created_by),
	update (lesson_date, class_name, subject)
	on public.sheet_lessons to authenticated;
grant all on public.sheet_lessons to service_role;

-- Read like the pair's sheets; added and retitled by the mentor and mentee of a pair that runs, in
-- their own name; never deleted by a person (the pair's work stays, as with its sheets).
create policy sheet_lessons_select on public.sheet_lessons for select to authenticated
	using (public.my_pair_role(pair_id) is not null);
create policy sheet_lessons_insert on public.sheet_lessons for insert to authenticated
	with check (
		created_by = (select auth.uid()) and private.my_writable_pair_role(pair_id) is not null
		and private.is_lesson_sheet(sheet_id, pair_id)
	);
create policy sheet_lessons_update on public.sheet_lessons for update to authenticated
	using (private.my_writable_pair_role(pair_id) is not null)
	with check (private.my_writable_pair_role(pair_id) is not null);
