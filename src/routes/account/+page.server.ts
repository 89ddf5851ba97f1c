import { fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { changePassword, updateProfile } from '$lib/server/auth/account-settings';
import {
	emailChangeInput,
	passwordChangeInput,
	profileInput
} from '$lib/server/auth/account-input';
import { requestEmailChange } from '$lib/server/auth/email-change';
import { sendSecurityNotice } from '$lib/server/auth/security-mail';
import { feedStatus, rotateFeedSecret } from '$lib/server/calendar/feed';
import { credentialsOf, readForm, requireSession } from '$lib/server/http';
import { CATEGORIES } from '$lib/server/notifications/model';
import {
	getPreferences,
	preferencesInput,
	savePreferences
} from '$lib/server/notifications/preferences';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	const { runtime } = event.locals;
	return {
		email: session.user.email,
		name: session.user.displayName,
		locale: session.user.locale,
		provider: session.provider,
		mfa: await runtime.auth.mfa.status(credentialsOf(event), session),
		calendarFeed: await feedStatus(runtime.db, session.claims),
		categories: CATEGORIES,
		preferences: await getPreferences(runtime.db, session.claims)
	};
};

export const actions: Actions = {
	/** Name and language. The language also becomes this browser's interface language. */
	profile: async (event) => {
		const session = requireSession(event);
		const parsed = profileInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { form: 'profile', errors: fieldErrors(parsed.error) });
		await updateProfile(event.locals.runtime.db, session.claims, parsed.data);
		event.cookies.set(cookieName, parsed.data.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			httpOnly: false,
			secure: event.url.protocol === 'https:'
		});
		return { form: 'profile', saved: true };
	},

	/** Sends a confirmation link to the new address; nothing changes until it is opened. */
	email: async (event) => {
		const session = requireSession(event);
		if (session.provider !== 'local') return fail(400, { form: 'email', error: 'acct_not_local' });
		const parsed = emailChangeInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { form: 'email', errors: fieldErrors(parsed.error) });
		const { db, mailer, config } = event.locals.runtime;
		const result = await requestEmailChange(
			{ db, mailer, origin: config.origin },
			session.user,
			parsed.data.email
		);
		if (!result.ok) {
			return fail(400, { form: 'email', errors: { email: `acct_email_${result.reason}` } });
		}
		return { form: 'email', sentTo: parsed.data.email };
	},

	/** A new password with the current one; other devices are signed out and the person told. */
	password: async (event) => {
		const session = requireSession(event);
		if (session.provider !== 'local') {
			return fail(400, { form: 'password', error: 'acct_not_local' });
		}
		const parsed = passwordChangeInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { form: 'password', errors: fieldErrors(parsed.error) });
		const { runtime } = event.locals;
		const result = await changePassword(runtime.db, {
			userId: session.user.id,
			current: parsed.data.current,
			next: parsed.data.password,
			keepSessionId: session.id
		});
		if (!result.ok) {
			return fail(400, { form: 'password', errors: { current: 'acct_wrong_password' } });
		}
		for (const id of result.endedSessions) {
			await runtime.onSignedOut({ userId: session.user.id, sessionId: id });
		}
		await sendSecurityNotice(
			runtime.mailer,
			session.user.email,
			session.user.locale,
			'password',
			runtime.config.origin
		);
		return { form: 'password', saved: true };
	},

	/** A new calendar feed secret; the old URL stops working. The URL is shown this once. */
	calendarFeed: async (event) => {
		const session = requireSession(event);
		const secret = await rotateFeedSecret(event.locals.runtime.db, session.claims);
		return { calendarUrl: `${event.locals.runtime.config.origin}/calendar/${secret}.ics` };
	},
	preferences: async (event) => {
		const session = requireSession(event);
		const parsed = preferencesInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) {
			return fail(400, { form: 'preferences', errors: fieldErrors(parsed.error), saved: false });
		}
		await savePreferences(event.locals.runtime.db, session.claims, parsed.data);
		return { form: 'preferences', saved: true, errors: {} as Record<string, string> };
	}
};
