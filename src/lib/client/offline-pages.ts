/**
 * The offline copy of a workspace page's HTML. A page that holds a shared document stores
 * itself here when it opens; the service worker answers a navigation from here when the network
 * is down, and the document itself comes from IndexedDB. Only such pages are kept, never every
 * page visited, so the device holds no more than what is needed to keep working offline.
 */
export const PAGE_CACHE = 'mentorpad-pages-v1';

/** Stores the current HTML of `path` (with this person's cookies); false if it could not. */
export async function keepPageForOffline(path: string): Promise<boolean> {
	if (typeof caches === 'undefined') return false;
	try {
		const cache = await caches.open(PAGE_CACHE);
		await cache.add(path);
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
