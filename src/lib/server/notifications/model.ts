/** The one model of notifications: kinds, the e-mail category each belongs to, and deliveries. */

export const NOTIFICATION_KINDS = [
	'message',
	'comment',
	'signature_requested',
	'signature_given',
	'assignment',
	'meeting_planned',
	'meeting_changed',
	'logbook_due',
	'pair_status',
	'meeting_tomorrow',
	'meeting_unheld',
	'pair_stalled',
	'assignment_due',
	'checkin_due',
	'concern_raised',
	'concern_status',
	'reflection_comment',
	'group_meeting',
	'reflection_reaction'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a person chooses e-mail for; each kind belongs to one. */
export const CATEGORIES = [
	'messages',
	'comments',
	'assignments',
	'meetings',
	'reminders',
	'pair'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_OF: Record<NotificationKind, Category> = {
	message: 'messages',
	comment: 'comments',
	signature_requested: 'comments',
	signature_given: 'comments',
	assignment: 'assignments',
	meeting_planned: 'meetings',
	meeting_changed: 'meetings',
	logbook_due: 'reminders',
	pair_status: 'pair',
	meeting_tomorrow: 'reminders',
	meeting_unheld: 'reminders',
	pair_stalled: 'reminders',
	assignment_due: 'reminders',
	checkin_due: 'reminders',
	concern_raised: 'pair',
	concern_status: 'pair',
	reflection_comment: 'comments',
	group_meeting: 'meetings',
	reflection_reaction: 'comments'
};

/**
 * Kinds mailed at once whatever the person chose: a concern raised about a pair (agreement 02's
 * exception) must reach the coordinator now, not in tonight's digest.
 */
export const ALWAYS_MAILED: ReadonlySet<NotificationKind> = new Set(['concern_raised']);

export const DELIVERIES = ['immediate', 'daily', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * Without a choice of their own: messages and assignments once a day (a conversation should not
 * flood the inbox), comments daily too, meetings, reminders and pair changes at once (they are
 * few and time-bound). The column defaults in the migration say the same.
 */
export const DEFAULT_DELIVERY: Record<Category, Delivery> = {
	messages: 'daily',
	comments: 'daily',
	assignments: 'daily',
	meetings: 'immediate',
	reminders: 'immediate',
	pair: 'immediate'
};

export const DEFAULT_DIGEST_HOUR = 17;

/** Values the translated text of a notification may use; never message or sheet content. */
export interface NotificationParams {
	/** The display name of the person who acted. */
	name?: string;
	/** A sheet's template key (its title is shown), meeting number, a date ('YYYY-MM-DD'), a time ('HH:MM'), a pair status, days. */
	sheet?: string;
	number?: number;
	date?: string;
	time?: string;
	status?: string;
	days?: number;
	/** The meeting a reminder is about (the notification page offers "mark held"). */
	meetingId?: string;
	/** A path phase (BR … MO): with `status` 'phase_proposed', 'phase_confirmed', 'phase_declined' or 'phase_set'. */
	phase?: string;
	/** A concern's urgency ('when_possible' | 'soon' | 'urgent'). */
	urgency?: string;
}

/** A same-origin path (never `//host` or a backslash trick). */
export function isSameOriginPath(link: string): boolean {
	// eslint-disable-next-line no-control-regex -- refusing control characters is the point
	return /^\/([^/\\]|$)/.test(link) && link.length <= 500 && !/[\s\u0000-\u001f]/.test(link);
}
