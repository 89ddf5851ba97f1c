import { m } from '$lib/paraglide/messages.js';
import { formatCalendarDay } from '$lib/domain/intl';
import { getTemplate } from '$lib/domain/templates';
import { phaseText } from './path-text';
import type { Category, NotificationKind, NotificationParams } from './model';

export type Locale = 'nl' | 'en';

const STATUS_NAMES: Record<string, (locale: Locale) => string> = {
	proposed: (locale) => m.pair_status_proposed({}, { locale }),
	active: (locale) => m.pair_status_active({}, { locale }),
	paused: (locale) => m.pair_status_paused({}, { locale }),
	exit_requested: (locale) => m.pair_status_exit_requested({}, { locale }),
	ended: (locale) => m.pair_status_ended({}, { locale })
};

/** The word for a pair's status, e.g. "beëindigd"; empty for an unknown status. */
export function pairStatusName(status: string, locale: Locale): string {
	return STATUS_NAMES[status]?.(locale) ?? '';
}

function urgencyName(urgency: string | undefined, locale: Locale): string {
	const o = { locale };
	if (urgency === 'urgent') return m.care_urgency_urgent({}, o);
	if (urgency === 'soon') return m.care_urgency_soon({}, o);
	return m.care_urgency_when_possible({}, o);
}

function concernStatusName(status: string | undefined, locale: Locale): string {
	const o = { locale };
	if (status === 'in_progress') return m.care_status_in_progress({}, o);
	if (status === 'closed') return m.care_status_closed({}, o);
	return m.care_status_open({}, o);
}

function date(iso: string | undefined, locale: Locale): string {
	if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
	return formatCalendarDay(iso, locale, 'dayMonth');
}

/**
 * The sentence of a notification in a language; `count` folds several of one kind together (a
 * digest line). Only the values in `params` appear, never message or sheet content.
 */
export function notificationText(
	kind: NotificationKind,
	params: NotificationParams,
	locale: Locale,
	count = 1
): string {
	const o = { locale };
	const name = params.name ?? '';
	// A sheet is named by its template key; its title is the reader's language.
	const sheet = params.sheet ? (getTemplate(params.sheet)?.title[locale] ?? params.sheet) : '';
	const number = params.number ?? '';
	const when = date(params.date, locale);
	let text: string;
	switch (kind) {
		case 'message':
			return m.notif_kind_message({ count, name }, o);
		case 'comment':
			return m.notif_kind_comment({ count, name, sheet }, o);
		case 'signature_requested':
			text = m.notif_kind_signature_requested({ name, sheet }, o);
			break;
		case 'signature_given':
			text = m.notif_kind_signature_given({ name, sheet }, o);
			break;
		case 'assignment':
			text = m.notif_kind_assignment({ name, sheet }, o);
			break;
		case 'meeting_planned':
			text = m.notif_kind_meeting_planned({ name, number, date: when }, o);
			break;
		case 'meeting_changed':
			text = m.notif_kind_meeting_changed({ name, number, date: when }, o);
			break;
		case 'logbook_due':
			text = m.notif_kind_logbook_due({ number }, o);
			break;
		case 'pair_status':
			if (params.phase) {
				text = phaseText(params.status, name, params.phase, locale);
				break;
			}
			text = m.notif_kind_pair_status(
				{ status: STATUS_NAMES[params.status ?? '']?.(locale) ?? '' },
				o
			);
			break;
		case 'meeting_tomorrow':
			text = m.notif_kind_meeting_tomorrow({ number }, o);
			break;
		case 'meeting_unheld':
			text = m.notif_kind_meeting_unheld({ number, date: when }, o);
			break;
		case 'pair_stalled':
			text = m.notif_kind_pair_stalled({ days: params.days ?? '' }, o);
			break;
		case 'assignment_due':
			text = m.notif_kind_assignment_due({ sheet }, o);
			break;
		case 'checkin_due':
			text = m.care_notif_checkin_due({}, o);
			break;
		case 'concern_raised':
			text = m.care_notif_concern_raised({ urgency: urgencyName(params.urgency, locale) }, o);
			break;
		case 'concern_status':
			text = m.care_notif_concern_status({ status: concernStatusName(params.status, locale) }, o);
			break;
		case 'reflection_comment':
			text = m.lg_notif_reflection_comment({ name }, o);
			break;
		case 'group_meeting':
			text = m.lg_notif_group_meeting({ name, date: when }, o);
			break;
		case 'reflection_reaction':
			text = m.reflect_notif_reaction({ name }, o);
			break;
	}
	return count > 1 ? `${text} ${m.notif_times({ count }, o)}` : text;
}

export function categoryName(category: Category, locale: Locale): string {
	const o = { locale };
	switch (category) {
		case 'messages':
			return m.notif_category_messages({}, o);
		case 'comments':
			return m.notif_category_comments({}, o);
		case 'assignments':
			return m.notif_category_assignments({}, o);
		case 'meetings':
			return m.notif_category_meetings({}, o);
		case 'reminders':
			return m.notif_category_reminders({}, o);
		case 'pair':
			return m.notif_category_pair({}, o);
	}
}

export const asLocale = (value: string | null | undefined): Locale =>
	value === 'en' ? 'en' : 'nl';
