/**
 * The offline copy of a workspace page's HTML. A page that holds a shared document stores
 * itself here when it opens; the service worker answers a navigation from here when the network
 * is down, and the document itself comes from IndexedDB. Only such pages are kept, never every
 * page visited, so the device holds no more than what is needed to keep working offline.
 */
export const PAGE_CACHE = 'mentorpad-pages-v1';

/** The service worker's cache of the app's own files, one per build (`version`: SvelteKit's). */
export const SHELL_CACHE_PREFIX = 'mentorpad-shell-';
export function shellCacheName(version: string): string {
	return `${SHELL_CACHE_PREFIX}${version}`;
}

/** Where SvelteKit's content-hashed build files are served (its default `appDir`). */
const BUILD_FILES = '/_app/immutable/';

function buildFilePath(url: string): string | null {
	const parsed = new URL(url, location.href);
	return parsed.origin === location.origin && parsed.pathname.startsWith(BUILD_FILES)
		? parsed.pathname
		: null;
}

/**
 * The build files this document has loaded (scripts, styles, fonts), from the start: the browser
 * keeps only the first 250 resource timings of a document, an observer sees every one.
 */
const loaded = new Set<string>();
/** The build files this document has found in the shell cache or put there: not looked up again. */
const stored = new Set<string>();
/** Once a page of this document is kept offline, the shell cache its later files go to as well. */
let keptIn: Cache | null = null;

function noteLoaded(urls: string[]): string[] {
	const fresh = [...new Set(urls.map(buildFilePath))].filter(
		(path): path is string => path !== null && !loaded.has(path)
	);
	for (const path of fresh) loaded.add(path);
	return fresh;
}

if (typeof document !== 'undefined' && typeof PerformanceObserver !== 'undefined') {
	new PerformanceObserver((list) => {
		const fresh = noteLoaded(list.getEntries().map((entry) => entry.name));
		// A panel or chart loaded on demand after the page was kept: the offline copy needs it too.
		if (keptIn && fresh.length > 0) {
			for (const path of fresh) stored.add(path);
			void keptIn.addAll(fresh).catch(() => undefined);
		}
	}).observe({ type: 'resource', buffered: true });
}

/** What a workspace page needs to keep itself offline: its build and how it was built. */
export interface AppBuild {
	/** SvelteKit's build version (`$app/environment`). */
	version: string;
	/** Whether this is `vite dev`, where the worker is an ES module. */
	dev: boolean;
}

/**
 * Registers the service worker if this browser has none yet, waits until it is active, and stores
 * the current HTML of `path` (with this person's cookies) and the build files this document
 * loaded: the worker serves the app's files from its cache but does not fetch them all up front,
 * and the first page a person opens loaded its files before the worker was in control. False if
 * it could not.
 */
export async function keepPageForOffline(path: string, app: AppBuild): Promise<boolean> {
	if (typeof caches === 'undefined' || !('serviceWorker' in navigator)) return false;
	try {
		await navigator.serviceWorker.register('/service-worker.js', {
			type: app.dev ? 'module' : 'classic'
		});
		await navigator.serviceWorker.ready;
		const pages = await caches.open(PAGE_CACHE);
		await pages.add(path);
		const shell = await caches.open(shellCacheName(app.version));
		noteLoaded(performance.getEntriesByType('resource').map((entry) => entry.name));
		// Another workspace page of this document (client-side navigation) stored most of them.
		const files = [...loaded].filter((file) => !stored.has(file));
		const cached = await Promise.all(files.map((file) => shell.match(file)));
		// From the browser's HTTP cache: the files were just loaded and are cacheable for a year.
		await shell.addAll(files.filter((_, i) => !cached[i]));
		for (const file of files) stored.add(file);
		keptIn = shell;
		return true;
	} catch {
		return false;
	}
}

/** Drops the stored copy of `path` (access ended: the device should not keep it). */
export async function forgetPage(path: string): Promise<void> {
	if (typeof caches === 'undefined') return;
	const cache = await caches.open(PAGE_CACHE).catch(() => null);
	await cache?.delete(path).catch(() => false);
}

/**
 * Removes everything this person's sessions kept on the device: the saved pages and the offline
 * copies of documents (IndexedDB, one database per document). Called when signing out, so the
 * next person on a shared computer finds nothing.
 */
export async function clearOfflineData(): Promise<void> {
	if (typeof caches !== 'undefined') await caches.delete(PAGE_CACHE).catch(() => false);
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
	const databases = await indexedDB.databases().catch(() => []);
	await Promise.all(
		databases
			.map((d) => d.name)
			.filter((name): name is string => !!name && /^(pair|group)\//.test(name))
			.map(
				(name) =>
					new Promise<void>((resolve) => {
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = request.onerror = request.onblocked = () => resolve();
					})
			)
	);
}
