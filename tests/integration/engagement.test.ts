import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, JwtClaims, SqlValue } from '$lib/server/db/types';
import {
	listEngagementStatuses,
	loadSchoolEngagement,
	recordIntake,
	signStatement,
	statementHash,
	statementText,
	withdrawSignature
} from '$lib/server/groups/engagement';
import { DomainError } from '$lib/server/errors';
import { buildGroupWithContent, buildStaffedProgram } from '../factories';
import { buildEngagementRows } from '../factories/engagement';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * The intake per school and its engagement statement, per role. The factory's places: the mentor
 * leads school A (and signed its statement), the mentee is a policy member of A, the observer
 * leads school B, the supporter is the group's facilitator (no school); `foreign` is the school
 * leader of another programme.
 */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
let e: Awaited<ReturnType<typeof buildEngagementRows>>;
let elsewhere: Awaited<ReturnType<typeof buildStaffedProgram>>;
/** A third school of the programme, without an intake. */
let schoolC: string;

type Who = 'coordinator' | 'leaderA' | 'memberA' | 'leaderB' | 'facilitator' | 'foreign' | 'anon';
const WHO: Who[] = [
	'coordinator',
	'leaderA',
	'memberA',
	'leaderB',
	'facilitator',
	'foreign',
	'anon'
];
const claimsOf = (who: Who): JwtClaims | null =>
	({
		coordinator: staffed.people.coordinator.claims,
		leaderA: staffed.people.mentor.claims,
		memberA: staffed.people.mentee.claims,
		leaderB: staffed.people.observer.claims,
		facilitator: staffed.people.supporter.claims,
		foreign: elsewhere.people.mentor.claims,
		anon: null
	})[who];

/** Runs one statement as the person and rolls it back: how many rows it touched, or 'refused'. */
async function attempt(who: Who, sql: string, params: SqlValue[]): Promise<number | 'refused'> {
	class Rollback extends Error {
		constructor(readonly n: number) {
			super('rollback');
		}
	}
	try {
		await db.asUser(claimsOf(who), async (tx) => {
			throw new Rollback((await tx.query(sql, params)).length);
		});
	} catch (error) {
		if (error instanceof Rollback) return error.n;
		if (/permission denied|row-level security/.test((error as Error).message)) return 'refused';
		throw error;
	}
	throw new Error('unreachable');
}

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	e = await buildEngagementRows(db, staffed, g);
	elsewhere = await buildStaffedProgram(db);
	const other = await buildGroupWithContent(db, elsewhere);
	await buildEngagementRows(db, elsewhere, other);
	const [c] = await db.asService((tx) =>
		tx.query<{ id: string }>(
			"insert into public.schools (program_id, name) values ($1, 'School C') returning id",
			[staffed.program.id]
		)
	);
	schoolC = c.id;
});
afterAll(() => db.close());

describe(`school intake and engagement statement: per role (${testEngine()})`, () => {
	const readers: Record<string, Who[]> = {
		A: ['coordinator', 'leaderA', 'memberA'],
		B: ['coordinator', 'leaderB']
	};

	it.each(WHO)('%s reads the intake and signatures of exactly their schools', async (who) => {
		for (const [school, allowed] of Object.entries(readers)) {
			const id = school === 'A' ? g.schoolA : g.schoolB;
			const intake = await attempt(
				who,
				'select 1 from public.school_intakes where school_id = $1',
				[id]
			);
			const signatures = await attempt(
				who,
				'select 1 from public.engagement_signatures where school_id = $1',
				[id]
			);
			const expected = allowed.includes(who);
			expect(intake, `${who} intake ${school}`).toBe(expected ? 1 : who === 'anon' ? 'refused' : 0);
			expect(signatures, `${who} signatures ${school}`).toBe(
				expected ? (school === 'A' ? 1 : 0) : who === 'anon' ? 'refused' : 0
			);
		}
		// Across both programmes: the coordinator reads this programme's two, a school's people
		// their own school's, the foreign school leader only their own school's in the other one.
		const seen = { coordinator: 2, leaderA: 1, memberA: 1, leaderB: 1, facilitator: 0, foreign: 1 };
		expect(await attempt(who, 'select 1 from public.school_intakes', [])).toBe(
			who === 'anon' ? 'refused' : seen[who]
		);
	});

	it.each(WHO)('%s records an intake only as the coordinator, in their own name', async (who) => {
		const me = claimsOf(who)?.sub ?? staffed.people.coordinator.id;
		const outcome = await attempt(
			who,
			`insert into public.school_intakes (program_id, school_id, conversation_on, recorded_by)
			 values ($1, $2, '2026-06-20', $3) returning school_id`,
			[staffed.program.id, schoolC, me]
		);
		expect(outcome).toBe(who === 'coordinator' ? 1 : 'refused');
		// Never in someone else's name.
		expect(
			await attempt(
				who,
				`insert into public.school_intakes (program_id, school_id, conversation_on, recorded_by)
				 values ($1, $2, '2026-06-20', $3) returning school_id`,
				[staffed.program.id, schoolC, staffed.people.mentor.id]
			)
		).toBe('refused');
	});

	it.each(WHO)('%s updates the intake only as the coordinator', async (who) => {
		const outcome = await attempt(
			who,
			"update public.school_intakes set expectations = 'x', recorded_by = $2 where school_id = $1 returning 1",
			[g.schoolA, claimsOf(who)?.sub ?? staffed.people.coordinator.id]
		);
		expect(outcome).toBe(who === 'coordinator' ? 1 : who === 'anon' ? 'refused' : 0);
	});

	it.each(WHO)('%s deletes an intake never', async (who) => {
		expect(
			await attempt(who, 'delete from public.school_intakes where school_id = $1 returning 1', [
				g.schoolA
			])
		).toBe('refused');
	});

	it.each(WHO)('%s signs school B only as its leader, as themselves', async (who) => {
		const me = claimsOf(who)?.sub ?? staffed.people.observer.id;
		const outcome = await attempt(
			who,
			`insert into public.engagement_signatures (school_id, signer_id, signer_function, locale, content_hash)
			 values ($1, $2, 'directeur', 'nl', $3) returning 1`,
			[g.schoolB, me, 'c'.repeat(64)]
		);
		expect(outcome).toBe(who === 'leaderB' ? 1 : 'refused');
	});

	it.each(WHO)('%s changes no signature and withdraws only their own', async (who) => {
		expect(
			await attempt(
				who,
				'update public.engagement_signatures set content_hash = $2 where id = $1 returning 1',
				[e.signature, 'd'.repeat(64)]
			)
		).toBe('refused');
		const removed = await attempt(
			who,
			'delete from public.engagement_signatures where id = $1 returning 1',
			[e.signature]
		);
		expect(removed).toBe(who === 'leaderA' ? 1 : who === 'anon' ? 'refused' : 0);
	});

	it('a withdrawal after the programme ended is refused', async () => {
		await db.asService((tx) =>
			tx.query(
				"update public.programs set starts_on = '2020-01-01', ends_on = current_date - 1 where id = $1",
				[staffed.program.id]
			)
		);
		try {
			expect(
				await attempt(
					'leaderA',
					'delete from public.engagement_signatures where id = $1 returning 1',
					[e.signature]
				)
			).toBe(0);
		} finally {
			await db.asService((tx) =>
				tx.query(
					"update public.programs set starts_on = '2026-09-01', ends_on = '2027-06-30' where id = $1",
					[staffed.program.id]
				)
			);
		}
	});
});

describe(`school intake and engagement statement: the domain (${testEngine()})`, () => {
	const program = () => staffed.program.id;
	const refusal = async (work: Promise<unknown>) => {
		try {
			await work;
		} catch (error) {
			if (error instanceof DomainError) return error.key;
			throw error;
		}
		return 'ok';
	};

	it('the statement holds the seed’s commitments, the programme and the school, in both languages', () => {
		const facts = { programName: 'GO ALL', schoolName: 'De Linde', commitments: 'Twee deelnemers' };
		const nl = statementText(facts, 'nl').join('\n');
		expect(nl).toContain('Engagementsverklaring');
		expect(nl).toContain('De Linde neemt deel aan het professionaliseringstraject „GO ALL”');
		expect(nl).toContain('reflecties te noteren en bij te houden');
		expect(nl).toContain('deel te nemen aan de bevragingen');
		expect(nl).toContain('Bijkomende afspraken uit het intakegesprek: Twee deelnemers');
		expect(statementText(facts, 'en').join('\n')).toContain('note and keep reflections');
		expect(statementHash(statementText(facts, 'nl'))).toMatch(/^[0-9a-f]{64}$/);
		expect(statementHash(statementText({ ...facts, commitments: 'Drie' }, 'nl'))).not.toBe(
			statementHash(statementText(facts, 'nl'))
		);
	});

	it('the coordinator records an intake; the school leader signs it; the status follows', async () => {
		// School B has an intake and no signature yet; its leader is the observer.
		const claims = staffed.people.observer.claims;
		let b = await loadSchoolEngagement({ db, claims, locale: 'nl' }, program(), g.schoolB);
		expect(b?.status).toBe('intake_recorded');
		expect(b?.canSign).toBe(true);
		await signStatement({ db, claims, locale: 'nl' }, program(), g.schoolB);
		b = await loadSchoolEngagement({ db, claims, locale: 'nl' }, program(), g.schoolB);
		expect(b?.status).toBe('signed');
		expect(b?.signatures).toMatchObject([{ signerId: staffed.people.observer.id, current: true }]);
		expect(b?.directors).toBe(1);
		const statuses = await listEngagementStatuses(db, staffed.people.coordinator.claims, program());
		expect(statuses[g.schoolB]).toEqual({ status: 'signed', signed: 1, directors: 1 });
	});

	it('a second signature by the same person is refused while it matches', async () => {
		expect(
			await refusal(
				signStatement(
					{ db, claims: staffed.people.observer.claims, locale: 'nl' },
					program(),
					g.schoolB
				)
			)
		).toBe('engage_already_signed');
	});

	it('a change of the intake’s commitments makes the signature stale; signing again replaces it', async () => {
		await recordIntake({ db, claims: staffed.people.coordinator.claims }, program(), g.schoolB, {
			conversationOn: '2026-06-18',
			expectations: 'Intervisie',
			feasibility: 'Haalbaar',
			commitments: 'Drie deelnemers in plaats van twee'
		});
		const coordinator = staffed.people.coordinator.claims;
		let b = await loadSchoolEngagement(
			{ db, claims: coordinator, locale: 'en' },
			program(),
			g.schoolB
		);
		expect(b?.status).toBe('changed');
		expect(b?.signatures[0].current).toBe(false);
		expect((await listEngagementStatuses(db, coordinator, program()))[g.schoolB].status).toBe(
			'changed'
		);
		await signStatement(
			{ db, claims: staffed.people.observer.claims, locale: 'en' },
			program(),
			g.schoolB
		);
		b = await loadSchoolEngagement({ db, claims: coordinator, locale: 'nl' }, program(), g.schoolB);
		expect(b?.status).toBe('signed');
		expect(b?.signatures).toHaveLength(1);
		expect(b?.signatures[0].function).toBe('coordinating director');
	});

	it('refuses a signature for another school, by a non-director, and before the intake', async () => {
		// The observer leads school B, not A.
		expect(
			await refusal(
				signStatement(
					{ db, claims: staffed.people.observer.claims, locale: 'nl' },
					program(),
					g.schoolA
				)
			)
		).toBe('not_found');
		// The mentee is a policy member of A, not its director.
		expect(
			await refusal(
				signStatement(
					{ db, claims: staffed.people.mentee.claims, locale: 'nl' },
					program(),
					g.schoolA
				)
			)
		).toBe('engage_not_director');
		// A school of this programme seen through another programme's id.
		expect(
			await refusal(
				signStatement(
					{ db, claims: staffed.people.mentor.claims, locale: 'nl' },
					elsewhere.program.id,
					g.schoolA
				)
			)
		).toBe('not_found');
		// No intake yet.
		await db.asService((tx) =>
			tx.query('delete from public.school_intakes where school_id = $1', [g.schoolA])
		);
		try {
			expect(
				await refusal(
					signStatement(
						{ db, claims: staffed.people.mentor.claims, locale: 'nl' },
						program(),
						g.schoolA
					)
				)
			).toBe('engage_no_intake_error');
		} finally {
			await db.asService((tx) =>
				tx.query(
					"insert into public.school_intakes (program_id, school_id, conversation_on, recorded_by) values ($1, $2, '2026-06-17', $3)",
					[program(), g.schoolA, staffed.people.coordinator.id]
				)
			);
		}
	});

	it('only the coordinator records an intake, and only for a school of their programme', async () => {
		const input = {
			conversationOn: '2026-06-19',
			expectations: '',
			feasibility: '',
			commitments: ''
		};
		expect(
			await refusal(
				recordIntake({ db, claims: staffed.people.mentor.claims }, program(), g.schoolA, input)
			)
		).toBe('forbidden');
		expect(
			await refusal(
				recordIntake(
					{ db, claims: elsewhere.people.coordinator.claims },
					elsewhere.program.id,
					g.schoolA,
					input
				)
			)
		).toBe('not_found');
	});

	it('a signer withdraws their own signature; someone without one is told so', async () => {
		expect(
			await refusal(withdrawSignature(db, staffed.people.mentee.claims, program(), g.schoolA))
		).toBe('engage_not_signed');
		await withdrawSignature(db, staffed.people.observer.claims, program(), g.schoolB);
		const b = await loadSchoolEngagement(
			{ db, claims: staffed.people.observer.claims, locale: 'nl' },
			program(),
			g.schoolB
		);
		expect(b?.signatures).toHaveLength(0);
		expect(b?.status).toBe('intake_recorded');
	});

	it('people outside the school get nothing from the loader', async () => {
		for (const claims of [
			staffed.people.supporter.claims,
			staffed.people.observer.claims,
			elsewhere.people.coordinator.claims
		]) {
			expect(
				await loadSchoolEngagement({ db, claims, locale: 'nl' }, program(), g.schoolA)
			).toBeNull();
		}
	});
});
