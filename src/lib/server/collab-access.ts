import type { IncomingMessage } from 'node:http';
import { CloseCode, parseDocumentName } from '$lib/shared/collab';
import type { AuthProvider } from './auth/types';
import { parseCookieHeader } from './auth/tokens';
import type { CollabServer } from './collab/server';
import type { AuthorizeResult, CollabUser } from './collab/types';
import type { Database } from './db/types';

const PALETTE = [
	'#1f5f8b',
	'#a8261d',
	'#1d6b3a',
	'#7a3e9d',
	'#b35c00',
	'#00707a',
	'#8a4b08',
	'#3b4cc0'
];

/** A stable colour per person, for carets and presence. */
export function colourFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return PALETTE[hash % PALETTE.length];
}

/** The WebSocket's user, from the same credentials HTTP requests carry (cookie or bearer JWT). */
export function authenticateSocket(auth: AuthProvider) {
	return async (req: IncomingMessage): Promise<CollabUser | null> => {
		const session = await auth.authenticate({
			cookies: parseCookieHeader(req.headers.cookie),
			authorization: req.headers.authorization ?? null
		});
		if (!session) return null;
		return {
			userId: session.user.id,
			name: session.user.displayName,
			role: '',
			color: colourFor(session.user.id)
		};
	};
}

/**
 * Which documents a person may open. Pair sheets, logbooks and group documents belong to pairs
 * and groups, which do not exist yet: every document is unknown until they do.
 */
export function authorizeDocument(_db: Database) {
	return async (_user: CollabUser, docName: string): Promise<AuthorizeResult> => {
		if (!parseDocumentName(docName)) return { deny: CloseCode.BadDocumentName };
		return { deny: CloseCode.NotFound };
	};
}

/**
 * After someone's access changed, re-checks each of their open sockets and closes those that
 * lost access (within the same tick as the change).
 */
export async function revalidateUser(
	collab: CollabServer,
	authorize: ReturnType<typeof authorizeDocument>,
	userId: string
): Promise<void> {
	const open: { user: CollabUser; docName: string }[] = [];
	collab.closeWhere(
		(connection) => {
			if (connection.user.userId === userId) open.push(connection);
			return false;
		},
		CloseCode.AccessRevoked,
		''
	);
	for (const { user, docName } of open) {
		const result = await authorize(user, docName);
		if ('deny' in result) {
			collab.closeWhere(
				(c) => c.user.userId === userId && c.docName === docName,
				CloseCode.AccessRevoked,
				'access revoked'
			);
		}
	}
}
