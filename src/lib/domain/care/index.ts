import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';
import {
	CHECKIN_COMMENT_MAX,
	CONCERN_REASON_MAX,
	CONCERN_STATUSES,
	CONCERN_URGENCIES,
	SUPPORT_FOLLOW_UP_MAX,
	SUPPORT_NOTE_MAX
} from './constants';

/**
 * Care: check-ins (the evaluation forms of agreement 01), concerns (the exception of agreement 02)
 * and support meetings with a mentor (the quality assurance of 000). Input schemas shared by the
 * forms and the server; issue messages are the error keys the UI translates.
 */

export * from './constants';

const scale = z.coerce.number('required').int('range').min(1, 'range').max(5, 'range');

export const checkinAnswerInput = z.object({
	satisfaction: scale,
	progress: scale,
	comment: plainText().trim().max(CHECKIN_COMMENT_MAX, 'too_long').default('')
});
export type CheckinAnswer = z.infer<typeof checkinAnswerInput>;

export const concernInput = z.object({
	pairId: z.uuid('required'),
	reason: plainText().trim().min(1, 'required').max(CONCERN_REASON_MAX, 'too_long'),
	urgency: z.enum(CONCERN_URGENCIES, 'required')
});
export type ConcernInput = z.infer<typeof concernInput>;

export const concernStatusInput = z.object({
	concernId: z.uuid('required'),
	status: z.enum(CONCERN_STATUSES, 'required')
});

export const supportMeetingInput = z.object({
	mentorId: z.uuid('required'),
	metOn: isoDate().refine((v) => v >= '2000-01-01' && v <= '2100-12-31', 'date_range'),
	note: plainText().trim().max(SUPPORT_NOTE_MAX, 'too_long').default(''),
	followUp: plainText().trim().max(SUPPORT_FOLLOW_UP_MAX, 'too_long').default('')
});
export type SupportMeetingInput = z.infer<typeof supportMeetingInput>;
