import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { codeInput } from '$lib/server/auth/account-input';
import { MFA_COOKIE } from '$lib/server/auth/types';
import { PENDING_PREFIX } from '$lib/server/auth/supabase-mfa';
import { applyCookies, credentialsOf, readForm, signInMeta } from '$lib/server/http';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

const next = (url: URL) => safeRedirectPath(url.searchParams.get('next'), url.origin, '/');

/** The second sign-in step: only reachable with a pending sign-in (a right password). */
export const load: PageServerLoad = ({ locals, url, cookies }) => {
	if (locals.session) redirect(303, next(url));
	const pending =
		cookies.get(MFA_COOKIE) !== undefined ||
		cookies.getAll().some((c) => c.name.startsWith(PENDING_PREFIX));
	if (!pending) redirect(303, `/login${url.search}`);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = codeInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success)
			return fail(400, { error: fieldErrors(parsed.error).code, retryAfterSeconds: 0 });
		const result = await event.locals.runtime.auth.completeSignIn(
			credentialsOf(event),
			parsed.data.code,
			signInMeta(event)
		);
		if (!result.ok) {
			if (result.reason === 'expired') redirect(303, '/login?notice=code_expired');
			if (result.reason === 'rate_limited') {
				const retryAfterSeconds = result.retryAfterSeconds ?? 60;
				event.setHeaders({ 'retry-after': String(retryAfterSeconds) });
				return fail(429, { error: 'rate_limited', retryAfterSeconds });
			}
			return fail(400, { error: 'acct_code_wrong', retryAfterSeconds: 0 });
		}
		applyCookies(event, result.cookies);
		redirect(303, next(event.url));
	}
};
