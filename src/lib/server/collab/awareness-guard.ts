/**
 * Decides which awareness entries a connection may publish.
 *
 * A connection owns one awareness client id: the first one it publishes a live state for (the
 * stock provider's first awareness frame is its own state). The user fields of that state are
 * the server's (`userId`, `name`, `role`, `color`): a client may omit them or repeat them, and
 * the server writes them in; a different value closes the socket.
 *
 * Entries for other client ids are never applied. They are not all hostile: the y-websocket
 * provider re-broadcasts every awareness change it receives, including other people's states it
 * got from us, and it "times out" remote states by sending them back as null. Such echoes carry
 * a clock we already have and are dropped silently. Only an entry that would change the presence
 * of a client another person owns (a newer clock) is impersonation and closes the socket.
 */
import type { Awareness } from 'y-protocols/awareness';
import { isPlainObject, type AwarenessEntry } from './protocol';
import type { CollabUser } from './types';

export interface GuardedConnection {
	readonly user: CollabUser;
}

export type GuardDecision = { ok: true; entries: AwarenessEntry[] } | { ok: false; reason: string };

export class AwarenessGuard<C extends GuardedConnection> {
	private readonly owners = new Map<number, C>();
	private readonly bound = new Map<C, number>();

	constructor(private readonly awareness: Awareness) {}

	/** The entries to apply (user fields rewritten), or why the connection must be closed. */
	check(connection: C, entries: readonly AwarenessEntry[]): GuardDecision {
		const accepted: AwarenessEntry[] = [];
		for (const entry of entries) {
			const newer = this.isNewer(entry);
			let own = this.bound.get(connection) === entry.clientId;
			if (!own && newer && entry.state !== null && !this.bound.has(connection)) {
				const owner = this.owners.get(entry.clientId);
				if (owner === undefined || owner.user.userId === connection.user.userId) {
					this.bind(connection, entry.clientId);
					own = true;
				}
			}
			if (!own) {
				const owner = this.owners.get(entry.clientId);
				if (newer && owner !== undefined && owner.user.userId !== connection.user.userId) {
					return { ok: false, reason: `awareness for client ${entry.clientId} of another user` };
				}
				continue;
			}
			if (entry.state === null) {
				accepted.push(entry);
				continue;
			}
			const user = verifiedUser(entry.state.user, connection.user);
			if (user === null)
				return { ok: false, reason: 'awareness user fields differ from the session' };
			accepted.push({ ...entry, state: { ...entry.state, user } });
		}
		return { ok: true, entries: accepted };
	}

	/** Forgets the connection; returns the client id whose state must now be removed, if any. */
	release(connection: C): number | null {
		const clientId = this.bound.get(connection);
		this.bound.delete(connection);
		if (clientId === undefined || this.owners.get(clientId) !== connection) return null;
		this.owners.delete(clientId);
		return clientId;
	}

	ownerOf(clientId: number): C | undefined {
		return this.owners.get(clientId);
	}

	private bind(connection: C, clientId: number): void {
		const previous = this.owners.get(clientId);
		// The same person reconnecting before the server noticed the old socket died.
		if (previous !== undefined) this.bound.delete(previous);
		this.owners.set(clientId, connection);
		this.bound.set(connection, clientId);
	}

	private isNewer(entry: AwarenessEntry): boolean {
		const known = this.awareness.meta.get(entry.clientId);
		return known === undefined || entry.clock > known.clock;
	}
}

/** The canonical user object, or null when the client claimed something else. */
function verifiedUser(claimed: unknown, user: CollabUser): Record<string, string> | null {
	const canonical: Record<string, string> = {
		userId: user.userId,
		name: user.name,
		role: user.role,
		color: user.color
	};
	if (claimed === undefined) return canonical;
	if (!isPlainObject(claimed)) return null;
	for (const [key, value] of Object.entries(claimed)) {
		if (!Object.hasOwn(canonical, key) || canonical[key] !== value) return null;
	}
	return canonical;
}
