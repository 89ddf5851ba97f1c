import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.session
		? { name: locals.session.user.displayName, email: locals.session.user.email }
		: null,
	locale: getLocale()
});
