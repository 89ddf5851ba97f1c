import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, formatDocumentName } from '$lib/shared/collab';
import { createLocalAuth } from '$lib/server/auth/local';
import { authenticateSocket, authorizeDocument } from '$lib/server/collab-access';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import {
	createMentorGroup,
	loadMentorGroupRef,
	mentorGroupWorkspace,
	submitGroupLogPart2,
	myMentorGroups,
	programMentorGroups
} from '$lib/server/mentor-groups';
import { listInbox, searchInbox, inboxQuery } from '$lib/server/coordination/inbox';
import { loadMatchingContext } from '$lib/server/coordination/matching';
import { DomainError } from '$lib/server/errors';
import { loadHome } from '$lib/server/home';
import { erasePerson } from '$lib/server/rights/erasure';
import {
	buildMembership,
	buildProgram,
	buildStaffedProgram,
	buildUser,
	FACTORY_PASSWORD,
	type BuiltUser
} from '../factories';
import { buildMentorGroup } from '../factories/mentor-groups';
import {
	browserSocket,
	retryableAssertion,
	startCollabHarness,
	type Harness
} from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * Group mentoring: a teacher-induction programme's mentor and three teachers (the staffed mentee,
 * teacher2, teacher3) in group A; mentor2 and `otherTeacher` in group B of the same programme;
 * `foreign` is a mentee of another programme. Reads per role (RLS), the coordinator's command,
 * and the collaboration server: four people co-edit a group sheet, each logbook stays private.
 */
let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let people: Record<string, BuiltUser>;
let a: Awaited<ReturnType<typeof buildMentorGroup>>;
let b: Awaited<ReturnType<typeof buildMentorGroup>>;
const cookies: Record<string, string> = {};
const open: { provider: WebsocketProvider; doc: Y.Doc }[] = [];

function connect(who: string, room: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(harness.url, room, doc, {
		WebSocketPolyfill: browserSocket(harness.url, cookies[who]),
		disableBc: true,
		maxBackoffTime: 100
	});
	open.push({ provider, doc });
	const closed = new Promise<number>((resolve) => {
		provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code));
	});
	const synced = new Promise<void>((resolve) =>
		provider.on('sync', (state: boolean) => state && resolve())
	);
	return { doc, provider, closed, synced };
}

const logOf = (group: string, userId: string) =>
	formatDocumentName({ kind: 'mgroup-log', mentorGroupId: group, userId });

async function count(claims: JwtClaims | null, sql: string, params: unknown[]): Promise<number> {
	try {
		const rows = await db.asUser(claims, (tx) =>
			tx.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params as string[])
		);
		return rows[0].n;
	} catch (error) {
		if (/permission denied/.test((error as Error).message)) return 0;
		throw error;
	}
}

beforeAll(async () => {
	db = await createTestDatabase();
	const log = createLogger('silent');
	const auth = createLocalAuth({
		db,
		mailer: createOutboxMailer(db, log),
		origin: 'http://x',
		sessionDays: 1
	});
	const program = await buildProgram(db, { kind: 'teacher_induction' });
	staffed = { program, people: {} as Awaited<ReturnType<typeof buildStaffedProgram>>['people'] };
	for (const role of ['coordinator', 'supporter', 'mentor', 'mentee', 'observer'] as const) {
		staffed.people[role] = await buildUser(db);
		await buildMembership(db, program.id, staffed.people[role], role);
	}
	const extra: Record<string, BuiltUser> = {};
	for (const [who, role] of [
		['teacher2', 'mentee'],
		['teacher3', 'mentee'],
		['otherTeacher', 'mentee'],
		['mentor2', 'mentor'],
		['loose', 'mentee'],
		['free2', 'mentee']
	] as const) {
		extra[who] = await buildUser(db);
		await buildMembership(db, program.id, extra[who], role);
	}
	const elsewhere = await buildStaffedProgram(db);
	people = { ...staffed.people, ...extra, foreign: elsewhere.people.mentee };
	a = await buildMentorGroup(db, program.id, staffed.people.mentor.id, [
		staffed.people.mentee.id,
		extra.teacher2.id,
		extra.teacher3.id
	]);
	b = await buildMentorGroup(db, program.id, extra.mentor2.id, [extra.otherTeacher.id], 'B');
	for (const [who, user] of Object.entries(people)) {
		const result = await auth.signIn(user.email, FACTORY_PASSWORD, {
			ip: who,
			userAgent: 'vitest'
		});
		if (!result.ok) throw new Error(`sign-in failed for ${who}`);
		cookies[who] = `${result.cookies[0].name}=${result.cookies[0].value}`;
	}
	harness = await startCollabHarness({
		authenticate: authenticateSocket(auth),
		authorize: authorizeDocument(db),
		store: createPgDocumentStore(db),
		persistence: { batchMs: 20 }
	});
});

afterAll(async () => {
	for (const { provider, doc } of open) {
		provider.destroy();
		doc.destroy();
	}
	await harness?.teardown();
	await db?.close();
});

describe(`group mentoring: who reads what (${testEngine()})`, () => {
	const claimsOf = (who: string) => (who === 'anon' ? null : people[who].claims);
	// [who, group A rows, A's members, A's sheets, names of A's people]
	it.each([
		['coordinator', 1, 3, 0],
		['mentor', 1, 3, 3],
		['mentee', 1, 3, 3],
		['teacher2', 1, 3, 3],
		['otherTeacher', 0, 0, 0],
		['mentor2', 0, 0, 0],
		['loose', 0, 0, 0],
		['supporter', 0, 0, 0],
		['observer', 0, 0, 0],
		['foreign', 0, 0, 0],
		['anon', 0, 0, 0]
	])(
		'a %s reads %i group, %i members, %i sheets of group A',
		async (who, groups, members, sheets) => {
			const claims = claimsOf(who);
			expect(await count(claims, 'public.mentor_groups where id = $1', [a.group])).toBe(groups);
			expect(
				await count(claims, 'public.mentor_group_members where group_id = $1', [a.group])
			).toBe(members);
			expect(await count(claims, 'public.mentor_group_sheets where group_id = $1', [a.group])).toBe(
				sheets
			);
		}
	);

	it('the group reads each other’s names; a teacher of another group does not', async () => {
		const names = [staffed.people.mentor.id, people.teacher2.id, people.teacher3.id];
		const sql = 'public.profiles where id = any($1::uuid[])';
		expect(await count(people.mentee.claims, sql, [names])).toBe(3);
		expect(await count(people.otherTeacher.claims, sql, [names])).toBe(0);
	});

	it('members find their group on their home; the coordinator lists the programme’s', async () => {
		const mine = await myMentorGroups(db, people.teacher3.claims);
		expect(mine.map((g) => g.id)).toEqual([a.group]);
		expect(mine[0].teachers).toHaveLength(3);
		expect((await myMentorGroups(db, people.otherTeacher.claims)).map((g) => g.id)).toEqual([
			b.group
		]);
		expect(await myMentorGroups(db, people.supporter.claims)).toEqual([]);
		const all = await programMentorGroups(db, people.coordinator.claims, staffed.program.id);
		expect(all).toHaveLength(2);
		expect(await programMentorGroups(db, people.mentor.claims, staffed.program.id)).toHaveLength(1);
		expect(await mentorGroupWorkspace(db, people.otherTeacher.claims, a.group)).toBeNull();
		expect((await mentorGroupWorkspace(db, people.mentor.claims, a.group))?.sheets).toHaveLength(3);
	});
});

describe(`group mentoring: the group is its people's mentoring (${testEngine()})`, () => {
	it('the home page shows the group and no "waiting for a pair" for its people', async () => {
		const home = await loadHome(db, people.teacher3.claims);
		expect(home.mentorGroups.map((g) => g.id)).toEqual([a.group]);
		expect(home.waiting.map((w) => w.programId)).not.toContain(staffed.program.id);
		const loose = await loadHome(db, people.loose.claims);
		expect(loose.mentorGroups).toEqual([]);
		expect(loose.waiting.map((w) => w.programId)).toContain(staffed.program.id);
	});

	it('matching leaves out the mentors and teachers of mentor groups', async () => {
		const context = await loadMatchingContext(db, people.coordinator.claims, staffed.program.id);
		const grouped = [people.mentor, people.mentee, people.teacher2, people.mentor2].map(
			(p) => p.id
		);
		const ids = [...context.input.mentees, ...context.input.mentors].map((p) => p.id);
		for (const id of grouped) expect(ids).not.toContain(id);
		expect(context.missingIntake).not.toContain(people.mentee.id);
		expect(context.input.mentees.map((p) => p.id)).toContain(people.loose.id);
	});
});

describe(`group mentoring: logbook part 2 goes to the coordinator's inbox (${testEngine()})`, () => {
	const part2 = {
		metOn: '2026-10-01',
		sheetUsed: ['lesson-preparation'],
		difficulties: 'De klas van 1B is onrustig.',
		strengthening: '',
		other: '',
		difficultyFlag: true
	};

	it('a teacher submits it; the coordinator reads it in the inbox, the mentor and others do not', async () => {
		const group = (await loadMentorGroupRef(db, a.group))!;
		const id = await submitGroupLogPart2(
			{ db, claims: people.teacher2.claims },
			group,
			'teacher',
			part2
		);
		const sql = 'public.log_submissions where id = $1';
		for (const [who, n] of [
			['teacher2', 1],
			['coordinator', 1],
			['mentor', 0],
			['teacher3', 0],
			['otherTeacher', 0],
			['supporter', 0],
			['observer', 0],
			['foreign', 0]
		] as const) {
			expect(await count(people[who].claims, sql, [id]), who).toBe(n);
		}
		expect(await count(null, sql, [id])).toBe(0);
		const inbox = await listInbox(db, people.coordinator.claims, staffed.program.id);
		const entry = inbox.find((e) => e.id === id);
		expect(entry).toMatchObject({ pairId: null, pseudonym: 'Groep', authorRole: 'mentee' });
		const page = await searchInbox(
			db,
			people.coordinator.claims,
			staffed.program.id,
			inboxQuery.parse({ q: 'Groep' })
		);
		expect(page.items.map((i) => i.id)).toContain(id);
	});

	it('the mentor submits as mentor; nobody writes as another role or for another group', async () => {
		const group = (await loadMentorGroupRef(db, a.group))!;
		await expect(
			submitGroupLogPart2({ db, claims: people.mentor.claims }, group, 'mentor', part2)
		).resolves.toBeTruthy();
		// A teacher claiming the mentor's role, and a teacher of group B writing in group A.
		await expect(
			submitGroupLogPart2({ db, claims: people.teacher2.claims }, group, 'mentor', part2)
		).rejects.toThrow(/row-level security/);
		await expect(
			submitGroupLogPart2({ db, claims: people.otherTeacher.claims }, group, 'teacher', part2)
		).rejects.toThrow(/row-level security/);
	});

	it('an empty part 2 is refused before anything is written', async () => {
		const group = (await loadMentorGroupRef(db, a.group))!;
		await expect(
			submitGroupLogPart2({ db, claims: people.teacher3.claims }, group, 'teacher', {
				...part2,
				difficulties: ' '
			})
		).rejects.toMatchObject({ key: 'log_empty' });
	});
});

describe(`group mentoring: the coordinator composes a group (${testEngine()})`, () => {
	const input = () => ({
		name: 'Startende leerkrachten',
		mentorId: people.mentor2.id,
		teacherIds: [people.loose.id, people.free2.id]
	});

	it('makes the group with its three sheets', async () => {
		const id = await createMentorGroup(db, people.coordinator.claims, staffed.program.id, input());
		const workspace = await mentorGroupWorkspace(db, people.loose.claims, id);
		expect(workspace?.sheets.map((s) => s.key).sort()).toEqual([
			'01-agreement',
			'02-confidentiality',
			'lesson-preparation'
		]);
		expect(workspace?.mentor.id).toBe(people.mentor2.id);
	});

	it.each([
		['a mentor', () => people.mentor.claims, () => ({}), 'not_found'],
		[
			'a mentee as mentor',
			() => people.coordinator.claims,
			() => ({ mentorId: people.loose.id }),
			'gm_bad_mentor'
		],
		[
			'a mentor as teacher',
			() => people.coordinator.claims,
			() => ({ teacherIds: [people.loose.id, people.mentor.id] }),
			'gm_bad_teacher'
		],
		[
			'a teacher who is in a group already',
			() => people.coordinator.claims,
			() => ({ teacherIds: [people.loose.id, people.teacher2.id] }),
			'gm_teacher_in_group'
		],
		[
			'someone of another programme',
			() => people.coordinator.claims,
			() => ({ teacherIds: [people.loose.id, people.foreign.id] }),
			'gm_bad_teacher'
		]
	])('refuses %s', async (_name, claims, change, key) => {
		const groups = () =>
			db.asService((tx) =>
				tx.query('select id from public.mentor_groups where program_id = $1', [staffed.program.id])
			);
		const before = (await groups()).length;
		await expect(
			createMentorGroup(db, claims(), staffed.program.id, { ...input(), ...change() })
		).rejects.toMatchObject({ key });
		expect((await groups()).length).toBe(before);
	});

	it('refuses a programme that is not for beginning teachers', async () => {
		const youth = await buildStaffedProgram(db);
		await expect(
			createMentorGroup(db, youth.people.coordinator.claims, youth.program.id, {
				name: 'G',
				mentorId: youth.people.mentor.id,
				teacherIds: [youth.people.mentee.id, youth.people.observer.id]
			})
		).rejects.toBeInstanceOf(DomainError);
	});
});

describe(`group mentoring on the collaboration server (${testEngine()})`, () => {
	it('the mentor and three teachers co-edit the group sheet live', async () => {
		const room = a.sheets['lesson-preparation'].docName;
		const clients = ['mentor', 'mentee', 'teacher2', 'teacher3'].map((who) => connect(who, room));
		await Promise.all(clients.map((c) => c.synced));
		clients.forEach((c, i) => c.doc.getMap('values').set(`field-${i}`, `by ${i}`));
		clients[0].doc.getText('goal').insert(0, 'Samen ');
		await retryableAssertion(() => {
			for (const c of clients) {
				const values = c.doc.getMap('values');
				expect([0, 1, 2, 3].map((i) => values.get(`field-${i}`))).toEqual([
					'by 0',
					'by 1',
					'by 2',
					'by 3'
				]);
				expect(c.doc.getText('goal').toString()).toBe('Samen ');
			}
		});
	});

	it.each([
		['coordinator', CloseCode.Forbidden],
		['supporter', CloseCode.Forbidden],
		['observer', CloseCode.Forbidden],
		['otherTeacher', CloseCode.Forbidden],
		['mentor2', CloseCode.Forbidden],
		['foreign', CloseCode.Forbidden],
		['nobody', CloseCode.Unauthenticated]
	])('refuses the %s on the group sheet with %i', async (who, code) => {
		expect(await connect(who, a.sheets['01-agreement'].docName).closed).toBe(code);
	});

	it('a sheet name of another group is refused', async () => {
		const crossed = formatDocumentName({
			kind: 'mgroup-sheet',
			mentorGroupId: a.group,
			sheetId: b.sheets['01-agreement'].id
		});
		expect(await connect('mentor', crossed).closed).toBe(CloseCode.Forbidden);
	});

	it('a teacher’s logbook opens for that teacher only: not the mentor, another teacher or staff', async () => {
		const room = logOf(a.group, people.mentee.id);
		const own = connect('mentee', room);
		await own.synced;
		own.doc.getText('private').insert(0, 'alleen voor mij');
		for (const who of [
			'mentor',
			'teacher2',
			'teacher3',
			'coordinator',
			'supporter',
			'otherTeacher'
		]) {
			expect(await connect(who, room).closed, who).toBe(CloseCode.Forbidden);
		}
		// The mentor's own logbook is the mentor's alone, too.
		await connect('mentor', logOf(a.group, people.mentor.id)).synced;
		expect(await connect('mentee', logOf(a.group, people.mentor.id)).closed).toBe(
			CloseCode.Forbidden
		);
	});

	it('a person’s logbook under a group they are not in is refused', async () => {
		expect(await connect('otherTeacher', logOf(a.group, people.otherTeacher.id)).closed).toBe(
			CloseCode.Forbidden
		);
	});

	it('no table row carries a logbook: RLS has nothing of it to give', async () => {
		const rows = await db.asUser(people.mentor.claims, (tx) =>
			tx.query<{ n: number }>(
				"select count(*)::int as n from public.mentor_group_sheets where doc_name like '%/log/%'"
			)
		);
		expect(rows[0].n).toBe(0);
	});

	it('erasing a teacher deletes their group logbook and keeps the group’s sheet', async () => {
		const log = logOf(a.group, people.mentee.id);
		const sheet = a.sheets['lesson-preparation'].docName;
		const stored = (name: string) =>
			db.asService(async (tx) => {
				const rows = await tx.query<{ n: number }>(
					`select ((select count(*) from public.yjs_updates where doc_name = $1)
						+ (select count(*) from public.yjs_snapshots where doc_name = $1))::int as n`,
					[name]
				);
				return rows[0].n;
			});
		await retryableAssertion(async () => expect(await stored(log)).toBeGreaterThan(0));
		for (const { provider } of open) provider.disconnect();
		expect(await erasePerson({ db }, people.mentee.id)).not.toBeNull();
		expect(await stored(log)).toBe(0);
		expect(await stored(sheet)).toBeGreaterThan(0);
	});
});
