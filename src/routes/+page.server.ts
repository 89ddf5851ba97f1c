import { redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { homeNotifications, loadHome } from '$lib/server/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.session) redirect(303, '/login');
	const { db } = locals.runtime;
	return {
		home: await loadHome(db, locals.session.claims),
		notifications: await homeNotifications(db, locals.session.claims, getLocale())
	};
};
