import { m } from '$lib/paraglide/messages.js';

/**
 * Error keys (form issues, domain refusals, HTTP errors) and their translated text. Apart from
 * i18n.ts, which re-exports them, so a page that only formats dates does not download every
 * error message (tests/e2e/budget.e2e.ts).
 */
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
