import { error, fail, redirect } from '@sveltejs/kit';
import { acceptInput, fieldErrors } from '$lib/domain/programs/schemas';
import { applyCookies, readForm, signInMeta, domainFailure } from '$lib/server/http';
import {
	acceptAsSignedIn,
	acceptWithNewAccount,
	describeInvitation
} from '$lib/server/programs/invitations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const invitation = await describeInvitation(locals.runtime.db, params.token);
	if (!invitation) error(404, 'invitation_unknown');
	return {
		invitation: {
			programName: invitation.programName,
			email: invitation.email,
			role: invitation.role,
			state: invitation.state,
			accountExists: invitation.accountExists
		},
		signedInAs: locals.session?.user.email ?? null
	};
};

function domainFail(e: unknown) {
	return domainFailure(e, (key) => ({ errors: { form: key } as Record<string, string> }));
}

export const actions: Actions = {
	create: async (event) => {
		const form = await readForm(event.request);
		const parsed = acceptInput.safeParse({
			displayName: form.get('displayName'),
			password: form.get('password'),
			confirm: form.get('confirm')
		});
		if (!parsed.success) {
			return fail(400, {
				errors: fieldErrors(parsed.error),
				displayName: String(form.get('displayName') ?? '')
			});
		}
		let programId: string;
		try {
			const result = await acceptWithNewAccount(
				event.locals.runtime,
				event.params.token,
				parsed.data,
				signInMeta(event)
			);
			applyCookies(event, result.cookies);
			programId = result.programId;
		} catch (e) {
			return domainFail(e);
		}
		redirect(303, `/programs/${programId}`);
	},
	join: async (event) => {
		const session = event.locals.session;
		if (!session) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
		let programId: string;
		try {
			programId = await acceptAsSignedIn(event.locals.runtime.db, event.params.token, session);
		} catch (e) {
			return domainFail(e);
		}
		redirect(303, `/programs/${programId}`);
	}
};
