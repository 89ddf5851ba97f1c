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
