import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import {
	getGroupMeeting,
	groupHostRotation,
	groupMeetingIcs,
	listGroupMeetings,
	planGroupMeeting,
	type GroupMeetingInput
} from '$lib/server/groups/meetings';
import {
	buildGroupWithContent,
	buildMembership,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * The rotating host school of a group meeting (issue #12). In the group: school A (mentor,
 * mentee), school B (observer), the supporter as process coach. School C has a member (`outsider`)
 * in another group of the same programme only. The coordinator is in no group.
 */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
let outsider: BuiltUser;
let schoolC: string;

const selfSteering = (on: boolean) =>
	db.asService((tx) =>
		tx.query(
			`update public.groups set self_steering_since = case when $2 then current_date - 1 end where id = $1`,
			[g.group, on]
		)
	);

const setHost = (claims: JwtClaims | null, meeting: string, school: string | null) =>
	db.asUser(claims, (tx) =>
		tx.query<{ id: string }>(
			'update public.group_meetings set host_school_id = $2 where id = $1 returning id',
			[meeting, school]
		)
	);

const insertMeeting = (
	claims: JwtClaims | null,
	by: string | null,
	school: string | null,
	mode: 'face_to_face' | 'online' = 'face_to_face'
) =>
	db.asUser(claims, (tx) =>
		tx.query<{ id: string }>(
			`insert into public.group_meetings (group_id, starts_at, mode, host_school_id, created_by)
			 values ($1, now() + interval '30 days', $2, $3, $4) returning id`,
			[g.group, mode, school, by]
		)
	);

const hostOf = async (meeting: string) =>
	(
		await db.asService((tx) =>
			tx.query<{ host: string | null }>(
				'select host_school_id as host from public.group_meetings where id = $1',
				[meeting]
			)
		)
	)[0]?.host ?? null;

const input = (over: Partial<GroupMeetingInput>): GroupMeetingInput => ({
	date: '2027-01-15',
	time: '14:00',
	durationMinutes: 120,
	mode: 'face_to_face',
	place: '',
	callLink: '',
	hostSchoolId: '',
	...over
});

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	outsider = await buildUser(db);
	await buildMembership(db, staffed.program.id, outsider, 'mentee');
	schoolC = await db.asService(async (tx) => {
		const c = (
			await tx.query<{ id: string }>(
				"insert into public.schools (program_id, name) values ($1, 'School C') returning id",
				[staffed.program.id]
			)
		)[0].id;
		const other = await tx.query<{ id: string }>(
			"insert into public.groups (program_id, kind, name) values ($1, 'LGSL', 'Groep 2') returning id",
			[staffed.program.id]
		);
		await tx.query(
			"insert into public.school_members (program_id, user_id, school_id, function) values ($1, $2, $3, 'school_leader')",
			[staffed.program.id, outsider.id, c]
		);
		await tx.query(
			"insert into public.group_members (group_id, user_id, role, school_id) values ($1, $2, 'member', $3)",
			[other[0].id, outsider.id, c]
		);
		return c;
	});
});
afterAll(() => db.close());

describe(`group meetings: the rotating host school (${testEngine()})`, () => {
	it('proposes a school that never hosted first, then the one that hosted least recently', async () => {
		const coach = staffed.people.supporter.claims;
		const first = await listGroupMeetings(db, coach, g.group);
		expect(first.schools.map((s) => s.name)).toEqual(['School A', 'School B']);
		expect(first.rotation.map((t) => [t.name, t.hosted, t.lastHostedAt])).toEqual([
			['School A', 0, null],
			['School B', 0, null]
		]);

		await planGroupMeeting(
			db,
			coach,
			g.group,
			input({ date: '2027-01-15', hostSchoolId: g.schoolA, place: 'School A' })
		);
		expect((await listGroupMeetings(db, coach, g.group)).rotation[0].name).toBe('School B');

		await planGroupMeeting(
			db,
			coach,
			g.group,
			input({ date: '2027-02-15', hostSchoolId: g.schoolB })
		);
		const third = await listGroupMeetings(db, coach, g.group);
		expect(third.rotation.map((t) => [t.name, t.hosted])).toEqual([
			['School A', 1],
			['School B', 1]
		]);
		const hosted = third.meetings.filter((x) => x.hostSchoolId);
		expect(hosted.map((x) => x.hostSchoolName)).toEqual(['School A', 'School B']);

		// A member sees the same overview on the group page.
		const seen = await groupHostRotation(db, staffed.people.observer.claims, g.group);
		expect(seen.map((t) => [t.name, t.hosted, t.lastHostedAt])).toEqual([
			['School A', 1, '2027-01-15T13:00:00Z'],
			['School B', 1, '2027-02-15T13:00:00Z']
		]);
	});

	it('puts the host school in the invitation LOCATION (once, with the room)', async () => {
		const coach = staffed.people.supporter.claims;
		const made = await planGroupMeeting(
			db,
			coach,
			g.group,
			input({ date: '2027-03-15', hostSchoolId: g.schoolB, place: 'lokaal 12' })
		);
		const meeting = await getGroupMeeting(db, coach, g.group, made.id);
		expect(meeting?.hostSchoolName).toBe('School B');
		const ics = groupMeetingIcs(meeting!, 'Bijeenkomst', 'https://example.test/groups/x');
		expect(ics).toMatch(/LOCATION:School B\\, lokaal 12/);

		const sameName = await planGroupMeeting(
			db,
			coach,
			g.group,
			input({ date: '2027-03-16', hostSchoolId: g.schoolA, place: 'School A' })
		);
		const ics2 = groupMeetingIcs(
			(await getGroupMeeting(db, coach, g.group, sameName.id))!,
			'Bijeenkomst',
			'https://example.test/groups/x'
		);
		expect(ics2).toMatch(/LOCATION:School A\r\n/);
	});

	it('refuses, in the app, a host school that has no members in the group', async () => {
		await expect(
			planGroupMeeting(
				db,
				staffed.people.supporter.claims,
				g.group,
				input({ hostSchoolId: schoolC })
			)
		).rejects.toEqual(new DomainError('invalid', 'lghost_not_in_group'));
	});

	it('refuses, in the database, a host school outside the group for a member writing directly', async () => {
		await selfSteering(true);
		try {
			const mentee = staffed.people.mentee;
			await expect(insertMeeting(mentee.claims, mentee.id, schoolC)).rejects.toThrow(
				/has no members in group/
			);
			const made = await insertMeeting(mentee.claims, mentee.id, g.schoolB);
			expect(made).toHaveLength(1);
			await expect(setHost(mentee.claims, made[0].id, schoolC)).rejects.toThrow(
				/has no members in group/
			);
			expect(await hostOf(made[0].id)).toBe(g.schoolB);
			// Even the service role cannot name such a host.
			await expect(
				db.asService((tx) =>
					tx.query('update public.group_meetings set host_school_id = $2 where id = $1', [
						made[0].id,
						schoolC
					])
				)
			).rejects.toThrow(/has no members in group/);
		} finally {
			await selfSteering(false);
		}
	});

	it('gives an online meeting no host: the database refuses one, the app clears it', async () => {
		const coach = staffed.people.supporter;
		await expect(insertMeeting(coach.claims, coach.id, g.schoolA, 'online')).rejects.toThrow(
			/group_meetings_online_no_host/
		);
		await expect(
			db.asUser(coach.claims, (tx) =>
				tx.query("update public.group_meetings set mode = 'online' where id = $1", [g.meeting])
			)
		).resolves.toBeDefined();
		await expect(setHost(coach.claims, g.meeting, g.schoolA)).rejects.toThrow(
			/group_meetings_online_no_host/
		);
		await db.asUser(coach.claims, (tx) =>
			tx.query("update public.group_meetings set mode = 'face_to_face' where id = $1", [g.meeting])
		);

		const made = await planGroupMeeting(
			db,
			coach.claims,
			g.group,
			input({ mode: 'online', hostSchoolId: g.schoolA, callLink: 'https://meet.example/x' })
		);
		expect(await hostOf(made.id)).toBeNull();
	});

	it('lets whoever plans the meetings set the host, and nobody else', async () => {
		const p = staffed.people;
		const meeting = g.meeting;
		// The process coach plans and sets the host.
		expect(await setHost(p.supporter.claims, meeting, g.schoolA)).toHaveLength(1);
		// Members only once the group steers itself.
		expect(await setHost(p.mentee.claims, meeting, g.schoolB)).toHaveLength(0);
		await expect(insertMeeting(p.mentee.claims, p.mentee.id, g.schoolA)).rejects.toThrow(
			/row-level security/
		);
		await selfSteering(true);
		try {
			expect(await setHost(p.mentee.claims, meeting, g.schoolB)).toHaveLength(1);
			expect(await setHost(p.observer.claims, meeting, g.schoolA)).toHaveLength(1);
			// The coordinator is in no group; a member of another group is not in this one.
			expect(await setHost(p.coordinator.claims, meeting, g.schoolB)).toHaveLength(0);
			await expect(
				insertMeeting(p.coordinator.claims, p.coordinator.id, g.schoolA)
			).rejects.toThrow(/row-level security/);
			expect(await setHost(outsider.claims, meeting, g.schoolB)).toHaveLength(0);
			await expect(insertMeeting(outsider.claims, outsider.id, g.schoolA)).rejects.toThrow(
				/row-level security/
			);
			// Anonymous callers have no privileges at all.
			await expect(setHost(null, meeting, g.schoolB)).rejects.toThrow(/permission denied/);
			await expect(insertMeeting(null, null, g.schoolA)).rejects.toThrow(/permission denied/);
		} finally {
			await selfSteering(false);
		}
		expect(await hostOf(meeting)).toBe(g.schoolA);
	});

	it('raises the calendar sequence when the host changes', async () => {
		const coach = staffed.people.supporter.claims;
		const before = (await getGroupMeeting(db, coach, g.group, g.meeting))!.sequence;
		await setHost(coach, g.meeting, g.schoolB);
		expect((await getGroupMeeting(db, coach, g.group, g.meeting))!.sequence).toBe(before + 1);
	});
});
