/**
 * Care's constants and shapes, free of zod so the browser pages that show them do not carry a
 * validator (zod probes `new Function`, which the pages' Content-Security-Policy refuses).
 */

/** The answer scale of both check-in questions: 1 (not at all) … 5 (very much). */
export const CHECKIN_SCALE = [1, 2, 3, 4, 5] as const;
export const CHECKIN_COMMENT_MAX = 2000;
/** Days between two periodic check-ins; the programme setting's bounds and default. */
export const CHECKIN_EVERY = { min: 14, max: 365, default: 60 } as const;

export const CONCERN_URGENCIES = ['when_possible', 'soon', 'urgent'] as const;
export type ConcernUrgency = (typeof CONCERN_URGENCIES)[number];
export const CONCERN_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CONCERN_REASON_MAX = 4000;

export const SUPPORT_NOTE_MAX = 4000;
export const SUPPORT_FOLLOW_UP_MAX = 2000;

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
