/**
 * Group mentoring (issue #14, "Mentor models"; 003…: "groepsmentoring"): one mentor and several
 * beginning teachers share one workspace. Pure data and schemas: no database.
 */
import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import { MIN_TEACHERS, MAX_TEACHERS } from './vocabulary';
export * from './vocabulary';

/** Error keys: 'required', 'too_long', 'control_characters', 'too_few', 'too_many', 'duplicate'. */
export const mentorGroupInput = z.object({
	name: plainText().trim().min(1, 'required').max(200, 'too_long'),
	mentorId: z.uuid('required'),
	teacherIds: z
		.array(z.uuid('required'))
		.min(MIN_TEACHERS, 'too_few')
		.max(MAX_TEACHERS, 'too_many')
		.refine((ids) => new Set(ids).size === ids.length, 'duplicate')
});
export type MentorGroupInput = z.infer<typeof mentorGroupInput>;
