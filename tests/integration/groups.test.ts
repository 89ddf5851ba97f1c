import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import {
	createGroup,
	createGroupDocument,
	createReflection,
	createSchool,
	deleteReflection,
	handOverGroup,
	placeParticipant,
	setGroupMember,
	setReflectionSharing
} from '$lib/server/groups/commands';
import { listMyGroups, loadGroupSpace, loadGroupsAdmin } from '$lib/server/groups/queries';
import { DomainError } from '$lib/server/errors';
import { buildMembership, buildProgram, buildStaffedProgram, buildUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	await db.asService((tx) =>
		tx.query("update public.programs set kind = 'learning_community' where id = $1", [
			staffed.program.id
		])
	);
});
afterAll(() => db.close());

describe(`learning-community commands (${testEngine()})`, () => {
	it('the coordinator composes a group: schools, places, members; warnings and counts follow', async () => {
		const { coordinator, mentor, mentee, observer, supporter } = staffed.people;
		const claims = coordinator.claims;
		const programId = staffed.program.id;
		await createSchool(db, claims, programId, {
			name: 'De Linde',
			schoolGroup: 'SG',
			region: 'Gent'
		});
		await createSchool(db, claims, programId, { name: 'Sint-Jan', schoolGroup: '', region: '' });
		await expect(
			createSchool(db, claims, programId, { name: 'de linde', schoolGroup: '', region: '' })
		).rejects.toThrow(DomainError);
		let admin = await loadGroupsAdmin(db, claims, programId);
		const [linde, jan] = admin.schools;
		for (const [person, school] of [
			[mentor, linde],
			[mentee, linde],
			[observer, jan]
		] as const) {
			await placeParticipant(db, claims, programId, {
				userId: person.id,
				schoolId: school.id,
				function: 'school_leader'
			});
		}
		const groupId = await createGroup(db, claims, programId, { kind: 'LGSL', name: 'Groep Oost' });
		await expect(
			setGroupMember(db, claims, programId, { groupId, userId: supporter.id, role: 'member' })
		).rejects.toMatchObject({ key: 'group_no_school' });
		for (const person of [mentor, mentee, observer]) {
			await setGroupMember(db, claims, programId, { groupId, userId: person.id, role: 'member' });
		}
		await setGroupMember(db, claims, programId, {
			groupId,
			userId: supporter.id,
			role: 'facilitator'
		});
		const r = await createReflection({ db, claims: mentee.claims }, groupId, 'Na bijeenkomst 1');
		await createReflection({ db, claims: mentee.claims }, groupId, 'Privé');
		await setReflectionSharing(db, mentee.claims, r, 'group');
		admin = await loadGroupsAdmin(db, claims, programId);
		const group = admin.groups.find((g) => g.id === groupId)!;
		expect(group.warnings).toEqual([{ kind: 'few_schools', schools: 2 }]);
		expect(group.members.find((x) => x.userId === mentee.id)).toMatchObject({
			kept: 2,
			shared: 1,
			schoolName: 'De Linde'
		});
		expect(group.members.find((x) => x.userId === supporter.id)).toMatchObject({
			role: 'facilitator',
			schoolId: null
		});

		const space = await loadGroupSpace(db, observer.claims, groupId);
		expect(space?.documents.map((d) => d.kind)).toEqual([
			'agenda',
			'intervision_notes',
			'action_plan'
		]);
		expect(space?.sharedWithMe.map((x) => x.id)).toEqual([r]);
		expect(space?.mine).toEqual([]);
		expect(space?.members).toHaveLength(4);
		expect((await listMyGroups(db, observer.claims)).map((g) => g.id)).toEqual([groupId]);
		const schoolDoc = await createGroupDocument(db, observer.claims, groupId, {
			kind: 'school_actions',
			title: 'Acties Sint-Jan'
		});
		expect(schoolDoc).toBeTruthy();

		await expect(handOverGroup(db, mentor.claims, groupId, '2027-09-01')).rejects.toThrow();
		await handOverGroup(db, supporter.claims, groupId, '2027-09-01');
		admin = await loadGroupsAdmin(db, claims, programId);
		expect(admin.groups[0].selfSteeringSince).toBe('2027-09-01');

		const affected = await deleteReflection(db, mentee.claims, r);
		expect(affected).toContain(observer.id);
		expect((await loadGroupSpace(db, observer.claims, groupId))?.sharedWithMe).toEqual([]);
	});

	it('nobody but the coordinator composes; a group needs a learning-community programme', async () => {
		const programId = staffed.program.id;
		await expect(
			createGroup(db, staffed.people.supporter.claims, programId, { kind: 'LGLB', name: 'X' })
		).rejects.toMatchObject({ key: 'not_found' });
		await expect(
			createSchool(db, staffed.people.mentor.claims, programId, {
				name: 'X',
				schoolGroup: '',
				region: ''
			})
		).rejects.toThrow(/row-level security/);
		const youth = await buildProgram(db);
		const coordinator = await buildUser(db);
		await buildMembership(db, youth.id, coordinator, 'coordinator');
		await expect(
			createGroup(db, coordinator.claims, youth.id, { kind: 'LGSL', name: 'X' })
		).rejects.toMatchObject({ key: 'group_not_learning_community' });
	});
});
