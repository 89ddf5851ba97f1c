import type { IncomingMessage } from 'node:http';

/** Who is connected, as the server knows it; the source of truth for awareness user fields. */
export interface CollabUser {
	userId: string;
	name: string;
	role: string;
	color: string;
	/** The sign-in this socket rides on, so signing out can close it. */
	sessionId?: string;
	/** When that sign-in ends (ms since the epoch): the socket is closed then. */
	expiresAt?: number;
}

export type Access = 'write' | 'read';

/** `role`, when given, is the person's role in this document (shown in presence). */
export type AuthorizeResult = { access: Access; role?: string } | { deny: number };

export type Authenticate = (req: IncomingMessage) => Promise<CollabUser | null>;

export type Authorize = (user: CollabUser, docName: string) => Promise<AuthorizeResult>;

export type LogFields = Record<string, unknown>;

/** The logging the collaboration server needs; any structured logger fits. */
export interface CollabLogger {
	debug(message: string, fields?: LogFields): void;
	info(message: string, fields?: LogFields): void;
	warn(message: string, fields?: LogFields): void;
	error(message: string, fields?: LogFields): void;
}

export const consoleLogger: CollabLogger = {
	debug: () => {},
	info: (message, fields) => console.info(`[collab] ${message}`, fields ?? ''),
	warn: (message, fields) => console.warn(`[collab] ${message}`, fields ?? ''),
	error: (message, fields) => console.error(`[collab] ${message}`, fields ?? '')
};

/** What `closeWhere` predicates see of a connection. */
export interface ConnectionInfo {
	user: CollabUser;
	docName: string;
	access: Access;
}

export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
