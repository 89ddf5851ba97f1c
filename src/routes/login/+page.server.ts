import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, loginInput } from '$lib/domain/programs/schemas';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '$lib/server/demo/seed';
import { applyCookies, clientIp, localPath, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths count as a place to return to. */
function nextPath(url: URL): string {
	return localPath(url.searchParams.get('next'), '/programs');
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
		const result = await event.locals.runtime.auth.signIn(parsed.data.email, parsed.data.password, {
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
