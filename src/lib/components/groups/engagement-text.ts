import type { EngagementStatus } from '$lib/domain/groups/engagement';
import { m } from '$lib/paraglide/messages.js';
import { groupErrorText } from './group-text';

/** The intake per school: status names, badge tones and error texts (messages engage_*). */
const STATUS: Record<EngagementStatus, () => string> = {
	not_started: m.engage_status_not_started,
	intake_recorded: m.engage_status_intake_recorded,
	signed: m.engage_status_signed,
	changed: m.engage_status_changed
};
export const engagementStatusName = (status: EngagementStatus) => STATUS[status]();

const TONES = {
	not_started: 'neutral',
	intake_recorded: 'info',
	signed: 'success',
	changed: 'warning'
} as const satisfies Record<EngagementStatus, 'neutral' | 'info' | 'success' | 'warning'>;
export const engagementTone = (status: EngagementStatus) => TONES[status];

const ERRORS: Record<string, () => string> = {
	engage_already_signed: m.engage_already_signed,
	engage_no_intake_error: m.engage_no_intake_error,
	engage_not_director: m.engage_not_director,
	engage_not_signed: m.engage_not_signed,
	engage_closed: m.engage_closed
};

/** The text of an error key from an engagement action. */
export const engagementErrorText = (key: string | undefined) =>
	(key && ERRORS[key]?.()) || groupErrorText(key);
