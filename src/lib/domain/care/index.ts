import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';

/**
 * Care: check-ins (the evaluation forms of agreement 01), concerns (the exception of agreement 02)
 * and support meetings with a mentor (the quality assurance of 000). Input schemas shared by the
 * forms and the server; issue messages are the error keys the UI translates.
 */

/** The answer scale of both check-in questions: 1 (not at all) … 5 (very much). */
export const CHECKIN_SCALE = [1, 2, 3, 4, 5] as const;
export const CHECKIN_COMMENT_MAX = 2000;
/** Days between two periodic check-ins; the programme setting's bounds and default. */
export const CHECKIN_EVERY = { min: 14, max: 365, default: 60 } as const;

const scale = z.coerce.number('required').int('range').min(1, 'range').max(5, 'range');

export const checkinAnswerInput = z.object({
	satisfaction: scale,
	progress: scale,
	comment: plainText().trim().max(CHECKIN_COMMENT_MAX, 'too_long').default('')
});
export type CheckinAnswer = z.infer<typeof checkinAnswerInput>;

export const CONCERN_URGENCIES = ['when_possible', 'soon', 'urgent'] as const;
export type ConcernUrgency = (typeof CONCERN_URGENCIES)[number];
export const CONCERN_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_REASON_MAX = 4000;

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

export const SUPPORT_NOTE_MAX = 4000;
export const SUPPORT_FOLLOW_UP_MAX = 2000;

export const supportMeetingInput = z.object({
	mentorId: z.uuid('required'),
	metOn: isoDate().refine((v) => v >= '2000-01-01' && v <= '2100-12-31', 'date_range'),
	note: plainText().trim().max(SUPPORT_NOTE_MAX, 'too_long').default(''),
	followUp: plainText().trim().max(SUPPORT_FOLLOW_UP_MAX, 'too_long').default('')
});
export type SupportMeetingInput = z.infer<typeof supportMeetingInput>;

/** One cell of the check-in summary; a suppressed cell carries no numbers. */
export interface CheckinSummaryCell {
	category: string;
	respondents: number | null;
	satisfaction: number | null;
	progress: number | null;
	suppressed: boolean;
}

export interface CheckinSummary {
	/** Per quarter of the answer date ('2026-Q3'), oldest first. */
	periods: CheckinSummaryCell[];
	/** Per phase of the pair when the check-in was sent (BR … MO). */
	phases: CheckinSummaryCell[];
	minGroupSize: number;
}
