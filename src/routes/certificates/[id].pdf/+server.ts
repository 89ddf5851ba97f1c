import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { requireSession } from '$lib/server/http';
import { getCertificate, verifyUrl } from '$lib/server/certificates/certificates';
import { renderCertificatePdf } from '$lib/server/certificates/pdf';
import type { RequestHandler } from './$types';

/** A certificate as a PDF, for its person and the programme's coordinators (RLS decides). */
export const GET: RequestHandler = async (event) => {
	const session = requireSession(event);
	const id = z.uuid().safeParse(event.params.id);
	if (!id.success) error(404, 'not_found');
	const certificate = await getCertificate(event.locals.runtime.db, session.claims, id.data);
	if (!certificate) error(404, 'not_found');
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	const pdf = await renderCertificatePdf(
		certificate,
		locale,
		verifyUrl(event.locals.runtime.config.origin, certificate.code)
	);
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="certificate-${certificate.issuedAt.toISOString().slice(0, 10)}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
