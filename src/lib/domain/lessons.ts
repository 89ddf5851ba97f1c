import { z } from 'zod';
import { isoDate, plainText } from './input';

/**
 * Lessons (issue #14, 003…: "lesobservatie in de klas", "het gezamenlijk voorbereiden van
 * lessen"): a pair observes and co-prepares more than one lesson, each in a live document of its
 * own. The sheet of the template is lesson 1; further lessons are numbered from 2 and titled by
 * their date, class and subject (migration 20261204000300_library_lessons.sql).
 */
export const LESSON_KEYS = ['lesson-observation', 'lesson-preparation'] as const;
export type LessonKey = (typeof LESSON_KEYS)[number];

export function isLessonKey(key: string): key is LessonKey {
	return (LESSON_KEYS as readonly string[]).includes(key);
}

export const LESSON_TEXT_MAX = 100;
/** At most this many lessons per sheet (the database's check). */
export const LESSON_MAX = 500;

/** The new lesson's title: its date (may be left empty), class and subject. */
export const lessonInput = z
	.object({
		lessonDate: z
			.string()
			.trim()
			.default('')
			.pipe(z.union([z.literal(''), isoDate()])),
		className: plainText().trim().max(LESSON_TEXT_MAX, 'too_long').default(''),
		subject: plainText().trim().max(LESSON_TEXT_MAX, 'too_long').default('')
	})
	.refine((v) => v.lessonDate !== '' || v.className !== '' || v.subject !== '', {
		message: 'lib_lesson_title_required',
		path: ['lessonDate']
	});
export type LessonInput = z.infer<typeof lessonInput>;

/** A lesson: its number, its document and what names it. */
export interface Lesson {
	number: number;
	docName: string;
	lessonDate: string | null;
	className: string;
	subject: string;
}

/** The parts of a lesson's title that are filled in (date as given, ISO), in order. */
export function lessonTitleParts(lesson: Pick<Lesson, 'lessonDate' | 'className' | 'subject'>) {
	return [lesson.lessonDate ?? '', lesson.className, lesson.subject].filter((p) => p !== '');
}
