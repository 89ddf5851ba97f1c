import { m } from '$lib/paraglide/messages.js';

/** A concern's urgency in the reader's language. */
export function urgencyName(urgency: string): string {
	if (urgency === 'urgent') return m.care_urgency_urgent();
	if (urgency === 'soon') return m.care_urgency_soon();
	return m.care_urgency_when_possible();
}

/** A concern's status in the reader's language. */
export function concernStatusName(status: string): string {
	if (status === 'in_progress') return m.care_status_in_progress();
	if (status === 'closed') return m.care_status_closed();
	return m.care_status_open();
}
