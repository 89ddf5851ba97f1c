// JavaScript, not TypeScript: SvelteKit leaves the service worker out of the app's tsconfig
// (it runs with the webworker library, not the DOM), so a .ts file here would be neither
// type-checked by `npm run check` nor parseable by the type-aware lint.
/**
 * Makes a workspace opened once open again without network. The app's files (content-hashed build
 * output and the versioned static files) are served cache-first, and never all fetched at install:
 * the whole build is about 490 files (2.3 MB, 0.85 MB compressed), which a phone would download at
 * its first sign-in for screens its person never opens, and which a test browser downloaded for
 * every person it signed in. Only a workspace page registers this worker, when it keeps itself for
 * offline use (`$lib/client/offline-pages`): it stores its HTML and every build file its document
 * loaded; this worker caches the files it fetches for a page. Navigations go to the network first
 * and fall back to the stored copy of the page. Everything else (data requests, form posts, the
 * collaboration WebSocket) is left to the network: the document syncs through Yjs instead.
 */
import { build, files, version } from '$service-worker';
import { PAGE_CACHE, SHELL_CACHE_PREFIX, shellCacheName } from '$lib/client/offline-pages';

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const SHELL_CACHE = shellCacheName(version);
const SHELL = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	// Where the browser has static routes (Chromium): a build file comes straight from this cache,
	// or from the network when it is not there, without starting this worker for each of the ~80
	// module requests of a page. The pages that keep themselves offline store their files here.
	const routes = /** @type {{ addRoutes?: (rules: unknown) => Promise<void> }} */ (
		/** @type {unknown} */ (event)
	).addRoutes?.({
		condition: { urlPattern: '/_app/immutable/*' },
		source: { cacheName: SHELL_CACHE }
	});
	event.waitUntil(
		Promise.all([
			routes?.catch(() => undefined),
			caches.open(SHELL_CACHE).then((c) => c.addAll(files))
		]).then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((key) => key.startsWith(SHELL_CACHE_PREFIX) && key !== SHELL_CACHE)
						.map((key) => caches.delete(key))
				)
			)
			.then(() => sw.clients.claim())
	);
});

/**
 * Cache-first; a file not cached yet is fetched and kept (its name changes with its content).
 * @param {Request} request
 */
async function fromShell(request) {
	const cache = await caches.open(SHELL_CACHE);
	const cached = await cache.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone()).catch(() => undefined);
	return response;
}

/** @param {Request} request */
async function navigation(request) {
	try {
		return await fetch(request);
	} catch (error) {
		const url = new URL(request.url);
		const cached = await caches.match(url.pathname, { cacheName: PAGE_CACHE });
		if (cached) return cached;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (SHELL.has(url.pathname)) event.respondWith(fromShell(request));
	else if (request.mode === 'navigate') event.respondWith(navigation(request));
});
