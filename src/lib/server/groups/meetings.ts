/**
 * The group's meetings (seed 004: online and/or on location, e.g. in turn at one of the schools):
 * planned by the process coach and, once the group steers itself, by its members; each with an
 * .ics invitation (the same UID and SEQUENCE rules as pair meetings) and a notification to the
 * group.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hostRotation, type HostSchool, type HostTurn } from '$lib/domain/groups/host-rotation';
import { isoDate, plainText } from '$lib/domain/input';
import { meetingInvitation } from '$lib/server/calendar/ics';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import type { LiveHub } from '$lib/server/live/hub';
import { displayName, notify } from '$lib/server/notifications/notify';
import { callLink, MEETING_TIME_ZONE } from '$lib/server/pairs/meetings';
import { DomainError } from '$lib/server/errors';
import { publishToGroup } from './live';
import type { CommandContext } from '$lib/server/context';

/** A meeting as typed in the form: a date and time in Brussels time, an https call link. */
export const groupMeetingInput = z
	.object({
		date: isoDate(),
		time: z.string('required').regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'date'),
		durationMinutes: z.coerce.number('whole').int('whole').min(15, 'range').max(480, 'range'),
		mode: z.enum(['face_to_face', 'online'], 'required'),
		place: plainText().trim().max(200, 'too_long').default(''),
		callLink: z.union([z.literal(''), callLink()]).default(''),
		/** The host school of a meeting on location ('' for none; ignored for online meetings). */
		hostSchoolId: z.union([z.literal(''), z.uuid('required')]).default('')
	})
	.refine((v) => v.date >= '2000-01-01' && v.date <= '2100-12-30', {
		message: 'range',
		path: ['date']
	});
export type GroupMeetingInput = z.infer<typeof groupMeetingInput>;

export interface GroupMeeting {
	id: string;
	startsAt: string;
	durationMinutes: number;
	mode: 'face_to_face' | 'online';
	place: string;
	callLink: string | null;
	/** The school that hosts a meeting on location (null online or when none was chosen). */
	hostSchoolId: string | null;
	hostSchoolName: string | null;
	heldAt: string | null;
	sequence: number;
	updatedAt: string;
}

const COLUMNS = `id, to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt",
	duration_minutes as "durationMinutes", mode, place, call_link as "callLink",
	host_school_id as "hostSchoolId",
	(select s.name from public.schools s where s.id = host_school_id) as "hostSchoolName",
	to_char(held_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "heldAt", sequence,
	to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"`;

export async function listGroupMeetings(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<{
	meetings: GroupMeeting[];
	canPlan: boolean;
	schools: HostSchool[];
	rotation: HostTurn[];
}> {
	return db.asUser(claims, async (tx) => {
		const meetings = await tx.query<GroupMeeting>(
			`select ${COLUMNS} from public.group_meetings where group_id = $1 order by starts_at`,
			[groupId]
		);
		const plans = await tx.query<{ ok: boolean }>('select private.plans_group_meetings($1) as ok', [
			groupId
		]);
		const schools = await groupSchools(tx, groupId);
		return {
			meetings,
			canPlan: plans[0]?.ok === true,
			schools,
			rotation: hostRotation(schools, meetings)
		};
	});
}

/** The schools that have members in the group, by name: the possible hosts. */
async function groupSchools(tx: Tx, groupId: string): Promise<HostSchool[]> {
	const rows = await tx.query<HostSchool>(
		`select distinct s.id, s.name from public.group_members gm
		 join public.schools s on s.id = gm.school_id
		 where gm.group_id = $1 and gm.role = 'member'`,
		[groupId]
	);
	return rows.sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
}

/** The host rotation of a group: its schools in the order of the turn (the first is next). */
export async function groupHostRotation(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<HostTurn[]> {
	return db.asUser(claims, async (tx) => {
		const meetings = await tx.query<{ hostSchoolId: string | null; startsAt: string }>(
			`select host_school_id as "hostSchoolId",
				to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt"
			 from public.group_meetings where group_id = $1 and host_school_id is not null`,
			[groupId]
		);
		return hostRotation(await groupSchools(tx, groupId), meetings);
	});
}

export async function getGroupMeeting(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	meetingId: string
): Promise<GroupMeeting | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<GroupMeeting>(
			`select ${COLUMNS} from public.group_meetings where group_id = $1 and id = $2`,
			[groupId, meetingId]
		)
	);
	return rows[0] ?? null;
}

/** Plans a meeting as the person (403 unless they plan the group's meetings). */
export async function planGroupMeeting(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: GroupMeetingInput
): Promise<{ id: string; programId: string }> {
	const id = randomUUID();
	const programId = await db.asUser(claims, async (tx) => {
		const plans = await tx.query<{ ok: boolean; program: string | null }>(
			'select private.plans_group_meetings($1) as ok, private.group_program($1) as program',
			[groupId]
		);
		if (!plans[0]?.ok) throw new DomainError('forbidden', 'lg_not_planner');
		const host = input.mode === 'online' ? null : input.hostSchoolId || null;
		if (host && !(await groupSchools(tx, groupId)).some((s) => s.id === host)) {
			throw new DomainError('invalid', 'lghost_not_in_group');
		}
		await tx.query(
			`insert into public.group_meetings
				(id, group_id, starts_at, duration_minutes, mode, place, call_link, created_by, host_school_id)
			 values ($1, $2, (($3::text || ' ' || $4::text)::timestamp at time zone '${MEETING_TIME_ZONE}'),
				$5, $6, $7, $8, $9, $10)`,
			[
				id,
				groupId,
				input.date,
				input.time,
				input.durationMinutes,
				input.mode,
				input.place,
				input.mode === 'online' ? input.callLink || null : null,
				claims.sub,
				host
			]
		);
		return plans[0].program as string;
	});
	return { id, programId };
}

/** Marks a meeting held (or not held again). */
export async function markGroupMeetingHeld(
	ctx: CommandContext,
	groupId: string,
	meetingId: string,
	held: boolean
): Promise<void> {
	const { db, claims } = ctx;
	const rows = await db.asUser(claims, (tx) =>
		tx.query(
			`update public.group_meetings set held_at = case when $3 then coalesce(held_at, now()) end,
				updated_at = now()
			 where id = $1 and group_id = $2 returning id`,
			[meetingId, groupId, held]
		)
	);
	if (rows.length === 0) throw new DomainError('not_found', 'not_found');
}

/** Removes a planned meeting. */
export async function deleteGroupMeeting(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	meetingId: string
): Promise<void> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query('delete from public.group_meetings where id = $1 and group_id = $2 returning id', [
			meetingId,
			groupId
		])
	);
	if (rows.length === 0) throw new DomainError('not_found', 'not_found');
}

/** After a meeting was planned: the group is notified and its open pages reload the list. */
export async function groupMeetingPlanned(
	deps: { db: Database; live: LiveHub },
	input: { groupId: string; programId: string; by: string; date: string }
): Promise<void> {
	const ids = await publishToGroup(deps, input.groupId, 'meetings');
	await notify(deps.db, {
		kind: 'group_meeting',
		recipients: ids,
		actorId: input.by,
		programId: input.programId,
		link: `/groups/${input.groupId}/meetings`,
		params: { name: await displayName(deps.db, input.by), date: input.date }
	});
}

/** A group meeting as an iCalendar invitation (UID = meeting id, SEQUENCE from the row). */
export function groupMeetingIcs(meeting: GroupMeeting, summary: string, groupUrl: string): string {
	return meetingInvitation({
		id: meeting.id,
		sequence: meeting.sequence,
		startsAt: new Date(meeting.startsAt),
		plannedOn: null,
		durationMinutes: meeting.durationMinutes,
		summary,
		place: meetingLocation(meeting),
		callLink: meeting.mode === 'online' ? meeting.callLink : null,
		pairUrl: groupUrl,
		updatedAt: new Date(meeting.updatedAt)
	});
}

/** A meeting was changed or removed: the group's open pages reload the list. */
export async function groupMeetingsChanged(
	deps: { db: Database; live: LiveHub },
	groupId: string
): Promise<void> {
	await publishToGroup(deps, groupId, 'meetings');
}

/**
 * Where a meeting on location takes place, for the invitation and the mail: the host school and
 * the room typed in `place` (the school's name only once when the place already starts with it).
 */
export function meetingLocation(meeting: Pick<GroupMeeting, 'mode' | 'place' | 'hostSchoolName'>) {
	const place = meeting.place.trim();
	if (meeting.mode === 'online' || !meeting.hostSchoolName) return place;
	if (place.toLowerCase().includes(meeting.hostSchoolName.toLowerCase())) return place;
	return place ? `${meeting.hostSchoolName}, ${place}` : meeting.hostSchoolName;
}
