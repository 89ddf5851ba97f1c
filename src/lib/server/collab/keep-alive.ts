/**
 * Keeping sockets honest: a ping each period (a socket that missed the whole previous period is
 * terminated), and a timer per socket that closes it when the sign-in it was opened with expires.
 */
import { CloseCode } from '$lib/shared/collab';

interface Pingable {
	alive: boolean;
	socket: { ping(): void; terminate(): void };
}

/** Pings every connection each `intervalMs`; returns the stop function. */
export function startPinging(connections: Iterable<Pingable>, intervalMs: number): () => void {
	const pinger = setInterval(() => {
		for (const connection of connections) {
			if (!connection.alive) {
				connection.socket.terminate();
				continue;
			}
			connection.alive = false;
			connection.socket.ping();
		}
	}, intervalMs);
	pinger.unref();
	return () => clearInterval(pinger);
}

interface Expiring {
	user: { expiresAt?: number };
	close(code: number, reason: string): void;
}

/**
 * Closes the connection (4401) when its session expires; null for a session without an end. The
 * caller clears the returned timer when the socket closes first.
 */
export function expiryTimer(connection: Expiring): NodeJS.Timeout | null {
	const at = connection.user.expiresAt;
	if (at === undefined) return null;
	// setTimeout holds at most ~24.8 days; a longer session is checked again then.
	const wait = Math.min(Math.max(0, at - Date.now()), 2_147_483_647);
	const timer = setTimeout(() => {
		if (Date.now() >= at) connection.close(CloseCode.Unauthenticated, 'session expired');
		else expiryTimer(connection);
	}, wait);
	timer.unref();
	return timer;
}
