import { randomUUID } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, formatDocumentName } from '$lib/shared/collab';
import { createLocalAuth } from '$lib/server/auth/local';
import { authenticateSocket, authorizeDocument } from '$lib/server/collab-access';
import { createPgDocumentStore } from '$lib/server/collab/pg-store';
import {
	addEvaluator,
	addPairByHand,
	loadMentorModels,
	removeEvaluator,
	setMentorPool,
	setPairLabel
} from '$lib/server/coordination/mentor-models';
import { loadMatchingContext } from '$lib/server/coordination/matching';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { createLogger } from '$lib/server/log';
import { createOutboxMailer } from '$lib/server/mail/mailer';
import { setPairStatus } from '$lib/server/pairs/commands';
import { requirePair } from '$lib/server/pairs/load';
import { listMyPairs } from '$lib/server/pairs/queries';
import {
	buildMembership,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	FACTORY_PASSWORD,
	type BuiltUser
} from '../factories';
import { browserSocket, startCollabHarness, type Harness } from '../helpers/collab-harness';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * Mentor models of the teacher-induction framework (issue #14): a teacher with two mentors in a
 * pool programme, each pair its own workspace; and the evaluator (the school leader's dual role),
 * who is never the teacher's mentor and reads nothing of the teacher's pairs — SQL, HTTP, socket.
 */

let db: Database;
let harness: Harness;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let mentor2: BuiltUser;
/** Evaluates the teacher and mentors someone else in the same programme. */
let boss: BuiltUser;
let bossMentee: BuiltUser;
let bossPair: string;
/** The teacher's first pair (with the factory's content) and the second, labelled. */
let pairA: string;
let pairB: string;
const cookies: Record<string, string> = {};
const open: { provider: WebsocketProvider; doc: Y.Doc }[] = [];
const coordinator = () => staffed.people.coordinator.claims;

/** Tables holding a pair's content or metadata, and how a row names its pair. */
const PAIR_TABLES = [
	'pairs:id',
	'meetings:pair_id',
	'sheets:pair_id',
	'sheet_progress:pair_id',
	'signatures:pair_id',
	'log_submissions:pair_id',
	'exit_requests:pair_id',
	'messages:pair_id',
	'message_reads:pair_id',
	'files:pair_id',
	'pair_call_links:pair_id',
	'assignments:pair_id',
	'phase_proposals:pair_id',
	'pair_path_history:pair_id',
	'concerns:pair_id',
	'checkins:pair_id'
];

async function readable(claims: JwtClaims, pairs: string[]): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const entry of PAIR_TABLES) {
		const [table, column] = entry.split(':');
		counts[table] = await db
			.asUser(claims, (tx) =>
				tx.query<{ n: number }>(
					`select count(*)::int as n from public.${table} where ${column} = any($1::uuid[])`,
					[pairs]
				)
			)
			.then((rows) => rows[0].n)
			.catch((error: Error) => {
				if (/permission denied/.test(error.message)) return 0;
				throw error;
			});
	}
	return counts;
}

const nonZero = (counts: Record<string, number>) =>
	Object.entries(counts)
		.filter(([, n]) => n > 0)
		.map(([table]) => table);

async function refusal(work: Promise<unknown>): Promise<string> {
	try {
		await work;
	} catch (e) {
		if (e instanceof DomainError) return e.key;
		return (e as Error).message;
	}
	throw new Error('expected a refusal');
}

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
	return { closed, synced };
}

/** A sheet of the teacher-induction set (PS1 is switched off for teachers: refused). */
const sheetOf = async (pairId: string, key = 'lesson-observation') =>
	(
		await db.asService((tx) =>
			tx.query<{ doc_name: string }>(
				'select doc_name from public.sheets where pair_id = $1 and template_key = $2',
				[pairId, key]
			)
		)
	)[0].doc_name;

/** The pair routes' guard, as a request by this person for /pairs/<id> would call it. */
async function pairStatus(user: BuiltUser, pairId: string): Promise<number> {
	const event = {
		locals: { session: { claims: user.claims, userId: user.id }, runtime: { db } },
		params: { id: pairId },
		url: new URL(`http://x/pairs/${pairId}`)
	} as unknown as RequestEvent;
	try {
		await requirePair(event, 'open_workspace');
		return 200;
	} catch (e) {
		return (e as { status?: number }).status ?? 500;
	}
}

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	const { program, people } = staffed;
	mentor2 = await buildUser(db, { name: 'Second Mentor' });
	boss = await buildUser(db, { name: 'School Leader' });
	bossMentee = await buildUser(db);
	await buildMembership(db, program.id, mentor2, 'mentor');
	await buildMembership(db, program.id, boss, 'mentor');
	await buildMembership(db, program.id, bossMentee, 'mentee');
	await db.asService((tx) =>
		tx.query(
			"update public.programs set kind = 'teacher_induction', mentor_pool = true where id = $1",
			[program.id]
		)
	);
	pairA = await buildPairWithContent(db, staffed);
	bossPair = await addPairByHand(db, coordinator(), {
		programId: program.id,
		mentorId: boss.id,
		menteeId: bossMentee.id,
		label: null
	});
	pairB = await addPairByHand(db, coordinator(), {
		programId: program.id,
		mentorId: mentor2.id,
		menteeId: people.mentee.id,
		label: 'schoolmentor'
	});
	await db.asService(async (tx) => {
		for (const pair of [pairA, pairB]) {
			const [message] = await tx.query<{ id: string }>(
				"insert into public.messages (pair_id, author_id, body) values ($1, $2, 'Hello') returning id",
				[pair, people.mentee.id]
			);
			const file = randomUUID();
			await tx.query(
				"insert into public.files (id, pair_id, message_id, uploaded_by, name, content_type, size, storage_key) values ($1, $2, $3, $4, 'plan.pdf', 'application/pdf', 10, $5)",
				[file, pair, message.id, people.mentee.id, `pair/${pair}/${file}`]
			);
		}
	});

	const log = createLogger('silent');
	const auth = createLocalAuth({
		db,
		mailer: createOutboxMailer(db, log),
		origin: 'http://x',
		sessionDays: 1
	});
	const who = { mentor: people.mentor, mentee: people.mentee, supporter: people.supporter };
	for (const [name, user] of Object.entries({ ...who, mentor2, boss })) {
		const result = await auth.signIn(user.email, FACTORY_PASSWORD, { ip: name, userAgent: 'vt' });
		if (!result.ok) throw new Error(`sign-in failed for ${name}`);
		cookies[name] = `${result.cookies[0].name}=${result.cookies[0].value}`;
	}
	harness = await startCollabHarness({
		authenticate: authenticateSocket(auth),
		authorize: authorizeDocument(db),
		store: createPgDocumentStore(db)
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

describe(`a pool of mentors (${testEngine()})`, () => {
	it('the teacher has two workspaces, each named by its mentor and label', async () => {
		const mine = await listMyPairs(db, staffed.people.mentee.claims);
		expect(mine.map((p) => [p.id, p.partnerName, p.label]).sort()).toEqual(
			[
				[pairA, (await nameOf(staffed.people.mentor)) ?? '', null],
				[pairB, 'Second Mentor', 'schoolmentor']
			].sort()
		);
		const mentorsView = await listMyPairs(db, mentor2.claims);
		expect(mentorsView.map((p) => [p.id, p.label])).toEqual([[pairB, 'schoolmentor']]);
	});

	it('each mentor reads their own pair only (SQL, HTTP, socket)', async () => {
		expect(nonZero(await readable(mentor2.claims, [pairA]))).toEqual([]);
		expect(nonZero(await readable(staffed.people.mentor.claims, [pairB]))).toEqual([]);
		const own = await readable(mentor2.claims, [pairB]);
		expect(own.sheets).toBeGreaterThan(0);
		expect(own.messages).toBe(1);
		expect(await pairStatus(mentor2, pairA)).toBe(404);
		expect(await pairStatus(staffed.people.mentor, pairB)).toBe(404);
		expect(await pairStatus(mentor2, pairB)).toBe(200);
		expect(await connect('mentor2', await sheetOf(pairA)).closed).toBe(CloseCode.Forbidden);
		await connect('mentor2', await sheetOf(pairB)).synced;
	});

	it('refuses the same mentor twice, and a second mentor outside a pool', async () => {
		const { program, people } = staffed;
		const again = { programId: program.id, menteeId: people.mentee.id, label: null };
		expect(
			await refusal(addPairByHand(db, coordinator(), { ...again, mentorId: mentor2.id }))
		).toBe('pool_already_paired');
		expect(await refusal(setMentorPool(db, coordinator(), program.id, false))).toBe(
			'pool_still_used'
		);

		const single = await buildStaffedProgram(db);
		const other = await buildUser(db);
		await buildMembership(db, single.program.id, other, 'mentor');
		const first = await addPairByHand(db, single.people.coordinator.claims, {
			programId: single.program.id,
			mentorId: single.people.mentor.id,
			menteeId: single.people.mentee.id,
			label: null
		});
		const second = {
			programId: single.program.id,
			mentorId: other.id,
			menteeId: single.people.mentee.id,
			label: 'vakmentor'
		};
		expect(await refusal(addPairByHand(db, single.people.coordinator.claims, second))).toBe(
			'pool_not_allowed'
		);
		// The database refuses it too, whoever writes.
		expect(
			await refusal(
				db.asService((tx) =>
					tx.query(
						"insert into public.pairs (program_id, mentor_id, mentee_id, pseudonym) values ($1, $2, $3, 'P-90')",
						[single.program.id, other.id, single.people.mentee.id]
					)
				)
			)
		).toMatch(/pool_not_allowed/);
		// Once the first pair ended, a new mentor is a re-match, not a second mentor.
		await setPairStatus(db, single.people.coordinator.claims, first, 'ended');
		await addPairByHand(db, single.people.coordinator.claims, second);
	});

	it('the coordinator labels a pair; both members see it, nobody else may set it', async () => {
		await setPairLabel({ db, claims: coordinator() }, staffed.program.id, pairA, 'vakmentor');
		const mentee = await listMyPairs(db, staffed.people.mentee.claims);
		expect(mentee.find((p) => p.id === pairA)?.label).toBe('vakmentor');
		const mentor = await listMyPairs(db, staffed.people.mentor.claims);
		expect(mentor.find((p) => p.id === pairA)?.label).toBe('vakmentor');
		// A member may not set it: row-level security changes nothing.
		const changed = await db.asUser(staffed.people.mentor.claims, (tx) =>
			tx.query("update public.pairs set label = 'x' where id = $1 returning id", [pairA])
		);
		expect(changed).toEqual([]);
		expect(
			await refusal(
				db.asService((tx) =>
					tx.query('update public.pairs set label = $2 where id = $1', [pairA, 'x'.repeat(61)])
				)
			)
		).toMatch(/check constraint/);
	});
});

describe(`the evaluator (${testEngine()})`, () => {
	it('is refused as the teacher’s evaluator while they are (or were) the mentor', async () => {
		const { program, people } = staffed;
		const add = (evaluatorId: string, teacherId = people.mentee.id) =>
			refusal(addEvaluator(db, coordinator(), program.id, { evaluatorId, teacherId }));
		expect(await add(people.mentor.id)).toBe('eval_is_mentor');
		expect(await add(people.coordinator.id)).toBe('eval_coordinator');
		expect(await add(bossMentee.id)).toBe('eval_roles');
		expect(await add(people.observer.id, people.mentor.id)).toBe('eval_roles');
		// The trigger, whoever writes.
		expect(
			await refusal(
				db.asService((tx) =>
					tx.query(
						'insert into public.teacher_evaluators (program_id, evaluator_id, teacher_id) values ($1, $2, $3)',
						[program.id, people.mentor.id, people.mentee.id]
					)
				)
			)
		).toMatch(/eval_is_mentor/);
	});

	it('before the record, the supporter reads the pair’s metadata and the mentor’s logbook', async () => {
		const counts = await readable(staffed.people.supporter.claims, [pairA]);
		expect(counts.pairs).toBe(1);
		expect(counts.log_submissions).toBe(1);
		expect(await pairStatus(staffed.people.supporter, pairA)).toBe(403);
	});

	it('records who evaluates whom; the evaluator and the teacher see their own record', async () => {
		const { program, people } = staffed;
		await addEvaluator(db, coordinator(), program.id, {
			evaluatorId: boss.id,
			teacherId: people.mentee.id
		});
		await addEvaluator(db, coordinator(), program.id, {
			evaluatorId: people.supporter.id,
			teacherId: people.mentee.id
		});
		expect(
			await refusal(
				addEvaluator(db, coordinator(), program.id, {
					evaluatorId: boss.id,
					teacherId: people.mentee.id
				})
			)
		).toBe('eval_exists');
		const models = await loadMentorModels(db, coordinator(), program.id);
		expect(models.pool).toBe(true);
		expect(models.evaluators.map((e) => e.evaluatorId).sort()).toEqual(
			[boss.id, people.supporter.id].sort()
		);
		const seen = async (claims: JwtClaims) =>
			(
				await db.asUser(claims, (tx) =>
					tx.query<{ n: number }>('select count(*)::int as n from public.teacher_evaluators')
				)
			)[0].n;
		expect(await seen(coordinator())).toBe(2);
		expect(await seen(boss.claims)).toBe(1);
		expect(await seen(people.mentee.claims)).toBe(2);
		expect(await seen(people.mentor.claims)).toBe(0);
		expect(await seen(mentor2.claims)).toBe(0);
		expect(await seen(people.observer.claims)).toBe(0);
		expect(await seen(bossMentee.claims)).toBe(0);
	});

	it('reads nothing of the teacher’s pairs, whatever other role they hold (SQL)', async () => {
		for (const evaluator of [boss, staffed.people.supporter])
			expect(nonZero(await readable(evaluator.claims, [pairA, pairB]))).toEqual([]);
		// The mentor-elsewhere still has their own pair.
		const own = await readable(boss.claims, [bossPair]);
		expect(own.pairs).toBe(1);
		expect(own.sheets).toBeGreaterThan(0);
		// The teacher's needs answers stay with the teacher's own mentors.
		const needs = await db.asUser(boss.claims, (tx) =>
			tx.query('select 1 from public.intake_responses where user_id = $1', [
				staffed.people.mentee.id
			])
		);
		expect(needs).toEqual([]);
	});

	it('the pair pages answer 404 and the collaboration server refuses them', async () => {
		expect(await pairStatus(boss, pairA)).toBe(404);
		expect(await pairStatus(boss, pairB)).toBe(404);
		expect(await pairStatus(staffed.people.supporter, pairA)).toBe(404);
		expect(await pairStatus(boss, bossPair)).toBe(200);
		for (const who of ['boss', 'supporter']) {
			expect(await connect(who, await sheetOf(pairA)).closed).toBe(CloseCode.Forbidden);
			const log = formatDocumentName({
				kind: 'log',
				pairId: pairA,
				userId: staffed.people.mentor.id
			});
			expect(await connect(who, log).closed).toBe(CloseCode.Forbidden);
		}
		await connect('boss', await sheetOf(bossPair)).synced;
	});

	it('is never made the teacher’s mentor: by hand, by matching, in the database', async () => {
		const { program, people } = staffed;
		expect(
			await refusal(
				addPairByHand(db, coordinator(), {
					programId: program.id,
					mentorId: boss.id,
					menteeId: people.mentee.id,
					label: null
				})
			)
		).toBe('eval_not_mentor');
		expect(
			await refusal(
				db.asService((tx) =>
					tx.query(
						"insert into public.pairs (program_id, mentor_id, mentee_id, pseudonym) values ($1, $2, $3, 'P-91')",
						[program.id, boss.id, people.mentee.id]
					)
				)
			)
		).toMatch(/eval_not_mentor/);
		const context = await loadMatchingContext(db, coordinator(), program.id);
		expect(context.input.exclusions).toContainEqual({
			menteeId: people.mentee.id,
			mentorId: boss.id
		});
	});

	it('does not become a coordinator of the programme while recorded', async () => {
		expect(
			await refusal(
				db.asService((tx) =>
					tx.query(
						"update public.memberships set role = 'coordinator' where program_id = $1 and user_id = $2",
						[staffed.program.id, boss.id]
					)
				)
			)
		).toMatch(/eval_coordinator/);
	});

	it('removing the record gives the supporter back what a supporter reads', async () => {
		const models = await loadMentorModels(db, coordinator(), staffed.program.id);
		const record = models.evaluators.find((e) => e.evaluatorId === staffed.people.supporter.id)!;
		// The teacher sees the record but may not remove it: row-level security deletes nothing.
		const deleted = await db.asUser(staffed.people.mentee.claims, (tx) =>
			tx.query('delete from public.teacher_evaluators where id = $1 returning id', [record.id])
		);
		expect(deleted).toEqual([]);
		await removeEvaluator(db, coordinator(), staffed.program.id, record.id);
		expect((await readable(staffed.people.supporter.claims, [pairA])).log_submissions).toBe(1);
	});
});

async function nameOf(user: BuiltUser): Promise<string | undefined> {
	const rows = await db.asService((tx) =>
		tx.query<{ display_name: string }>('select display_name from public.profiles where id = $1', [
			user.id
		])
	);
	return rows[0]?.display_name;
}
