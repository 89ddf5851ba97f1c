/**
 * Admission of a WebSocket upgrade, in order: document name (4400) → authenticate (4401) →
 * authorize (its deny code, e.g. 4403/4404) → the document acquired for this socket. A sign-out
 * or membership change that arrives while a socket is being admitted marks its `Admission` as
 * revoked (see `closeWhere`), and the admission ends in that refusal instead of an open socket.
 */
import type { IncomingMessage } from 'node:http';
import { CloseCode, parseDocumentName } from '$lib/shared/collab';
import type { DocumentRegistry } from './documents';
import type { DocumentConnection, SharedDocument } from './shared-document';
import type { Authenticate, Authorize, ConnectionInfo } from './types';

/** One upgrade being admitted: who it turned out to be, and whether it was revoked meanwhile. */
export interface Admission {
	info: ConnectionInfo | null;
	revoked: { code: number; reason: string } | null;
}

export type AdmissionResult<C extends DocumentConnection> =
	| { refuse: { code: number; reason: string } }
	| { document: SharedDocument<C>; info: ConnectionInfo };

export interface AdmissionContext<C extends DocumentConnection> {
	authenticate: Authenticate;
	authorize: Authorize;
	registry: DocumentRegistry<C>;
	shuttingDown: () => boolean;
}

const SHUTTING_DOWN = { code: CloseCode.ShuttingDown, reason: 'shutting down' };

/** Runs the admission checks; the document it returns has been acquired for this socket. */
export async function admit<C extends DocumentConnection>(
	context: AdmissionContext<C>,
	req: IncomingMessage,
	docName: string,
	admission: Admission
): Promise<AdmissionResult<C>> {
	if (context.shuttingDown()) return { refuse: SHUTTING_DOWN };
	if (!parseDocumentName(docName)) {
		return { refuse: { code: CloseCode.BadDocumentName, reason: 'bad document name' } };
	}
	const user = await context.authenticate(req);
	if (!user) return { refuse: { code: CloseCode.Unauthenticated, reason: 'unauthenticated' } };
	const decision = await context.authorize(user, docName);
	if ('deny' in decision) {
		// `ws` throws on codes outside the application range; a policy bug must not crash us.
		const code = isApplicationCode(decision.deny) ? decision.deny : CloseCode.Forbidden;
		return { refuse: { code, reason: 'access denied' } };
	}
	if (context.shuttingDown()) return { refuse: SHUTTING_DOWN };
	const info = {
		user: decision.role === undefined ? user : { ...user, role: decision.role },
		docName,
		access: decision.access
	};
	admission.info = info;
	const document = await context.registry.acquire(docName);
	const stop = context.shuttingDown() ? SHUTTING_DOWN : admission.revoked;
	if (stop) {
		context.registry.release(docName);
		return { refuse: stop };
	}
	return { document, info };
}

/** Close codes an application may send (4000–4999); `ws` throws on any other. */
export function isApplicationCode(code: number): boolean {
	return Number.isInteger(code) && code >= 4000 && code <= 4999;
}
