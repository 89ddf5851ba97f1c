import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PairRef } from '$lib/domain/policy';
import { handleExit, requestExit } from '$lib/server/coordination/exits';
import { seedDemo } from '$lib/server/demo/seed';
import type { Database, JwtClaims } from '$lib/server/db/types';
import {
	answerPhaseProposal,
	getPath,
	phaseDays,
	proposePhase,
	setPhaseAsCoordinator,
	setStatusAsCoordinator,
	setStatusAsMember,
	withdrawPhaseProposal
} from '$lib/server/pairs/path';
import { loadPairRef } from '$lib/server/pairs/queries';
import {
	buildMembership,
	buildOrganisation,
	buildPairWithContent,
	buildStaffedProgram,
	buildUser,
	type BuiltUser
} from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

type Staffed = Awaited<ReturnType<typeof buildStaffedProgram>>;

let db: Database;
let x: Staffed;
let y: Staffed;
let xPair: PairRef;
let yPair: PairRef;
let stranger: JwtClaims;

const pairOf = async (id: string) => (await loadPairRef(db, id))!;
const serviceSet = (pairId: string, sql: string, params: unknown[] = []) =>
	db.asService((tx) => tx.query(sql, [pairId, ...(params as string[])]));
const notificationsOf = (userId: string) =>
	db.asService((tx) =>
		tx.query<{ params: Record<string, string> }>(
			"select params from public.notifications where user_id = $1 and kind = 'pair_status' order by created_at",
			[userId]
		)
	);

/** A fresh, active pair of programme X with its own mentor and mentee. */
const fresh: Record<string, { mentor: BuiltUser; mentee: BuiltUser }> = {};
async function activePair(): Promise<PairRef> {
	const mentor = await buildUser(db);
	const mentee = await buildUser(db);
	await buildMembership(db, x.program.id, mentor, 'mentor');
	await buildMembership(db, x.program.id, mentee, 'mentee');
	const { insertPair } = await import('$lib/server/pairs/commands');
	const id = await db.asService((tx) =>
		insertPair(tx, { programId: x.program.id, mentorId: mentor.id, menteeId: mentee.id })
	);
	fresh[id] = { mentor, mentee };
	return pairOf(id);
}
const people = (pair: PairRef) => fresh[pair.id];

beforeAll(async () => {
	db = await createTestDatabase();
	x = await buildStaffedProgram(db);
	y = await buildStaffedProgram(db, (await buildOrganisation(db)).id);
	xPair = await pairOf(await buildPairWithContent(db, x));
	yPair = await pairOf(await buildPairWithContent(db, y));
	stranger = (await buildUser(db)).claims;
});
afterAll(() => db.close());

describe(`the path of a pair (${testEngine()})`, () => {
	it('an open exit request makes the pair "exit_requested"; kept brings it back', async () => {
		expect(xPair.status).toBe('exit_requested');
		const pair = await activePair();
		await requestExit({ db, claims: people(pair).mentee.claims }, pair, 'mentee', {
			reason: 'Geen tijd',
			consentsTransfer: false
		});
		expect((await pairOf(pair.id)).status).toBe('exit_requested');
		const request = await db.asService((tx) =>
			tx.query<{ id: string }>(
				"select id from public.exit_requests where pair_id = $1 and status = 'open'",
				[pair.id]
			)
		);
		await handleExit(
			{ db, claims: x.people.coordinator.claims },
			x.program.id,
			request[0].id,
			'kept'
		);
		expect((await pairOf(pair.id)).status).toBe('active');
		// The mentor's path shows the status change, but not who asked.
		const path = await getPath(db, people(pair).mentor.claims, pair.id);
		const change = path!.history.find((h) => h.to === 'exit_requested');
		expect(change).toMatchObject({ kind: 'status', from: 'active', byRole: null });
	});

	it('the mentor proposes the next phase, the mentee confirms; both see it with its date', async () => {
		const pair = await activePair();
		const proposal = await proposePhase(db, people(pair).mentor.claims, pair, 'SD');
		const forMentee = await getPath(db, people(pair).mentee.claims, pair.id);
		expect(forMentee?.proposal).toMatchObject({
			id: proposal,
			toPhase: 'SD',
			proposerRole: 'mentor',
			mine: false
		});
		expect((await getPath(db, people(pair).mentor.claims, pair.id))?.proposal?.mine).toBe(true);
		// The mentor cannot confirm their own proposal; a second proposal waits for the first.
		await expect(
			answerPhaseProposal({ db, claims: people(pair).mentor.claims }, pair, proposal, true)
		).rejects.toMatchObject({ key: 'path_not_allowed' });
		await expect(proposePhase(db, people(pair).mentee.claims, pair, 'SD')).rejects.toMatchObject({
			key: 'path_already_proposed'
		});
		expect(
			await answerPhaseProposal({ db, claims: people(pair).mentee.claims }, pair, proposal, true)
		).toBe('SD');
		for (const who of [people(pair).mentor, people(pair).mentee, x.people.coordinator]) {
			const path = await getPath(db, who.claims, pair.id);
			expect(path?.phase).toBe('SD');
			expect(path?.proposal).toBeNull();
			expect(path?.history.filter((h) => h.kind === 'phase')).toEqual([
				expect.objectContaining({ from: 'BR', to: 'SD', byRole: 'mentee', at: expect.any(Date) })
			]);
		}
		// The mentee was told of the proposal, the mentor of the confirmation.
		expect((await notificationsOf(people(pair).mentee.id)).map((n) => n.params.status)).toContain(
			'phase_proposed'
		);
		expect((await notificationsOf(people(pair).mentor.id)).map((n) => n.params.status)).toContain(
			'phase_confirmed'
		);
	});

	it('refuses a phase that is not the next, a declined or withdrawn proposal moves nothing', async () => {
		const pair = await activePair();
		await expect(proposePhase(db, people(pair).mentee.claims, pair, 'P')).rejects.toMatchObject({
			key: 'path_not_next'
		});
		const first = await proposePhase(db, people(pair).mentee.claims, pair, 'SD');
		await answerPhaseProposal({ db, claims: people(pair).mentor.claims }, pair, first, false);
		await expect(
			answerPhaseProposal({ db, claims: people(pair).mentor.claims }, pair, first, true)
		).rejects.toMatchObject({ key: 'path_not_open' });
		const second = await proposePhase(db, people(pair).mentee.claims, pair, 'SD');
		await expect(
			withdrawPhaseProposal(db, people(pair).mentor.claims, pair, second)
		).rejects.toMatchObject({ key: 'path_not_open' });
		await withdrawPhaseProposal(db, people(pair).mentee.claims, pair, second);
		expect((await getPath(db, people(pair).mentee.claims, pair.id))?.phase).toBe('BR');
	});

	it('only the pair proposes and answers: coordinator, supporter, observer, outsiders are refused', async () => {
		const pair = await activePair();
		for (const claims of [
			x.people.coordinator.claims,
			x.people.supporter.claims,
			x.people.observer.claims,
			y.people.mentor.claims,
			stranger
		]) {
			await expect(proposePhase(db, claims, pair, 'SD')).rejects.toMatchObject({
				key: 'path_not_allowed'
			});
		}
		const proposal = await proposePhase(db, people(pair).mentor.claims, pair, 'SD');
		for (const claims of [x.people.coordinator.claims, y.people.mentee.claims, stranger]) {
			await expect(
				db.asUser(claims, (tx) =>
					tx.query('select public.answer_phase_proposal($1, true)', [proposal])
				)
			).rejects.toThrow(/path_not_allowed/);
		}
		// Nobody writes the history or the proposals directly, not even the pair.
		for (const claims of [people(pair).mentor.claims, x.people.coordinator.claims]) {
			await expect(
				db.asUser(claims, (tx) =>
					tx.query(
						"insert into public.pair_path_history (pair_id, kind, to_value) values ($1, 'phase', 'MO')",
						[pair.id]
					)
				)
			).rejects.toThrow();
			await expect(
				db.asUser(claims, (tx) =>
					tx.query("update public.phase_proposals set status = 'confirmed' where id = $1", [
						proposal
					])
				)
			).rejects.toThrow();
		}
	});

	it('a paused pair cannot move; the mentor resumes their own pause, not the coordinator’s', async () => {
		const pair = await activePair();
		await expect(
			setStatusAsMember(db, people(pair).mentee.claims, pair, 'paused')
		).rejects.toMatchObject({ key: 'path_not_allowed' });
		await setStatusAsMember(db, people(pair).mentor.claims, pair, 'paused');
		expect((await pairOf(pair.id)).status).toBe('paused');
		expect((await getPath(db, people(pair).mentor.claims, pair.id))?.pausedByMe).toBe(true);
		await expect(proposePhase(db, people(pair).mentee.claims, pair, 'SD')).rejects.toMatchObject({
			key: 'path_not_allowed'
		});
		expect((await notificationsOf(people(pair).mentee.id)).map((n) => n.params.status)).toContain(
			'paused'
		);
		await setStatusAsMember(db, people(pair).mentor.claims, pair, 'active');
		expect((await pairOf(pair.id)).status).toBe('active');

		await setStatusAsCoordinator(
			{ db, claims: x.people.coordinator.claims },
			x.program.id,
			pair.id,
			'paused'
		);
		await expect(
			setStatusAsMember(db, people(pair).mentor.claims, pair, 'active')
		).rejects.toMatchObject({ key: 'path_paused_by_coordinator' });
		await setStatusAsCoordinator(
			{ db, claims: x.people.coordinator.claims },
			x.program.id,
			pair.id,
			'active'
		);
		expect((await pairOf(pair.id)).status).toBe('active');
		const statuses = (await getPath(db, x.people.coordinator.claims, pair.id))!.history
			.filter((h) => h.kind === 'status')
			.map((h) => `${h.to}:${h.byRole}`);
		expect(statuses).toEqual([
			'paused:mentor',
			'active:mentor',
			'paused:coordinator',
			'active:coordinator'
		]);
	});

	it('a person ends the pair only in MO and after the closing conversation started', async () => {
		const pair = await activePair();
		await expect(
			setStatusAsMember(db, people(pair).mentee.claims, pair, 'ended')
		).rejects.toMatchObject({ key: 'path_not_moving_on' });
		await setPhaseAsCoordinator(
			{ db, claims: x.people.coordinator.claims },
			x.program.id,
			pair.id,
			'MO'
		);
		expect((await notificationsOf(people(pair).mentee.id)).map((n) => n.params.status)).toContain(
			'phase_set'
		);
		await expect(
			setStatusAsMember(db, people(pair).mentee.claims, pair, 'ended')
		).rejects.toMatchObject({ key: 'path_closing_first' });
		await serviceSet(
			pair.id,
			`insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total)
			 select id, pair_id, template_key, 3, 12 from public.sheets where pair_id = $1 and template_key = 'MO-closing'`
		);
		expect((await getPath(db, people(pair).mentee.claims, pair.id))?.closing).toEqual({
			filled: 3,
			total: 12
		});
		await setStatusAsMember(db, people(pair).mentee.claims, pair, 'ended');
		expect((await pairOf(pair.id)).status).toBe('ended');
		await expect(
			setStatusAsCoordinator(
				{ db, claims: x.people.coordinator.claims },
				x.program.id,
				pair.id,
				'active'
			)
		).rejects.toMatchObject({ key: 'path_ended' });
	});

	it('the coordinator of another programme cannot set this pair’s phase', async () => {
		const pair = await activePair();
		await expect(
			setPhaseAsCoordinator(
				{ db, claims: y.people.coordinator.claims },
				x.program.id,
				pair.id,
				'WU'
			)
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			setPhaseAsCoordinator(
				{ db, claims: y.people.coordinator.claims },
				y.program.id,
				pair.id,
				'WU'
			)
		).rejects.toMatchObject({ code: 'not_found' });
		expect((await getPath(db, people(pair).mentor.claims, pair.id))?.phase).toBe('BR');
	});

	it('history and proposals are read by the pair and the coordinator only', async () => {
		const pair = await activePair();
		await proposePhase(db, people(pair).mentor.claims, pair, 'SD');
		const readers = {
			mentor: people(pair).mentor.claims,
			mentee: people(pair).mentee.claims,
			coordinator: x.people.coordinator.claims,
			supporter: x.people.supporter.claims,
			observer: x.people.observer.claims,
			otherProgramme: y.people.coordinator.claims,
			stranger
		};
		const seen: Record<string, [number, number]> = {};
		for (const [who, claims] of Object.entries(readers)) {
			const rows = await db.asUser(claims, async (tx) => [
				(
					await tx.query<{ n: number }>(
						'select count(*)::int as n from public.pair_path_history where pair_id = $1',
						[pair.id]
					)
				)[0].n,
				(
					await tx.query<{ n: number }>(
						'select count(*)::int as n from public.phase_proposals where pair_id = $1',
						[pair.id]
					)
				)[0].n
			]);
			seen[who] = rows as [number, number];
		}
		expect(seen.mentor[0]).toBeGreaterThan(0);
		expect(seen.mentor[1]).toBe(1);
		expect(seen.mentee).toEqual(seen.mentor);
		expect(seen.coordinator).toEqual(seen.mentor);
		for (const who of ['supporter', 'observer', 'otherProgramme', 'stranger'])
			expect(seen[who], who).toEqual([0, 0]);
		await expect(
			db.asUser(null, (tx) => tx.query('select count(*) from public.pair_path_history'))
		).rejects.toThrow();
		void yPair;
	});

	it('monitoring shows days per phase, hidden below the minimum group size', async () => {
		const rows = await db.asUser(x.people.coordinator.claims, (tx) =>
			tx.query<{ phase: string; pairs: number | null; suppressed: boolean }>(
				'select * from public.monitoring_phase_days($1)',
				[x.program.id]
			)
		);
		expect(rows.map((r) => r.phase)).toEqual(['BR', 'SD', 'P', 'WU', 'MO']);
		const br = rows.find((r) => r.phase === 'BR')!;
		// Programme X has more pairs in BR than its minimum group size allows to hide (5)…
		expect(br.suppressed).toBe(false);
		expect(br.pairs).toBeGreaterThanOrEqual(5);
		// …and one in MO: hidden.
		expect(rows.find((r) => r.phase === 'MO')).toMatchObject({ pairs: null, suppressed: true });
		const shaped = await phaseDays(db, x.people.coordinator.claims, x.program.id);
		expect(shaped[0]).toMatchObject({ phase: 'BR', suppressed: false });
		expect(typeof shaped[0].medianDays).toBe('number');
		expect(shaped[4]).toEqual({ phase: 'MO', pairs: null, medianDays: null, suppressed: true });
		// Not for a coordinator of another programme, nor for the pair.
		for (const claims of [y.people.coordinator.claims, x.people.mentor.claims]) {
			const none = await db.asUser(claims, (tx) =>
				tx.query('select * from public.monitoring_phase_days($1)', [x.program.id])
			);
			expect(none).toEqual([]);
		}
	});

	it('the demo pairs’ history climbs from BR to their phase and ends in their status', async () => {
		const demo = await createTestDatabase();
		try {
			await seedDemo(demo);
			const rows = await demo.asService((tx) =>
				tx.query<{ phase: string; status: string; phases: string[]; last_status: string }>(
					`select p.phase, p.status,
						(select array_agg(h.to_value order by h.changed_at) from public.pair_path_history h
						 where h.pair_id = p.id and h.kind = 'phase') as phases,
						(select h.to_value from public.pair_path_history h
						 where h.pair_id = p.id and h.kind = 'status' order by h.changed_at desc limit 1) as last_status
					 from public.pairs p`
				)
			);
			expect(rows.length).toBeGreaterThan(10);
			const order = ['BR', 'SD', 'P', 'WU', 'MO'];
			for (const row of rows) {
				expect(row.phases).toEqual(order.slice(0, order.indexOf(row.phase) + 1));
				expect(row.last_status).toBe(row.status);
			}
		} finally {
			await demo.close();
		}
	});
});
