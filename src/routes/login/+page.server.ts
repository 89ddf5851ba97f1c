import { fail, redirect } from '@sveltejs/kit';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { applyCookies, clientIp } from '$lib/server/http';
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
		const result = await event.locals.runtime.auth.signIn(email, password, {
			ip: clientIp(event),
			userAgent: event.request.headers.get('user-agent') ?? ''
		});
		if (!result.ok) {
			return fail(result.reason === 'rate_limited' ? 429 : 400, {
				email,
				error: result.reason,
				retryMinutes: Math.ceil((result.retryAfterSeconds ?? 60) / 60)
			});
		}
		applyCookies(event, result.cookies);
		redirect(303, nextPath(event.url));
	}
};
