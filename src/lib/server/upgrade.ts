import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CollabServer } from './collab/server';
import type { Logger } from './log';
import { getRuntime, type Runtime } from './runtime';
import { checkUpgradeOrigin } from './upgrade-origin';

/**
 * Entry of every WebSocket upgrade on `/collab/...`, in development (Vite plugin) and in
 * production (server.js). Start-up failures answer 503 instead of hanging the socket.
 */
export async function handleUpgradeRequest(
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer
): Promise<void> {
	let runtime;
	try {
		runtime = await getRuntime();
	} catch {
		socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
		return;
	}
	upgradeWith(runtime, req, socket, head);
}

/**
 * The Origin check (upgrade-origin.ts), then the collaboration server. A foreign Origin gets a
 * plain HTTP 403 before any upgrade, unlike the collaboration server's refusals (which complete
 * the upgrade to send a close code): the page asking is not ours and learns nothing, and our own
 * client, should a wrong ORIGIN refuse it, retries instead of reading 4403 as "access lost" and
 * deleting its offline copy.
 */
export function upgradeWith(
	runtime: { config: Runtime['config']; collab: CollabServer; log: Logger },
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer
): void {
	const decision = checkUpgradeOrigin(req.headers, runtime.config);
	if (!decision.ok) {
		runtime.log.warn('websocket refused: origin not allowed (set ORIGIN or ALLOWED_ORIGINS)', {
			origin: req.headers.origin?.slice(0, 200),
			host: req.headers.host?.slice(0, 200)
		});
		socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		return;
	}
	if (!runtime.collab.handleUpgrade(req, socket, head)) {
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
	}
}
