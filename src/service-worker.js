// JavaScript, not TypeScript: SvelteKit leaves the service worker out of the app's tsconfig
// (it runs with the webworker library, not the DOM), so a .ts file here would be neither
// type-checked by `npm run check` nor parseable by the type-aware lint.
/**
 * Makes a workspace opened once open again without network: the app shell (build + static
 * files) is cached at install and served cache-first (its file names are content-hashed or
 * versioned); navigations go to the network first and fall back to the copy a workspace page
 * stored of itself (`$lib/client/offline-pages`). Everything else (data requests, form posts,
 * the collaboration WebSocket) is left to the network: the document syncs through Yjs instead.
 */
import { build, files, version } from '$service-worker';
import { PAGE_CACHE } from '$lib/client/offline-pages';

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const SHELL_CACHE = `mentorpad-shell-${version}`;
const SHELL = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(SHELL_CACHE)
			.then((cache) => cache.addAll([...SHELL]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((key) => key.startsWith('mentorpad-shell-') && key !== SHELL_CACHE)
						.map((key) => caches.delete(key))
				)
			)
			.then(() => sw.clients.claim())
	);
});

/** @param {Request} request */
async function fromShell(request) {
	const cached = await caches.match(request, { cacheName: SHELL_CACHE });
	return cached ?? fetch(request);
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
