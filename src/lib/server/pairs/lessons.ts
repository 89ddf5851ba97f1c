/**
 * A pair's lessons (observation, co-preparation): the sheet of the template is lesson 1, each
 * further lesson a row of `public.sheet_lessons` with a live document of its own. Listing and
 * adding run as the person, so row-level security decides as well (the pair's mentor and mentee
 * read; they add while the pair runs); the collaboration server finds a lesson's template through
 * {@link lessonTemplateKey}.
 */
import { randomUUID } from 'node:crypto';
import { LESSON_MAX, type Lesson, type LessonInput, type LessonKey } from '$lib/domain/lessons';
import { formatDocumentName } from '$lib/shared/collab';
import type { Database, JwtClaims, Tx } from '../db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '../context';

interface LessonRow {
	number: number;
	docName: string;
	lessonDate: string | null;
	className: string;
	subject: string;
}

const COLUMNS = `l.number, l.doc_name as "docName", l.lesson_date::text as "lessonDate",
	l.class_name as "className", l.subject`;

async function lessonsIn(tx: Tx, pairId: string, key: LessonKey): Promise<Lesson[] | null> {
	const sheets = await tx.query<{ id: string; docName: string }>(
		`select id, doc_name as "docName" from public.sheets where pair_id = $1 and template_key = $2`,
		[pairId, key]
	);
	if (!sheets[0]) return null;
	const rows = await tx.query<LessonRow>(
		`select ${COLUMNS} from public.sheet_lessons l where l.sheet_id = $1 order by l.number`,
		[sheets[0].id]
	);
	return [
		{ number: 1, docName: sheets[0].docName, lessonDate: null, className: '', subject: '' },
		...rows.map((r) => ({ ...r, number: Number(r.number) }))
	];
}

/** The lessons of a pair's lesson sheet, lesson 1 first; null when the pair has no such sheet. */
export async function listLessons(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	key: LessonKey
): Promise<Lesson[] | null> {
	return db.asUser(claims, (tx) => lessonsIn(tx, pairId, key));
}

/**
 * One lesson of a pair's sheet by number, read as the service (the caller has been allowed the
 * pair's sheet by the policy, like `findSheet`); null when there is none.
 */
export async function findLesson(
	db: Database,
	pairId: string,
	key: LessonKey,
	number: number
): Promise<Lesson | null> {
	return db.asService(async (tx) => {
		const lessons = await lessonsIn(tx, pairId, key);
		return lessons?.find((l) => l.number === number) ?? null;
	});
}

/**
 * Adds the next lesson to a pair's lesson sheet, titled by date, class and subject, and returns
 * its number. The mentor and mentee of a pair that runs only (the database refuses anyone else).
 */
export async function createLesson(
	ctx: CommandContext,
	pairId: string,
	key: LessonKey,
	input: LessonInput
): Promise<number> {
	const { db, claims } = ctx;
	return db.asUser(claims, async (tx) => {
		const [sheet] = await tx.query<{ id: string; program: string; writable: boolean }>(
			`select s.id, p.program_id as program, private.my_writable_pair_role(p.id) is not null as writable
			 from public.sheets s join public.pairs p on p.id = s.pair_id
			 where s.pair_id = $1 and s.template_key = $2`,
			[pairId, key]
		);
		if (!sheet) throw new DomainError('not_found', 'not_found');
		if (!sheet.writable) throw new DomainError('forbidden', 'forbidden');
		const [{ next }] = await tx.query<{ next: number }>(
			'select coalesce(max(number), 1) + 1 as next from public.sheet_lessons where sheet_id = $1',
			[sheet.id]
		);
		const number = Number(next);
		if (number > LESSON_MAX) throw new DomainError('conflict', 'lib_lesson_too_many');
		const id = randomUUID();
		await tx.query(
			`insert into public.sheet_lessons
				(id, sheet_id, pair_id, number, lesson_date, class_name, subject, doc_name, created_by)
			 values ($1, $2, $3, $4, $5, $6, $7, $8, auth.uid())`,
			[
				id,
				sheet.id,
				pairId,
				number,
				input.lessonDate || null,
				input.className,
				input.subject,
				formatDocumentName({ kind: 'sheet', pairId, sheetId: id })
			]
		);
		await audit(tx, 'sheet.lesson_create', 'sheet', sheet.id, sheet.program, { key, number });
		return number;
	});
}

/** The template of a lesson's document (not lesson 1's: that is the sheet's own), or null. */
export async function lessonTemplateKey(
	db: Database,
	docName: string,
	pairId: string
): Promise<string | null> {
	const rows = await db.asService((tx) =>
		tx.query<{ key: string }>(
			`select s.template_key as key from public.sheet_lessons l join public.sheets s on s.id = l.sheet_id
			 where l.doc_name = $1 and l.pair_id = $2`,
			[docName, pairId]
		)
	);
	return rows[0]?.key ?? null;
}
