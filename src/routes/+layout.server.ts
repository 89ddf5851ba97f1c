import { getLocale } from '$lib/paraglide/runtime';
import { hasPair } from '$lib/server/home';
import { unreadCount } from '$lib/server/notifications/queries';
import { firstUnreadPair, unreadCounts } from '$lib/server/messages';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const { session, runtime } = locals;
	const unread = session ? await unreadCounts(runtime.db, session.claims) : null;
	return {
		user: session
			? {
					name: session.user.displayName,
					email: session.user.email,
					hasPair: await hasPair(runtime.db, session.claims),
					unreadNotifications: await unreadCount(runtime.db, session.claims),
					messages: { total: unread!.total, pairId: firstUnreadPair(unread!) }
				}
			: null,
		locale: getLocale()
	};
};
