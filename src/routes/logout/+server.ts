import { redirect } from '@sveltejs/kit';
import { applyCookies, credentialsOf, readForm } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** POST only, so a link or an image cannot sign anybody out. */
export const POST: RequestHandler = async (event) => {
	const form = await readForm(event.request);
	const everywhere = form.get('everywhere') === 'true';
	const { runtime, session } = event.locals;
	const changes = await runtime.auth.signOut(credentialsOf(event), everywhere);
	applyCookies(event, changes);
	if (session) {
		await runtime.onSignedOut({
			userId: session.user.id,
			sessionId: everywhere ? undefined : session.id
		});
	}
	redirect(303, '/login?notice=signed_out');
};
