/**
 * Lessons without their input schema (lessons.ts holds it): the keys of the lesson sheets, the
 * title limits and a lesson's title parts. No zod, so the browser can import it: zod builds its
 * schemas with `new Function`, which the Content-Security-Policy refuses.
 */

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
