/**
 * The pair page's lessons: the series of each lesson sheet the pair sees, and the form action
 * that adds a lesson and opens it (validated here, written by {@link createLesson}).
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { isLessonKey, lessonInput, type Lesson } from '$lib/domain/lessons';
import { can } from '$lib/domain/policy';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { getTemplate } from '$lib/domain/templates';
import type { LocalizedText } from '$lib/domain/templates/types';
import type { Database, JwtClaims } from '../db/types';
import { DomainError } from '$lib/server/errors';
import { readForm } from '../http';
import { pairSeesSheet } from '../programs/instruments';
import { createLesson, listLessons } from './lessons';
import { requirePair } from './load';

export interface LessonSeries {
	key: string;
	title: LocalizedText;
	lessons: Lesson[];
}

/** The lesson series of the sheets the pair sees (`visible`: their template keys), in that order. */
export async function pairLessonSeries(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	visible: readonly string[]
): Promise<LessonSeries[]> {
	const keys = visible.filter(isLessonKey);
	const series = await Promise.all(
		keys.map(async (key) => ({
			key,
			title: getTemplate(key)?.title ?? { nl: key, en: key },
			lessons: (await listLessons(db, claims, pairId, key)) ?? []
		}))
	);
	return series.filter((s) => s.lessons.length > 0);
}

/** Adds the next lesson of a series and opens it; a refusal is a 4xx with the form kept. */
export async function newLessonAction(event: RequestEvent) {
	const { session, actor, pair } = await requirePair(event, 'open_workspace');
	const form = await readForm(event.request);
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : undefined;
	};
	const key = text('key') ?? '';
	const values = {
		lessonDate: text('lessonDate'),
		className: text('className'),
		subject: text('subject')
	};
	if (!isLessonKey(key))
		return fail(400, { lesson: { key, errors: { form: 'bad_request' }, values } });
	if (!can(actor, 'edit', { type: 'sheet', pair, templateKey: key }))
		return fail(403, { lesson: { key, errors: { form: 'forbidden' }, values } });
	const parsed = lessonInput.safeParse(values);
	if (!parsed.success)
		return fail(400, { lesson: { key, errors: fieldErrors(parsed.error), values } });
	const { db } = event.locals.runtime;
	if (!(await pairSeesSheet(db, pair.id, key)))
		return fail(400, { lesson: { key, errors: { form: 'instr_switched_off' }, values } });
	let number: number;
	try {
		number = await createLesson({ db, claims: session.claims }, pair.id, key, parsed.data);
	} catch (e) {
		if (e instanceof DomainError)
			return fail(e.status, { lesson: { key, errors: { form: e.key }, values } });
		throw e;
	}
	redirect(303, `/pairs/${pair.id}/sheets/${key}?lesson=${number}`);
}
