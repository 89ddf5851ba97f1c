-- A mentor and mentee keep seeing each other's name and e-mail address after their pair ends:
-- the read-only workspace stays theirs (its sheets carry both names anyway), and without it the
-- pair page read "Je mentor: — ()". A pair that is only proposed still reveals nobody.
create or replace function public.is_pair_partner(p_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.pairs p
		where p.status <> 'proposed'
			and ((p.mentor_id = (select auth.uid()) and p.mentee_id = p_user)
				or (p.mentee_id = (select auth.uid()) and p.mentor_id = p_user))
	)
$$;
