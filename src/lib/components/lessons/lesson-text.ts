import { lessonTitleParts, type Lesson } from '$lib/domain/lesson-titles';
import { errorText, formatDate } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

/** "Les 2: 12 december 2026 · 3B · Latijn", or "Les 1" when nothing names it. */
export function lessonTitle(
	lesson: Pick<Lesson, 'number' | 'lessonDate' | 'className' | 'subject'>,
	locale: string
): string {
	const parts = lessonTitleParts(lesson).map((p, i) =>
		i === 0 && lesson.lessonDate ? formatDate(p, locale) : p
	);
	return parts.length
		? m.lib_lesson_named({ number: lesson.number, title: parts.join(' · ') })
		: m.lib_lesson_number({ number: lesson.number });
}

/** An error key of the lesson form as text. */
export function lessonErrorText(key: string): string {
	switch (key) {
		case 'lib_lesson_title_required':
			return m.lib_lesson_title_required();
		case 'lib_lesson_too_many':
			return m.lib_lesson_too_many();
		default:
			return errorText(key);
	}
}
