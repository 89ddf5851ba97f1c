-- Learning communities, part 3 (issue #12): reactions on shared reflections, the case owner's
-- closing reflection of an intervision round, and the reflection a member writes after a meeting.
--
-- * A reaction is one of a small fixed set (recognisable, inspiring, support), at most one of each
--   kind per person per reflection. It is readable exactly while its reflection is (stop sharing
--   hides the reactions, as it hides the comments); only people the reflection is shared with
--   react, never its author and never to a private reflection; a reaction is removed by its
--   giver only and never changed.
-- * A reflection may come from an intervision round (the case owner's closing reflection, one per
--   round) or from a group meeting (one per person per meeting). Both start private like every
--   reflection; `share_decided_at` records that the author answered the "share with the group?"
--   step (shared, or chose to keep it private), so the prompt goes away.

create table public.reflection_reactions (
	id uuid primary key default gen_random_uuid(),
	reflection_id uuid not null references public.reflections (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	kind text not null check (kind in ('recognisable', 'inspiring', 'support')),
	created_at timestamptz not null default now(),
	unique (reflection_id, user_id, kind)
);
create index reflection_reactions_user_idx on public.reflection_reactions (user_id);
alter table public.reflection_reactions enable row level security;

alter table public.reflections
	add column intervision_round_id uuid references public.intervision_rounds (id) on delete set null,
	add column group_meeting_id uuid references public.group_meetings (id) on delete set null,
	add column share_decided_at timestamptz;
create unique index reflections_round_idx on public.reflections (intervision_round_id)
	where intervision_round_id is not null;
create unique index reflections_meeting_idx on public.reflections (group_meeting_id, author_id)
	where group_meeting_id is not null;

-- ---------------------------------------------------------------------------------------------
-- Helpers.

-- Whether the caller may react to a reflection: it is shared with them and is not their own.
create function private.reacts_to_reflection(p_reflection uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select private.reflection_reaches_me(p_reflection)
		and exists (
			select 1 from public.reflections r
			where r.id = p_reflection and r.author_id <> (select auth.uid())
		)
$$;

-- Whether a new reflection's source fits: the round is of the same group with the caller as its
-- case owner; the meeting is of the same group.
create function private.reflection_source_ok(p_group uuid, p_round uuid, p_meeting uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
	select (p_round is null or exists (
			select 1 from public.intervision_rounds ir
			where ir.id = p_round and ir.group_id = p_group and ir.case_owner_id = (select auth.uid())
		))
		and (p_meeting is null or exists (
			select 1 from public.group_meetings gm where gm.id = p_meeting and gm.group_id = p_group
		))
$$;

revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Privileges.

revoke all on public.reflection_reactions from anon, authenticated;
grant select, delete on public.reflection_reactions to authenticated;
grant insert (id, reflection_id, user_id, kind) on public.reflection_reactions to authenticated;
grant select, insert, update, delete on public.reflection_reactions to service_role;

grant insert (intervision_round_id, group_meeting_id), update (share_decided_at)
	on public.reflections to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Row policies, one per operation.

create policy reflection_reactions_select on public.reflection_reactions for select to authenticated
	using (private.reads_reflection(reflection_id));
create policy reflection_reactions_insert on public.reflection_reactions for insert to authenticated
	with check (user_id = (select auth.uid()) and private.reacts_to_reflection(reflection_id));
create policy reflection_reactions_delete on public.reflection_reactions for delete to authenticated
	using (user_id = (select auth.uid()));

drop policy reflections_insert on public.reflections;
create policy reflections_insert on public.reflections for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and private.my_group_role(group_id) = 'member'
		and private.reflection_source_ok(group_id, intervision_round_id, group_meeting_id)
	);

-- ---------------------------------------------------------------------------------------------
-- Notifications: reactions on one's reflection. The kinds constraint is re-created with every
-- kind so far (the list of 20261202000600_learning_communities_2.sql) plus this one.

alter table public.notifications drop constraint if exists notifications_kind_check;
alter table public.notifications add constraint notifications_kind_check check (kind in (
	'message', 'comment', 'signature_requested', 'signature_given', 'assignment',
	'meeting_planned', 'meeting_changed', 'logbook_due', 'pair_status',
	'meeting_tomorrow', 'meeting_unheld', 'pair_stalled', 'assignment_due',
	'checkin_due', 'concern_raised', 'concern_status',
	'reflection_comment', 'group_meeting',
	'reflection_reaction'
));
