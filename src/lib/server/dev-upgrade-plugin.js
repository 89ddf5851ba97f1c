/**
 * Development: attaches the collaboration WebSocket to Vite's HTTP server, so `/collab/...` is
 * served on the same port as the pages, as in production (see server.js). Vite's own HMR socket
 * is left alone. The handler is loaded through Vite, so it shares the app's module graph.
 *
 * @returns {import('vite').Plugin}
 */
export function collabDevPlugin() {
	return {
		name: 'mentorpad-collab-dev',
		configureServer(server) {
			server.httpServer?.on('upgrade', (req, socket, head) => {
				if (!req.url?.startsWith('/collab/')) return;
				server
					.ssrLoadModule('/src/lib/server/upgrade.ts')
					.then((mod) => mod.handleUpgradeRequest(req, socket, head))
					.catch((error) => {
						server.config.logger.error(`collab upgrade failed: ${error?.stack ?? error}`);
						socket.destroy();
					});
			});
		}
	};
}
