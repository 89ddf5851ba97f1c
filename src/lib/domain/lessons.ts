import { z } from 'zod';
import { isoDate, plainText } from './input';
import { LESSON_TEXT_MAX } from './lesson-titles';
export * from './lesson-titles';

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
