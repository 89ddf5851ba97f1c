import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { readForm } from '$lib/server/http';
import { safeRedirectPath } from '$lib/server/safe-redirect';
import type { RequestHandler } from './$types';

/** Language switch that works without JavaScript: sets the locale cookie and goes back. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await readForm(request);
	const locale = String(form.get('locale') ?? '');
	const back = form.get('back');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			httpOnly: false,
			secure: url.protocol === 'https:'
		});
	}
	// Only same-site paths, never an open redirect.
	redirect(303, safeRedirectPath(back, url.origin, '/'));
};
