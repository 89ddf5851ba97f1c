import { fail } from '@sveltejs/kit';
import { confirmEmailChange } from '$lib/server/auth/email-change';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners that fetch links must not use it up.
export const load: PageServerLoad = ({ locals }) => ({ signedIn: locals.session !== null });

export const actions: Actions = {
	default: async (event) => {
		const { runtime, session } = event.locals;
		const result = await confirmEmailChange(
			{ db: runtime.db, mailer: runtime.mailer, origin: runtime.config.origin },
			event.params.token,
			session?.provider === 'local' ? session.id : null
		);
		if (!result.ok) return fail(400, { error: `acct_email_link_${result.reason}` });
		for (const id of result.endedSessions) {
			await runtime.onSignedOut({ userId: result.userId, sessionId: id });
		}
		return { confirmed: result.email };
	}
};
