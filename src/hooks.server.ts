import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { applyCookies, credentialsOf } from '$lib/server/http';
import { pathForLog } from '$lib/server/log';
import { getRuntime } from '$lib/server/runtime';
import { withoutModulePreloads } from '$lib/server/link-header';
import {
	applySecurityHeaders,
	securityHeaders,
	servedOverHttps
} from '$lib/server/security-headers';
import { handleUpgradeRequest } from '$lib/server/upgrade';

const ENTRY = Symbol.for('mentorpad.entry');

/** Runs at start-up (adapter-node imports the handler): configuration, database, migrations. */
export const init: ServerInit = async () => {
	const runtime = await getRuntime();
	// The production entry (server.js) reaches the WebSocket upgrade and shutdown through this.
	(globalThis as Record<symbol, unknown>)[ENTRY] = {
		handleUpgradeRequest,
		shutdown: () => runtime.close(),
		// For responses that never reach `handle` (static files, SvelteKit's own refusals).
		securityHeaders: (headers: Record<string, string | string[] | undefined>) =>
			securityHeaders(servedOverHttps(runtime.config, headers))
	};
};

/** First in the chain, so pages, endpoints and error pages all leave through it. */
const secure: Handle = async ({ event, resolve }) =>
	applySecurityHeaders(withoutModulePreloads(await resolve(event)), event.url);

const logRequests: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		const runtime = await getRuntime().catch(() => null);
		runtime?.log.info('request', {
			method: event.request.method,
			path: pathForLog(event.url.pathname),
			status,
			ms: Math.round((performance.now() - started) * 10) / 10,
			user: event.locals.session?.user.id
		});
	}
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const authenticate: Handle = async ({ event, resolve }) => {
	const runtime = await getRuntime();
	event.locals.runtime = runtime;
	event.locals.session = await runtime.auth.authenticate(
		credentialsOf(event, (changes) => applyCookies(event, changes))
	);
	return resolve(event);
};

export const handle = sequence(secure, logRequests, i18n, authenticate);

export const handleError: HandleServerError = async ({ error, event, status }) => {
	// SvelteKit's own 4xx answers (e.g. 415 for a JSON body to a form action) are the client's
	// mistake: not logged as errors, and not shown as a server error.
	if (status >= 500) {
		const runtime = await getRuntime().catch(() => null);
		runtime?.log.error('unhandled error', { path: pathForLog(event.url.pathname), status, error });
	}
	if (status === 404) return { message: 'not_found' };
	if (status === 415) return { message: 'unsupported_body' };
	return { message: status >= 500 ? 'server_error' : 'bad_request' };
};
