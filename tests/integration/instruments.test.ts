import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramRole } from '$lib/domain/policy/types';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { pairSheets } from '$lib/domain/templates';
import { effectiveInstruments, instrumentChoices } from '$lib/domain/templates/instrument-sets';
import { authorizeDocument } from '$lib/server/collab-access';
import type { CollabUser } from '$lib/server/collab/types';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { seedDemo } from '$lib/server/demo/seed';
import { insertPair } from '$lib/server/pairs/commands';
import { getWorkspace } from '$lib/server/pairs/queries';
import { DomainError } from '$lib/server/errors';
import {
	ensurePairSheets,
	getProgramInstruments,
	pairInstruments,
	resetProgramInstruments,
	saveProgramInstruments
} from '$lib/server/programs/instruments';
import { buildMembership, buildProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
beforeAll(async () => {
	db = await createTestDatabase();
});
afterAll(() => db.close());

const keysOf = (list: readonly { key: string }[]) => list.map((i) => i.key);
const defaultKeys = (kind: ProgramKind) => keysOf(effectiveInstruments(kind, [], pairSheets));

/** The coordinator's list with some instruments switched on or off, in the order shown. */
function listWith(kind: ProgramKind, changes: Record<string, boolean>) {
	return instrumentChoices(kind, [], pairSheets).map((c) => ({
		key: c.key,
		enabled: changes[c.key] ?? c.enabled
	}));
}

async function staffed(kind: ProgramKind) {
	const program = await buildProgram(db, { kind });
	const people = {} as Record<ProgramRole, BuiltUser>;
	for (const role of ['coordinator', 'supporter', 'mentor', 'mentee', 'observer'] as const) {
		people[role] = await buildUser(db);
		await buildMembership(db, program.id, people[role], role);
	}
	const pair = await db.asService((tx) =>
		insertPair(tx, {
			programId: program.id,
			mentorId: people.mentor.id,
			menteeId: people.mentee.id
		})
	);
	return { program, people, pair };
}

const socketUser = (claims: JwtClaims): CollabUser => ({
	userId: claims.sub,
	name: 'x',
	role: '',
	color: '#000000',
	sessionId: 's',
	expiresAt: Date.now() + 60_000
});

describe(`instrument sets per programme kind (${testEngine()})`, () => {
	it('every demo pair sees its kind’s default set; a school-leader pair has no S1–S4 or V3', async () => {
		await seedDemo(db);
		const pairs = await db.asService((tx) =>
			tx.query<{ id: string; kind: ProgramKind; program_id: string }>(
				`select p.id, pr.kind, pr.id as program_id from public.pairs p
				 join public.programs pr on pr.id = p.program_id
				 join public.organisations o on o.id = pr.organisation_id
				 where o.name like '%(demo)'`
			)
		);
		const kinds = new Set(pairs.map((p) => p.kind));
		expect(kinds).toContain('youth');
		expect(kinds).toContain('school_leader');
		for (const pair of pairs) {
			expect(keysOf(await pairInstruments(db, pair.id)), pair.kind).toEqual(defaultKeys(pair.kind));
		}
		const leader = pairs.find((p) => p.kind === 'school_leader')!;
		const seen = keysOf(await pairInstruments(db, leader.id));
		for (const key of ['S1', 'S2', 'S3', 'S4', 'V3']) expect(seen).not.toContain(key);
		expect(seen).toContain('statements-20');

		// The teacher demo programme has no demo pair; a pair made there gets the teacher set.
		const teacher = await db.asService((tx) =>
			tx.query<{ id: string }>(
				"select id from public.programs where kind = 'teacher_induction' and name like 'Aanvangs%'"
			)
		);
		const people = await db.asService((tx) =>
			tx.query<{ id: string; email: string }>(
				"select id, email from auth.users where email in ('mentor1@example.org', 'mentee5@example.org')"
			)
		);
		const id = (email: string) => people.find((p) => p.email === email)!.id;
		const teacherPair = await db.asService((tx) =>
			insertPair(tx, {
				programId: teacher[0].id,
				mentorId: id('mentor1@example.org'),
				menteeId: id('mentee5@example.org')
			})
		);
		expect(keysOf(await pairInstruments(db, teacherPair))).toEqual(
			defaultKeys('teacher_induction')
		);
	});

	it('the coordinator adds S1 to a running programme: mentor and mentee both see it', async () => {
		const { program, people, pair } = await staffed('school_leader');
		expect(keysOf(await pairInstruments(db, pair))).not.toContain('S1');
		await saveProgramInstruments(
			{ db, claims: people.coordinator.claims },
			program.id,
			listWith('school_leader', { S1: true })
		);
		const seen = keysOf(await pairInstruments(db, pair));
		expect(seen).toContain('S1');
		expect(seen.indexOf('S1')).toBeGreaterThan(seen.indexOf('V1'));
		// Both open their workspace and find the sheet, and may open its document.
		for (const person of [people.mentor, people.mentee]) {
			const workspace = await getWorkspace(db, person.claims, pair);
			const sheet = workspace!.sheets.find((s) => s.key === 'S1');
			expect(sheet).toBeDefined();
			expect(await authorizeDocument(db)(socketUser(person.claims), sheet!.docName)).toMatchObject({
				access: 'write'
			});
		}
		// Every member reads the set; the page of the programme shows it customised.
		const set = await getProgramInstruments(db, people.mentee.claims, program.id);
		expect(set?.customised).toBe(true);
		expect(set?.choices.find((c) => c.key === 'S1')?.enabled).toBe(true);
	});

	it('creates the sheet rows of an instrument switched on where a pair has none', async () => {
		const { program, people, pair } = await staffed('teacher_induction');
		// As if S2 had joined the catalogue after the pair was made.
		await db.asOwner((tx) =>
			tx.query("delete from public.sheets where pair_id = $1 and template_key = 'S2'", [pair])
		);
		const { created } = await saveProgramInstruments(
			{ db, claims: people.coordinator.claims },
			program.id,
			listWith('teacher_induction', { S2: true })
		);
		expect(created).toBe(1);
		expect(keysOf(await pairInstruments(db, pair))).toContain('S2');
		// And lazily, when the pair's page loads.
		await db.asOwner((tx) =>
			tx.query("delete from public.sheets where pair_id = $1 and template_key = 'S2'", [pair])
		);
		expect(keysOf(await pairInstruments(db, pair))).not.toContain('S2');
		await ensurePairSheets(db, pair);
		expect(keysOf(await pairInstruments(db, pair))).toContain('S2');
	});

	it('switching off hides empty sheets (socket refused) but keeps sheets with content', async () => {
		const { program, people, pair } = await staffed('youth');
		const sheets = await db.asService((tx) =>
			tx.query<{ id: string; key: string; doc: string }>(
				`select id, template_key as key, doc_name as doc from public.sheets
				 where pair_id = $1 and template_key in ('S3', 'S4')`,
				[pair]
			)
		);
		const s3 = sheets.find((s) => s.key === 'S3')!;
		const s4 = sheets.find((s) => s.key === 'S4')!;
		await db.asService((tx) =>
			tx.query(
				"insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total) values ($1, $2, 'S3', 2, 9)",
				[s3.id, pair]
			)
		);
		await saveProgramInstruments(
			{ db, claims: people.coordinator.claims },
			program.id,
			listWith('youth', { S3: false, S4: false })
		);
		const seen = await pairInstruments(db, pair);
		expect(keysOf(seen)).toContain('S3');
		expect(seen.find((i) => i.key === 'S3')).toMatchObject({ enabled: false, hasContent: true });
		expect(keysOf(seen)).not.toContain('S4');
		const authorize = authorizeDocument(db);
		expect(await authorize(socketUser(people.mentor.claims), s4.doc)).toMatchObject({
			deny: 4403
		});
		expect(await authorize(socketUser(people.mentee.claims), s3.doc)).toMatchObject({
			access: 'write'
		});
		// Back to the default: S4 is there again.
		await resetProgramInstruments(db, people.coordinator.claims, program.id);
		expect(keysOf(await pairInstruments(db, pair))).toEqual(defaultKeys('youth'));
		expect(
			(await getProgramInstruments(db, people.coordinator.claims, program.id))?.customised
		).toBe(false);
	});

	it('refuses a list that is not the whole catalogue once, phase by phase', async () => {
		const { program, people } = await staffed('school_leader');
		const list = listWith('school_leader', {});
		const bad = [
			list.slice(1),
			[...list.slice(0, -1), { key: 'no-such-sheet', enabled: true }],
			[list[1], list[0], ...list.slice(2)].reverse(),
			[...list.slice(0, -1), list[0]]
		];
		for (const attempt of bad) {
			await expect(
				saveProgramInstruments({ db, claims: people.coordinator.claims }, program.id, attempt)
			).rejects.toMatchObject({ code: 'invalid', key: 'instr_invalid_list' });
		}
		const rows = await db.asService((tx) =>
			tx.query('select 1 from public.program_instruments where program_id = $1', [program.id])
		);
		expect(rows).toHaveLength(0);
	});

	it('only the programme’s coordinators change the set', async () => {
		const { program, people } = await staffed('school_leader');
		const other = await staffed('school_leader');
		const list = listWith('school_leader', { S1: true });
		for (const person of [
			people.supporter,
			people.mentor,
			people.mentee,
			people.observer,
			other.people.coordinator
		]) {
			const attempt = saveProgramInstruments({ db, claims: person.claims }, program.id, list);
			await expect(attempt).rejects.toBeInstanceOf(DomainError);
			await expect(resetProgramInstruments(db, person.claims, program.id)).rejects.toBeInstanceOf(
				DomainError
			);
		}
		expect(
			(await getProgramInstruments(db, people.coordinator.claims, program.id))?.customised
		).toBe(false);
	});
});

describe(`program_instruments row-level security (${testEngine()})`, () => {
	let program: { id: string };
	let people: Record<ProgramRole, BuiltUser>;
	let stranger: BuiltUser;

	beforeAll(async () => {
		const built = await staffed('school_leader');
		program = built.program;
		people = built.people;
		stranger = (await staffed('school_leader')).people.coordinator;
		await saveProgramInstruments(
			{ db, claims: people.coordinator.claims },
			program.id,
			listWith('school_leader', { S1: true })
		);
	});

	const count = (claims: JwtClaims | null) =>
		db.asUser(claims, async (tx) => {
			const rows = await tx.query<{ n: number }>(
				'select count(*)::int as n from public.program_instruments where program_id = $1',
				[program.id]
			);
			return rows[0].n;
		});

	it('every member of the programme reads the set; others and anon read nothing', async () => {
		for (const role of ['coordinator', 'supporter', 'mentor', 'mentee', 'observer'] as const) {
			expect(await count(people[role].claims), role).toBe(pairSheets.length);
		}
		expect(await count(stranger.claims)).toBe(0);
		await expect(count(null)).rejects.toThrow(/permission denied/);
	});

	/** Runs one write as the person; 'ok' when a row was touched, 'refused' otherwise. */
	async function write(claims: JwtClaims | null, sql: string): Promise<'ok' | 'refused'> {
		try {
			const rows = await db.asUser(claims, async (tx) => {
				const touched = await tx.query(sql, [program.id]);
				// Never keep what a permitted write did: the next attempt sees the same rows.
				throw Object.assign(new Error('rollback'), { touched: touched.length });
			});
			return rows;
		} catch (error) {
			const e = error as Error & { touched?: number };
			if (e.message === 'rollback') return (e.touched ?? 0) > 0 ? 'ok' : 'refused';
			if (/permission denied|row-level security/.test(e.message)) return 'refused';
			throw error;
		}
	}

	it('only coordinators insert, update and delete; never a programme or instrument move', async () => {
		// A key with no row yet (every catalogue sheet has one): an instrument added to the catalogue later.
		const who: [string, JwtClaims | null, 'ok' | 'refused'][] = [
			['coordinator', people.coordinator.claims, 'ok'],
			['supporter', people.supporter.claims, 'refused'],
			['mentor', people.mentor.claims, 'refused'],
			['mentee', people.mentee.claims, 'refused'],
			['observer', people.observer.claims, 'refused'],
			['other programme', stranger.claims, 'refused'],
			['anon', null, 'refused']
		];
		for (const [name, claims, expected] of who) {
			expect(
				await write(
					claims,
					`insert into public.program_instruments (program_id, template_key, enabled, position)
					 values ($1, 'a-later-sheet', true, 0) returning 1`
				),
				`${name} insert`
			).toBe(expected);
			expect(
				await write(
					claims,
					"update public.program_instruments set enabled = false, position = 3 where program_id = $1 and template_key = 'S1' returning 1"
				),
				`${name} update`
			).toBe(expected);
			expect(
				await write(
					claims,
					"delete from public.program_instruments where program_id = $1 and template_key = 'S1' returning 1"
				),
				`${name} delete`
			).toBe(expected);
			expect(
				await write(
					claims,
					"update public.program_instruments set template_key = 'S2' where program_id = $1 and template_key = 'S1' returning 1"
				),
				`${name} rekey`
			).toBe('refused');
		}
	});
});
