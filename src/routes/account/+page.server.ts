import { requireSession } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const session = requireSession(event);
	return { email: session.user.email, name: session.user.displayName };
};
