import { m } from '$lib/paraglide/messages.js';
import { dateFormat, formatCalendarDay } from '$lib/domain/intl';
import type { ProgramRole } from '$lib/domain/policy/types';
import type { ProgramKind } from '$lib/domain/programs/schemas';
import { PROGRAM_TIME_ZONE } from '$lib/domain/time';

const ERRORS: Record<string, () => string> = {
	required: m.errors_required,
	email: m.errors_email,
	date: m.errors_date,
	date_range: m.errors_date_range,
	period_too_long: m.errors_period_too_long,
	control_characters: m.errors_control_characters,
	bad_request: m.errors_bad_request,
	unsupported_body: m.errors_unsupported_body,
	order: m.errors_order,
	range: m.errors_range,
	whole: m.errors_whole,
	too_long: m.errors_too_long,
	name_too_long: m.errors_name_too_long,
	password_short: m.errors_password_short,
	password_mismatch: m.errors_password_mismatch,
	already_member: m.errors_already_member,
	not_yourself: m.errors_not_yourself,
	last_coordinator: m.errors_last_coordinator,
	invitation_used: m.errors_invitation_used,
	not_found: m.errors_not_found,
	forbidden: m.errors_forbidden,
	invitation_unknown: m.invite_unknown,
	invitation_expired: m.invite_state_expired,
	invitation_revoked: m.invite_state_revoked,
	invitation_accepted: m.invite_state_accepted,
	invitation_other_account: m.errors_forbidden,
	url: m.errors_url,
	pair_roles: m.errors_pair_roles,
	not_signable: m.errors_not_signable,
	not_copyable: m.errors_not_copyable,
	nothing_to_copy: m.errors_nothing_to_copy,
	duplicate_rank: m.errors_duplicate_rank,
	instr_switched_off: m.instr_switched_off,
	instr_invalid_list: m.instr_invalid_list,
	pool_not_allowed: m.pool_err_not_allowed,
	pool_already_paired: m.pool_err_already_paired,
	pool_still_used: m.pool_err_still_used,
	eval_not_mentor: m.eval_err_not_mentor,
	eval_is_mentor: m.eval_err_is_mentor,
	eval_coordinator: m.eval_err_coordinator,
	eval_roles: m.eval_err_roles,
	eval_exists: m.eval_err_exists
};

/** Whether the server's key has a specific translation (else a generic text is shown). */
export const hasErrorText = (key: string | undefined): boolean => !!key && key in ERRORS;

/** The translated text of an error key sent by the server. */
export function errorText(key: string | undefined): string {
	return (key && ERRORS[key]?.()) || m.errors_server_error();
}

const ROLES: Record<ProgramRole, () => string> = {
	coordinator: m.role_coordinator,
	supporter: m.role_supporter,
	mentor: m.role_mentor,
	mentee: m.role_mentee,
	observer: m.role_observer
};
export const roleName = (role: ProgramRole) => ROLES[role]();

const KINDS: Record<ProgramKind, () => string> = {
	school_leader: m.kind_school_leader,
	teacher_induction: m.kind_teacher_induction,
	youth: m.kind_youth,
	learning_community: m.kind_learning_community
};
export const kindName = (kind: ProgramKind) => KINDS[kind]();

/** A calendar date ('YYYY-MM-DD') in the reader's language, without time-zone shifts. */
export function formatDate(iso: string, locale: string): string {
	return formatCalendarDay(iso, locale);
}

const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
	dateFormat(locale, { ...options, timeZone: PROGRAM_TIME_ZONE });

/** The hour and minute of a moment, in the programme's time zone (same on server and browser). */
export function formatTime(value: Date | string, locale: string): string {
	return dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		new Date(value)
	);
}

/** Date and time of a moment, in the programme's time zone. */
export function formatDateTime(value: Date | string, locale: string): string {
	return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
		new Date(value)
	);
}

const PHASES = {
	BR: m.path_phase_BR,
	SD: m.path_phase_SD,
	P: m.path_phase_P,
	WU: m.path_phase_WU,
	MO: m.path_phase_MO
} as const;
export const phaseName = (phase: keyof typeof PHASES) => PHASES[phase]();

const PAIR_STATUSES = {
	proposed: m.pair_status_proposed,
	active: m.pair_status_active,
	paused: m.pair_status_paused,
	exit_requested: m.pair_status_exit_requested,
	ended: m.pair_status_ended
} as const;
export const pairStatusName = (status: keyof typeof PAIR_STATUSES) => PAIR_STATUSES[status]();
