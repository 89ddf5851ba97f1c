/**
 * A pair keeps several lesson observations (and co-prepared lessons): lesson 1 is the sheet's
 * own document, so existing observations keep working; each further lesson is its own live
 * document, opened by the pair only, listed with its date, class and subject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonInput } from '$lib/domain/lessons';
import type { ProgramRole } from '$lib/domain/policy/types';
import { authorizeDocument } from '$lib/server/collab-access';
import type { CollabUser } from '$lib/server/collab/types';
import type { Database, JwtClaims, SqlValue } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { insertPair } from '$lib/server/pairs/commands';
import { createLesson, findLesson, listLessons } from '$lib/server/pairs/lessons';
import { pairLessonSeries } from '$lib/server/pairs/lesson-actions';
import { collectExport } from '$lib/server/rights/export';
import { erasePerson } from '$lib/server/rights/erasure';
import { strFromU8 } from 'fflate';
import { buildMembership, buildProgram, buildUser, type BuiltUser } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;

async function staffed() {
	const program = await buildProgram(db, { kind: 'teacher_induction' });
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

async function writes(claims: JwtClaims | null, sql: string, params: SqlValue[] = []) {
	try {
		const rows = await db.asUser(claims, (tx) => tx.query(sql, params));
		return rows.length > 0;
	} catch (error) {
		if (/permission denied|row-level security|violates|lesson sheet/.test((error as Error).message))
			return false;
		throw error;
	}
}

const lesson = { lessonDate: '2026-12-03', className: '3 Latijn B', subject: 'Latijn' };

beforeAll(async () => {
	db = await createTestDatabase();
});
afterAll(() => db.close());

describe(`lessons: several observations per pair (${testEngine()})`, () => {
	it('lesson 1 is the existing sheet; the pair adds lessons, each with its own document', async () => {
		const { people, pair } = await staffed();
		const [sheet] = await db.asService((tx) =>
			tx.query<{ doc_name: string }>(
				"select doc_name from public.sheets where pair_id = $1 and template_key = 'lesson-observation'",
				[pair]
			)
		);
		expect(await listLessons(db, people.mentee.claims, pair, 'lesson-observation')).toEqual([
			{ number: 1, docName: sheet.doc_name, lessonDate: null, className: '', subject: '' }
		]);
		expect(
			await createLesson({ db, claims: people.mentor.claims }, pair, 'lesson-observation', lesson)
		).toBe(2);
		expect(
			await createLesson({ db, claims: people.mentee.claims }, pair, 'lesson-observation', {
				lessonDate: '',
				className: '',
				subject: 'Wiskunde'
			})
		).toBe(3);
		const list = await listLessons(db, people.mentee.claims, pair, 'lesson-observation');
		expect(list?.map((l) => [l.number, l.lessonDate, l.className, l.subject])).toEqual([
			[1, null, '', ''],
			[2, '2026-12-03', '3 Latijn B', 'Latijn'],
			[3, null, '', 'Wiskunde']
		]);
		const docs = new Set(list?.map((l) => l.docName));
		expect(docs.size).toBe(3);
		expect(list?.[1].docName).toMatch(new RegExp(`^pair/${pair}/sheet/[0-9a-f-]{36}$`));
		// Lesson preparation is a series of its own.
		expect(
			await createLesson({ db, claims: people.mentor.claims }, pair, 'lesson-preparation', lesson)
		).toBe(2);
		const series = await pairLessonSeries(db, people.mentor.claims, pair, [
			'01-agreement',
			'lesson-preparation',
			'lesson-observation'
		]);
		expect(series.map((s) => [s.key, s.lessons.length])).toEqual([
			['lesson-preparation', 2],
			['lesson-observation', 3]
		]);
		expect(await findLesson(db, pair, 'lesson-observation', 2)).toMatchObject({
			docName: list?.[1].docName
		});
		expect(await findLesson(db, pair, 'lesson-observation', 9)).toBeNull();
	});

	it('only the pair opens a lesson’s document, as they open the sheet', async () => {
		const { people, pair } = await staffed();
		const other = await staffed();
		await createLesson({ db, claims: people.mentor.claims }, pair, 'lesson-observation', lesson);
		const doc = (await findLesson(db, pair, 'lesson-observation', 2))!.docName;
		const authorize = authorizeDocument(db);
		expect(await authorize(socketUser(people.mentor.claims), doc)).toMatchObject({
			access: 'write',
			role: 'mentor'
		});
		expect(await authorize(socketUser(people.mentee.claims), doc)).toMatchObject({
			access: 'write'
		});
		for (const role of ['coordinator', 'supporter', 'observer'] as const)
			expect(await authorize(socketUser(people[role].claims), doc), role).toMatchObject({
				deny: 4403
			});
		expect(await authorize(socketUser(other.people.mentor.claims), doc)).toMatchObject({
			deny: 4403
		});
		// A made-up lesson id in the pair's name is refused like any unknown sheet.
		expect(
			await authorize(
				socketUser(people.mentor.claims),
				`pair/${pair}/sheet/00000000-0000-4000-8000-000000000000`
			)
		).toMatchObject({ deny: 4403 });
	});

	it('nobody else adds or reads lessons; an ended pair adds none', async () => {
		const { people, pair } = await staffed();
		const other = await staffed();
		for (const role of ['coordinator', 'supporter', 'observer'] as const) {
			await expect(
				createLesson({ db, claims: people[role].claims }, pair, 'lesson-observation', lesson),
				role
			).rejects.toBeInstanceOf(DomainError);
			expect(
				await listLessons(db, people[role].claims, pair, 'lesson-observation'),
				role
			).toBeNull();
		}
		await expect(
			createLesson({ db, claims: other.people.mentor.claims }, pair, 'lesson-observation', lesson)
		).rejects.toMatchObject({ key: 'not_found' });
		const [sheets] = await db.asService((tx) =>
			tx.query<{ obs: string; agreement: string }>(
				`select (select id from public.sheets where pair_id = $1 and template_key = 'lesson-observation') as obs,
					(select id from public.sheets where pair_id = $1 and template_key = '01-agreement') as agreement`,
				[pair]
			)
		);
		const insert = (sheet: string, by: string): [string, SqlValue[]] => [
			`insert into public.sheet_lessons (id, sheet_id, pair_id, number, doc_name, created_by)
				 select g.id, $1, $2::uuid, 7, 'pair/' || $2::text || '/sheet/' || g.id::text, $3
				 from (select gen_random_uuid() as id) g returning id`,
			[sheet, pair, by]
		];
		for (const who of [people.coordinator, people.supporter, people.observer, other.people.mentor])
			expect(await writes(who.claims, ...insert(sheets.obs, who.id))).toBe(false);
		expect(await writes(null, ...insert(sheets.obs, people.mentor.id))).toBe(false);
		// In the partner's name, or on a sheet that is not a lesson sheet: refused.
		expect(await writes(people.mentee.claims, ...insert(sheets.obs, people.mentor.id))).toBe(false);
		expect(await writes(people.mentor.claims, ...insert(sheets.agreement, people.mentor.id))).toBe(
			false
		);
		expect(await writes(people.mentor.claims, ...insert(sheets.obs, people.mentor.id))).toBe(true);
		// A person never deletes one.
		expect(
			await writes(
				people.mentor.claims,
				'delete from public.sheet_lessons where pair_id = $1 returning id',
				[pair]
			)
		).toBe(false);
		await db.asService((tx) =>
			tx.query("update public.pairs set status = 'ended' where id = $1", [pair])
		);
		await expect(
			createLesson({ db, claims: people.mentor.claims }, pair, 'lesson-observation', lesson)
		).rejects.toMatchObject({ key: 'forbidden' });
		expect(await listLessons(db, people.mentee.claims, pair, 'lesson-observation')).toHaveLength(2);
	});

	it('a new lesson is named by its date, class or subject; bad input is refused', () => {
		expect(lessonInput.safeParse({}).error?.issues[0].message).toBe('lib_lesson_title_required');
		expect(lessonInput.safeParse({ lessonDate: '2026-02-30' }).success).toBe(false);
		expect(lessonInput.safeParse({ className: 'x'.repeat(101) }).success).toBe(false);
		expect(lessonInput.safeParse({ subject: 'a\u0000b' }).success).toBe(false);
		expect(lessonInput.parse({ className: ' 3B ' })).toEqual({
			lessonDate: '',
			className: '3B',
			subject: ''
		});
	});

	it('the export holds each lesson; the erasure scrubs them and keeps them for the partner', async () => {
		const { people, pair } = await staffed();
		await createLesson({ db, claims: people.mentee.claims }, pair, 'lesson-observation', lesson);
		const entries = await collectExport(db, people.mentor.id);
		const names = [...entries.keys()].filter((k) => k.includes('/sheets/lesson-observation'));
		expect(names.sort()).toEqual([
			expect.stringMatching(/\/sheets\/lesson-observation-lesson-2\.json$/),
			expect.stringMatching(/\/sheets\/lesson-observation\.json$/)
		]);
		const second = names.find((n) => n.endsWith('-lesson-2.json'))!;
		expect(JSON.parse(strFromU8(entries.get(second)!))).toMatchObject({
			lesson: { number: 2, class: '3 Latijn B', subject: 'Latijn' }
		});
		const result = await erasePerson({ db }, people.mentee.id);
		const rows = await db.asService((tx) =>
			tx.query<{ created_by: string }>(
				'select created_by from public.sheet_lessons where pair_id = $1',
				[pair]
			)
		);
		expect(rows).toEqual([{ created_by: result!.placeholderId }]);
		expect(await listLessons(db, people.mentor.claims, pair, 'lesson-observation')).toHaveLength(2);
	});
});
