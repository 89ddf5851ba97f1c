// Production entry: one Node process, one port, for the SvelteKit pages (adapter-node's handler)
// and the collaboration WebSocket at /collab/... (SvelteKit has no WebSocket support of its own).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';

if (existsSync('.env')) process.loadEnvFile('.env');

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';

// Without ORIGIN, adapter-node takes the protocol from PROTOCOL_HEADER and otherwise assumes
// https, so form posts to this plain-http server would fail SvelteKit's CSRF check. This server
// speaks http itself: say so on every request (overwriting anything a client sends). Behind a
// TLS proxy, set ORIGIN (or PROTOCOL_HEADER) and this stays out of the way.
const PROTOCOL_HEADER = 'x-mentorpad-protocol';
const ownProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (ownProtocol) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

// adapter-node refuses request bodies over BODY_SIZE_LIMIT (512 KB by default). A message may
// carry attachments of up to FILE_MAX_MB together, so the default follows that setting, plus
// room for the text and the form's framing. An explicit BODY_SIZE_LIMIT wins.
if (!process.env.BODY_SIZE_LIMIT) {
	const fileMaxMb = Number(process.env.FILE_MAX_MB) || 10;
	process.env.BODY_SIZE_LIMIT = String((fileMaxMb + 1) * 1024 * 1024);
}

let handler;
try {
	// Importing the handler runs the app's `init` hook: configuration, database, migrations.
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	if (error?.name === 'ConfigError') {
		console.error(error.message);
		process.exit(1);
	}
	if (
		error?.code === 'ERR_MODULE_NOT_FOUND' &&
		String(error.message).includes('build/handler.js')
	) {
		console.error('No build found. Run `npm run build` first (or `npm run dev` for development).');
		process.exit(1);
	}
	throw error;
}

const { handleUpgradeRequest, shutdown, securityHeaders } =
	globalThis[Symbol.for('mentorpad.entry')];

/** Drops ETag and Last-Modified from the headers the static file handler writes. */
function withoutValidators(res) {
	const writeHead = res.writeHead;
	res.writeHead = function (status, ...rest) {
		const headers = rest.find((arg) => arg && typeof arg === 'object');
		if (headers) {
			for (const name of Object.keys(headers)) {
				if (/^(etag|last-modified)$/i.test(name)) delete headers[name];
			}
		}
		res.removeHeader('etag');
		res.removeHeader('last-modified');
		return writeHead.call(this, status, ...rest);
	};
}

const server = createServer((req, res) => {
	if (ownProtocol) req.headers[PROTOCOL_HEADER] = 'http';
	// Static files and SvelteKit's own refusals (e.g. the CSRF check) never reach the app's
	// `handle`: they get the security headers here. A response SvelteKit renders sets its own
	// values, which take precedence over these (Node merges setHeader into writeHead).
	for (const [name, value] of Object.entries(securityHeaders(req.headers))) {
		res.setHeader(name, value);
	}
	// Hashed build files never change (cache-control: immutable, one year): a validator is never
	// used, and on HTTP/1.1 ETag and Last-Modified cost ~70 bytes on each of a page's scripts.
	if (req.url?.startsWith('/_app/immutable/')) withoutValidators(res);
	// RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" as a form
	// without an Origin header, which SvelteKit's CSRF check refuses. The link is authorised by
	// its HMAC signature, never by a cookie, so that check protects nothing here; without the
	// content type the request passes and the endpoint ignores the body.
	if (req.method === 'POST' && req.url?.startsWith('/unsubscribe/one-click?')) {
		delete req.headers['content-type'];
	}
	handler(req, res);
});
// An idle kept-alive connection is closed after 65 s instead of Node's 5 s. A client that sends
// its next request on such a connection just as the server closes it gets a reset (browsers
// retry; other clients, such as scripts and tests, do not): a 5 s pause between two requests
// was enough to hit it. 65 s is also longer than the usual proxy's idle timeout (60 s), so a
// proxy in front never reuses a connection this server has closed. headersTimeout must exceed it.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on('upgrade', (req, socket, head) => {
	if (!req.url?.startsWith('/collab/')) {
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
		return;
	}
	handleUpgradeRequest(req, socket, head).catch(() => socket.destroy());
});
server.listen(port, host, () => {
	console.log(
		JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'listening', host, port })
	);
});

let stopping = false;
async function stop(signal) {
	if (stopping) return;
	stopping = true;
	console.log(
		JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'shutting down', signal })
	);
	server.close();
	server.closeAllConnections?.();
	try {
		await shutdown();
	} finally {
		process.exit(0);
	}
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
