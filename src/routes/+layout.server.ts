import { getLocale } from '$lib/paraglide/runtime';
import { hasPair } from '$lib/server/home';
import { unreadCount } from '$lib/server/notifications/queries';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.session
		? {
				name: locals.session.user.displayName,
				email: locals.session.user.email,
				hasPair: await hasPair(locals.runtime.db, locals.session.claims),
				unreadNotifications: await unreadCount(locals.runtime.db, locals.session.claims)
			}
		: null,
	locale: getLocale()
});
