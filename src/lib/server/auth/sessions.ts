import type { Database } from '$lib/server/db/types';
import { endOtherSessions } from './account-settings';
import { describeUserAgent, type DeviceLabel } from './user-agent';

export interface DeviceSession extends DeviceLabel {
	id: string;
	createdAt: Date;
	lastSeenAt: Date;
	/** The session of this request. */
	current: boolean;
}

/** The person's signed-in devices (local accounts), the most recently used first. */
export async function listSessions(
	db: Database,
	userId: string,
	currentSessionId: string
): Promise<DeviceSession[]> {
	const rows = await db.asService((tx) =>
		tx.query<{ id: string; user_agent: string; created_at: Date; last_seen_at: Date }>(
			`select id::text as id, user_agent, created_at, last_seen_at from auth.local_sessions
			 where user_id = $1 and expires_at > now() order by last_seen_at desc limit 50`,
			[userId]
		)
	);
	return rows.map((row) => ({
		id: row.id,
		...describeUserAgent(row.user_agent),
		createdAt: new Date(row.created_at),
		lastSeenAt: new Date(row.last_seen_at),
		current: row.id === currentSessionId
	}));
}

/**
 * Ends one of the person's own sessions (never someone else's: the id is matched with the user).
 * Returns the ids that ended.
 */
export async function revokeSession(
	db: Database,
	userId: string,
	sessionId: string
): Promise<string[]> {
	const rows = await db.asService((tx) =>
		tx.query<{ id: string }>(
			`delete from auth.local_sessions where user_id = $1 and id::text = $2
			 returning id::text as id`,
			[userId, sessionId]
		)
	);
	return rows.map((row) => row.id);
}

/** Ends every session of the person but this one; returns the ids that ended. */
export async function revokeOtherSessions(
	db: Database,
	userId: string,
	currentSessionId: string
): Promise<string[]> {
	return db.asService((tx) => endOtherSessions(tx, userId, currentSessionId));
}
