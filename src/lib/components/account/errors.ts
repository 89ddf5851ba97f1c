import { errorText } from '$lib/i18n';
import { m } from '$lib/paraglide/messages.js';

const ACCOUNT_ERRORS: Record<string, () => string> = {
	acct_email_same: m.acct_email_same,
	acct_email_taken: m.acct_email_taken,
	acct_wrong_password: m.acct_wrong_password,
	acct_not_local: m.acct_not_local,
	acct_code_wrong: m.acct_code_wrong,
	acct_code_format: m.acct_code_format,
	acct_mfa_already_on: m.acct_mfa_already_on,
	acct_mfa_off: m.acct_mfa_off,
	acct_email_link_unknown: m.acct_email_link_unknown,
	acct_email_link_taken: m.acct_email_link_taken
};

/** The text of an account form's error key (falls back to the shared form errors). */
export function accountErrorText(key: string | undefined): string | undefined {
	if (!key) return undefined;
	return ACCOUNT_ERRORS[key]?.() ?? errorText(key);
}

/** A form action's result, narrowed to one form of the page (several share `form`). */
export interface AccountFormResult {
	form?: string;
	errors?: Record<string, string>;
	error?: string;
	saved?: boolean;
	sentTo?: string;
}

export function resultFor(form: unknown, name: string): AccountFormResult | null {
	if (!form || typeof form !== 'object' || (form as AccountFormResult).form !== name) return null;
	return form as AccountFormResult;
}
