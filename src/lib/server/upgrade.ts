import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRuntime } from './runtime';

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
	if (!runtime.collab.handleUpgrade(req, socket, head)) {
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
	}
}
