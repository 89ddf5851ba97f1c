import { m } from '$lib/paraglide/messages.js';
import { errorText } from '$lib/i18n';

const PATH_ERRORS: Record<string, () => string> = {
	path_not_allowed: m.path_err_not_allowed,
	path_not_active: m.path_err_not_active,
	path_not_next: m.path_err_not_next,
	path_already_proposed: m.path_err_already_proposed,
	path_not_open: m.path_err_not_open,
	path_not_paused: m.path_err_not_paused,
	path_paused_by_coordinator: m.path_err_paused_by_coordinator,
	path_not_moving_on: m.path_err_not_moving_on,
	path_closing_first: m.path_err_closing_first,
	path_ended: m.path_err_ended
};

/** The translated text of a refusal of the path (a `path_…` key, or a general error key). */
export function pathErrorText(key: string): string {
	return PATH_ERRORS[key]?.() ?? errorText(key);
}
