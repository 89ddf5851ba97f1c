import { dev, version } from '$app/environment';
import { untrack } from 'svelte';
import { keepPageForOffline } from './offline-pages';

/**
 * Keeps the workspace page this component shows for offline use, when it opens online (see
 * `keepPageForOffline`). `ready` turns true once the page and its files are stored. Call it while
 * the component is set up.
 */
export function keepThisPageOffline(): { readonly ready: boolean } {
	let ready = $state(false);
	$effect(() => {
		const path = untrack(() => location.pathname);
		if (!navigator.onLine) return;
		let stopped = false;
		void keepPageForOffline(path, { version, dev }).then((kept) => {
			if (!stopped) ready = kept;
		});
		return () => {
			stopped = true;
		};
	});
	return {
		get ready() {
			return ready;
		}
	};
}
