import { error } from '@sveltejs/kit';
import { clientIp } from '$lib/server/http';
import { verifyCertificate, verifyLimiter } from '$lib/server/certificates/certificates';
import type { PageServerLoad } from './$types';

/** Public: the facts of the certificate with this exact code, and whether it was revoked. */
export const load: PageServerLoad = async (event) => {
	const wait = await verifyLimiter.hit(clientIp(event));
	if (wait !== null) {
		event.setHeaders({ 'retry-after': String(Math.ceil(wait)) });
		error(429, 'cert_verify_too_many');
	}
	const facts = await verifyCertificate(event.locals.runtime.db, event.params.code);
	if (!facts) error(404, 'cert_verify_not_found');
	event.setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	return {
		facts: {
			...facts,
			issuedAt: facts.issuedAt.toISOString(),
			revokedAt: facts.revokedAt?.toISOString() ?? null
		}
	};
};
