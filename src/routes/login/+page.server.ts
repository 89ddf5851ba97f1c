import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, loginInput } from '$lib/domain/programs/schemas';
import { mfaSetupPath } from '$lib/server/auth/mfa';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { applyCookies, readForm, signInMeta } from '$lib/server/http';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after signing in: `?next=`, when it is a path on this site. */
function nextPath(url: URL): string {
	return safeRedirectPath(url.searchParams.get('next'), url.origin, '/');
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.session) redirect(303, nextPath(url));
	return {
		demo: locals.runtime.config.seedDemo
			? { email: DEMO_ACCOUNTS[0].email, password: DEMO_PASSWORD }
			: null,
		notice: url.searchParams.get('notice')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const email = String(form.get('email') ?? '').trim();
		const parsed = loginInput.safeParse({ email, password: form.get('password') });
		if (!parsed.success) {
			const errors = fieldErrors(parsed.error);
			const key = errors.email ?? errors.password;
			const error: 'control_characters' | 'too_long' | 'required' =
				key === 'control_characters' || key === 'too_long' ? key : 'required';
			return fail(400, { email, error });
		}
		const result = await event.locals.runtime.auth.signIn(
			parsed.data.email,
			parsed.data.password,
			signInMeta(event)
		);
		if (!result.ok) {
			if (result.reason === 'mfa_required') {
				applyCookies(event, result.cookies);
				const next = event.url.searchParams.get('next');
				redirect(303, `/login/code${next ? `?next=${encodeURIComponent(next)}` : ''}`);
			}
			if (result.reason === 'invalid') return fail(400, { email, error: 'invalid' as const });
			const retryAfterSeconds = result.retryAfterSeconds ?? 60;
			event.setHeaders({ 'retry-after': String(retryAfterSeconds) });
			return fail(429, { email, error: 'rate_limited' as const, retryAfterSeconds });
		}
		applyCookies(event, result.cookies);
		// A coordinator whose programme requires a second step and who has none sets it up first.
		const setup = await mfaSetupPath(event.locals.runtime.db, result.session);
		redirect(303, setup ?? nextPath(event.url));
	}
};
