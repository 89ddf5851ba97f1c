-- The supporter assigned to a mentor (`mentor_supporters`) is the one source of truth; a pair
-- carries a copy. Pairs made before this rule could name a supporter that no assignment held, so
-- the supporters page showed "none" for their mentor and saving it would have removed the
-- supporter. Record those assignments (the most recent pair's supporter wins).
insert into public.mentor_supporters (program_id, mentor_id, supporter_id)
select distinct on (p.program_id, p.mentor_id) p.program_id, p.mentor_id, p.supporter_id
from public.pairs p
join public.memberships m on m.program_id = p.program_id and m.user_id = p.supporter_id
	and m.role = 'supporter' and m.status = 'active'
where p.supporter_id is not null and p.status <> 'ended'
order by p.program_id, p.mentor_id, p.created_at desc
on conflict (program_id, mentor_id) do nothing;
