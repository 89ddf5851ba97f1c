-- Learning communities (issue #12): the rotating host school of a group meeting ("online en/of op
-- locatie, bij toerbeurt in een van de scholen").
--
-- * A face-to-face meeting may name its host school; an online meeting has none (a check
--   constraint, so a row that turns online must clear it). `place` stays the free text for the room.
-- * The host must be a school that has members in the meeting's group. A trigger checks it on
--   every insert and on every update of the host or the group, for any role (the app, a member
--   writing directly as `authenticated`, the demo seed as service role).
-- * Who may set the host is whoever plans the group's meetings today: the existing insert and
--   update policies of `group_meetings` already decide that; this file only grants the column.
-- * A change of host raises the calendar SEQUENCE like a change of place.

alter table public.group_meetings
	add column host_school_id uuid references public.schools (id) on delete set null;
alter table public.group_meetings
	add constraint group_meetings_online_no_host check (mode = 'face_to_face' or host_school_id is null);
create index group_meetings_host_idx on public.group_meetings (group_id, host_school_id, starts_at);

-- Whether a school has members in a group (security definer: the caller may not see every row
-- of group_members, and the answer must not depend on who asks).
create function private.school_in_group(p_group uuid, p_school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from public.group_members gm
		where gm.group_id = p_group and gm.school_id = p_school and gm.role = 'member'
	)
$$;

create function private.check_group_meeting_host() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.host_school_id is not null
		and not private.school_in_group(new.group_id, new.host_school_id) then
		raise exception 'host school % has no members in group %', new.host_school_id, new.group_id
			using errcode = '23514';
	end if;
	return new;
end
$$;
create trigger group_meetings_host before insert or update of host_school_id, group_id
	on public.group_meetings
	for each row execute function private.check_group_meeting_host();

create or replace function private.bump_group_meeting_sequence() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if (new.starts_at, new.duration_minutes, new.place, new.mode, new.call_link, new.host_school_id)
		is distinct from
		(old.starts_at, old.duration_minutes, old.place, old.mode, old.call_link, old.host_school_id) then
		new.sequence := greatest(old.sequence, new.sequence) + 1;
	end if;
	return new;
end
$$;

revoke execute on function private.school_in_group(uuid, uuid) from public, anon;
grant execute on function private.school_in_group(uuid, uuid) to authenticated, service_role;
revoke execute on function private.check_group_meeting_host() from public, anon;
revoke execute on function private.bump_group_meeting_sequence() from public, anon;

grant insert (host_school_id), update (host_school_id) on public.group_meetings to authenticated;
