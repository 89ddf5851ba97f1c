import { redirect } from '@sveltejs/kit';
import { loadHome } from '$lib/server/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.session) redirect(303, '/login');
	return { home: await loadHome(locals.runtime.db, locals.session.claims) };
};
