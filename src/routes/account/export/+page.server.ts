import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import { readForm, requireSession } from '$lib/server/http';
import {
	auditAboutMe,
	myErasureRequest,
	myExports,
	requestErasure,
	requestExport,
	RightsError,
	withdrawErasure
} from '$lib/server/rights';
import type { Actions, PageServerLoad } from './$types';

const pageOf = (url: URL) => {
	const page = Number(url.searchParams.get('auditPage') ?? '0');
	return Number.isInteger(page) && page >= 0 && page <= 10_000 ? page : 0;
};

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	const { db } = event.locals.runtime;
	const auditPage = pageOf(event.url);
	return {
		exports: await myExports(db, session.claims),
		request: await myErasureRequest(db, session.claims),
		audit: await auditAboutMe(db, session.claims, auditPage),
		auditPage
	};
};

const erasureInput = z.object({
	reason: plainText().trim().max(2000),
	understood: z.literal('yes')
});

/** Where a form came from: the account page's section, or this page. */
const back = (form: FormData) =>
	form.get('from') === 'account' ? '/account#data-rights' : '/account/export#erase';

export const actions: Actions = {
	/** A new export: the row and its job; the page shows its progress. */
	create: async (event) => {
		const session = requireSession(event);
		const { db, jobs } = event.locals.runtime;
		const id = await requestExport(db, session.user.id);
		// Start at once rather than at the runner's next tick (ticks are serialised).
		void jobs.tick().catch(() => 0);
		return { created: id };
	},
	erase: async (event) => {
		const session = requireSession(event);
		const form = await readForm(event.request);
		const parsed = erasureInput.safeParse({
			reason: form.get('reason') ?? '',
			understood: form.get('understood')
		});
		if (!parsed.success) {
			const field = parsed.error.issues[0]?.path[0];
			return fail(400, { eraseError: field === 'understood' ? 'understood' : 'reason' });
		}
		const { db, mailer, config } = event.locals.runtime;
		try {
			await requestErasure(db, session.claims, parsed.data.reason, {
				mailer,
				origin: config.origin
			});
		} catch (e) {
			if (e instanceof RightsError) return fail(e.status, { eraseError: e.code });
			throw e;
		}
		redirect(303, back(form));
	},
	withdraw: async (event) => {
		const session = requireSession(event);
		const form = await readForm(event.request);
		await withdrawErasure(event.locals.runtime.db, session.claims);
		redirect(303, back(form));
	}
};
