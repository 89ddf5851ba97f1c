import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors, passwordInput } from '$lib/domain/programs/schemas';
import { readForm } from '$lib/server/http';
import type { Actions } from './$types';

const input = z
	.object({ password: passwordInput, confirm: z.string() })
	.refine((v) => v.password === v.confirm, { message: 'password_mismatch', path: ['confirm'] });

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const form = await readForm(request);
		const parsed = input.safeParse({
			password: form.get('password'),
			confirm: form.get('confirm')
		});
		if (!parsed.success)
			return fail(400, { errors: fieldErrors(parsed.error), invalidLink: false });
		const reset = await locals.runtime.auth.resetPassword(params.token, parsed.data.password);
		if (!reset) return fail(410, { errors: {} as Record<string, string>, invalidLink: true });
		// A new password ends every session, and with them every open collaboration socket.
		await locals.runtime.onSignedOut({ userId: reset.userId });
		redirect(303, '/login?notice=password_changed');
	}
};
