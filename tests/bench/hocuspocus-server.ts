/**
 * The third server: Hocuspocus (`@hocuspocus/server`, the most used Yjs server), as its README
 * starts it — `new Server(configuration)`, its own HTTP server and crossws/ws upgrade — with no
 * extensions: documents live in memory only (no onLoadDocument / onStoreDocument), no
 * authentication hook (clients still send the auth message the protocol requires, with an
 * empty token), every other option at its default (debounce 2 s with nothing to store,
 * `flushDelay` 0, `timeout` 60 s, `unloadImmediately`). The bench calls `httpServer.listen`
 * itself rather than `Server.listen`, which only adds the start screen and signal handlers.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';

export const HOCUSPOCUS_CONFIGURATION = {
	quiet: true,
	stopOnSignals: false,
	extensions: []
};

export interface HocuspocusBenchServer {
	httpServer: HttpServer;
	documentNames(): string[];
	documentState(name: string): Uint8Array | null;
	connections(): number;
	destroy(): Promise<void>;
}

export function createHocuspocusServer(): HocuspocusBenchServer {
	const server = new Server(HOCUSPOCUS_CONFIGURATION);
	const { hocuspocus } = server;
	return {
		httpServer: server.httpServer,
		documentNames: () => [...hocuspocus.documents.keys()],
		documentState(name) {
			const document = hocuspocus.documents.get(name);
			return document ? Y.encodeStateAsUpdate(document) : null;
		},
		connections: () => hocuspocus.getConnectionsCount(),
		destroy: () => server.destroy()
	};
}
