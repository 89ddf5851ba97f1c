import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { readForm, domainFailure } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import {
	certificatePreview,
	issueCertificate,
	pairCertificates,
	revokeCertificate,
	verifyUrl
} from '$lib/server/certificates/certificates';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The coordinator's view of one pair's certificate: what it would say, and what was issued. */
async function context(event: RequestEvent) {
	const { session, program } = await requireProgram(event, 'edit');
	const pairId = z.uuid().safeParse(event.params.pairId);
	if (!pairId.success) error(404, 'not_found');
	const preview = await certificatePreview(
		event.locals.runtime.db,
		session.claims,
		program.id,
		pairId.data
	);
	if (!preview) error(404, 'not_found');
	return { session, preview };
}

export const load: PageServerLoad = async (event) => {
	const { session, preview } = await context(event);
	const certificates = await pairCertificates(
		event.locals.runtime.db,
		session.claims,
		preview.pairId
	);
	return {
		preview,
		certificates: certificates.map((c) => ({
			id: c.id,
			personName: c.personName,
			issuedAt: c.issuedAt.toISOString(),
			revokedAt: c.revokedAt?.toISOString() ?? null,
			code: c.code,
			url: verifyUrl(event.locals.runtime.config.origin, c.code)
		}))
	};
};

const revokeInput = z.object({ certificate: z.uuid() });

async function attempt(work: () => Promise<unknown>) {
	try {
		await work();
	} catch (e) {
		return domainFailure(e);
	}
	return null;
}

export const actions: Actions = {
	issue: async (event) => {
		const { session, preview } = await context(event);
		const failed = await attempt(() =>
			issueCertificate(event.locals.runtime.db, session.claims, preview.pairId, 'mentee')
		);
		return failed ?? { issued: true };
	},
	revoke: async (event) => {
		const { session } = await context(event);
		const input = revokeInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!input.success) return fail(400, { error: 'not_found' });
		const failed = await attempt(() =>
			revokeCertificate(event.locals.runtime.db, session.claims, input.data.certificate)
		);
		return failed ?? { revoked: true };
	}
};
