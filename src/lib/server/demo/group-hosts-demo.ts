import { hostRotation, type HostedMeeting } from '$lib/domain/groups/host-rotation';
import type { Tx } from '$lib/server/db/types';

/**
 * The rotating host school in the learning-community demo: the group's meetings on location are
 * hosted in turn by its schools (the same rotation the planning form proposes), and one more
 * meeting on location is planned after the online one, at the school whose turn it is. Runs after
 * seedGroupsDemo, which creates the groups, their schools and meetings.
 */
export async function seedGroupHostsDemo(tx: Tx, programId: string): Promise<void> {
	const groups = await tx.query<{ id: string; coach: string | null }>(
		`select g.id, (select gm.user_id from public.group_members gm
			where gm.group_id = g.id and gm.role = 'facilitator' limit 1) as coach
		 from public.groups g where g.program_id = $1 order by g.name`,
		[programId]
	);
	for (const group of groups) {
		const schools = await tx.query<{ id: string; name: string }>(
			`select distinct s.id, s.name from public.group_members gm
			 join public.schools s on s.id = gm.school_id
			 where gm.group_id = $1 and gm.role = 'member'`,
			[group.id]
		);
		if (schools.length === 0) {
			continue;
		}
		const meetings = await tx.query<{ id: string; startsAt: string }>(
			`select id, starts_at::text as "startsAt" from public.group_meetings
			 where group_id = $1 and mode = 'face_to_face' order by starts_at`,
			[group.id]
		);
		const hosted: HostedMeeting[] = [];
		for (const meeting of meetings) {
			const host = hostRotation(schools, hosted)[0];
			await tx.query(
				'update public.group_meetings set host_school_id = $2, place = $3 where id = $1',
				[meeting.id, host.id, `${host.name}, vergaderzaal`]
			);
			hosted.push({ hostSchoolId: host.id, startsAt: new Date(meeting.startsAt).toISOString() });
		}
		const next = hostRotation(schools, hosted)[0];
		await tx.query(
			`insert into public.group_meetings (group_id, starts_at, duration_minutes, mode, place,
				host_school_id, created_by)
			 values ($1, date_trunc('day', now()) + interval '42 days 14 hours', 120, 'face_to_face', $2,
				$3, $4)`,
			[group.id, `${next.name}, refter`, next.id, group.coach]
		);
	}
}
