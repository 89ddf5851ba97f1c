import { fail, redirect } from '@sveltejs/kit';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { applyCookies, signInMeta } from '$lib/server/http';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after signing in: `?next=`, when it is a path on this site. */
function nextPath(url: URL): string {
	return safeRedirectPath(url.searchParams.get('next'), url.origin, '/programs');
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
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!email || !password) return fail(400, { email, error: 'required' as const });
		const result = await event.locals.runtime.auth.signIn(email, password, signInMeta(event));
		if (!result.ok) {
			if (result.reason === 'invalid') return fail(400, { email, error: 'invalid' as const });
			const retryAfterSeconds = result.retryAfterSeconds ?? 60;
			event.setHeaders({ 'retry-after': String(retryAfterSeconds) });
			return fail(429, { email, error: 'rate_limited' as const, retryAfterSeconds });
		}
		applyCookies(event, result.cookies);
		redirect(303, nextPath(event.url));
	}
};
