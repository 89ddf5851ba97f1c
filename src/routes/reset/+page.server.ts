import { fail } from '@sveltejs/kit';
import { emailInput } from '$lib/domain/programs/schemas';
import { clientIp, readForm } from '$lib/server/http';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const parsed = emailInput.safeParse(String(form.get('email') ?? ''));
		if (!parsed.success)
			return fail(400, { email: String(form.get('email') ?? ''), error: 'email' });
		await event.locals.runtime.auth.requestPasswordReset(parsed.data, { ip: clientIp(event) });
		// The same answer whether or not the address has an account.
		return { sent: true };
	}
};
