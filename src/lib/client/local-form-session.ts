import * as Y from 'yjs';
import type { Peer } from './collab-session.svelte';

/**
 * A form filled alone and submitted as a whole (intake, matching-day and needs forms): the same
 * renderer as the live sheets, on a Y.Doc that never leaves the browser.
 */
export class LocalFormSession {
	readonly doc = new Y.Doc();
	readonly writable = true;
	readonly peers: readonly Peer[] = [];

	focus(): void {}

	destroy(): void {
		this.doc.destroy();
	}
}
