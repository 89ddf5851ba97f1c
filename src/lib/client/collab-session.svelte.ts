/**
 * One open shared document in the browser: the Y.Doc, its offline copy in IndexedDB and its
 * WebSocket to the collaboration server, with a truthful connection state and the presence of
 * the other people in it. Components read the `$state` fields; only this class talks to the
 * providers.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '$lib/shared/collab';
import { COMMENTS_MAP } from '$lib/shared/sheet-comments';
import { forgetPage } from './offline-pages';

/**
 * - `connecting`: trying to reach the server (first connect or after a transient failure);
 * - `online`: connected (see `synced` for whether the first exchange is complete);
 * - `offline`: the device has no network; edits are kept locally and sync later;
 * - `refused`: the server closed with a final (44xx) code, see `refusedCode`.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

/** Another person in the document (all their tabs merged). */
export interface Peer {
	readonly userId: string;
	readonly name: string;
	readonly color: string;
	/** The field keys they have focused, in any of their tabs. */
	readonly fields: readonly string[];
}

export interface CollabSessionOptions {
	/** The document name, e.g. `pair/<pairId>/sheet/<sheetId>`. */
	readonly docName: string;
	/** The WebSocket base URL; the provider appends `/<docName>`. */
	readonly url: string;
	/** This person as the server knows them (the page's server load): id, display name, colour. */
	readonly user: { readonly id: string; readonly name: string; readonly color: string };
}

/** The awareness field that holds the focused field key. */
const FIELD_STATE = 'field';

/**
 * Codes after which this device should not keep the document: the person may no longer read
 * it, and the offline copy would outlive their access.
 */
const FORGET_ON: readonly number[] = [
	CloseCode.Forbidden,
	CloseCode.NotFound,
	CloseCode.AccessRevoked
];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The name of the top-level type that contains `type` (e.g. `comments`, a field key). */
function rootName(doc: Y.Doc, type: object): string | undefined {
	let root: unknown = type;
	while (root instanceof Y.AbstractType && root._item !== null) root = root._item.parent;
	for (const [name, shared] of doc.share) if (shared === root) return name;
	return undefined;
}

export class CollabSession {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly docName: string;

	status = $state<ConnectionState>('connecting');
	/** The server and this device have exchanged their states since the last connect. */
	synced = $state(false);
	refusedCode = $state<number | null>(null);
	peers = $state<Peer[]>([]);
	focusedField = $state<string | null>(null);
	/**
	 * Template content (anything but comments) changed after the first sync, here or by the
	 * other person: a signature made before it no longer covers what is on screen.
	 */
	contentChanged = $state(false);

	/**
	 * What this device publishes as its awareness `user`. The server owns these fields: each one
	 * must be absent or exactly the server's value, or it closes the socket (4423); it fills in
	 * the absent ones (the role) before anyone else sees the state. The caret extension merges
	 * its defaults (`name`, `color`) into whatever it is given, so absent is not an option for
	 * those two: they are the page's values, which the server load takes from the same session
	 * and colour function as the socket. The caret extension publishes this same object.
	 */
	readonly awarenessUser: {
		readonly userId: string;
		readonly name: string;
		readonly color: string;
	};

	readonly #persistence: IndexeddbPersistence;
	#everSynced = false;
	#destroyed = false;
	readonly #cleanups: (() => void)[] = [];

	constructor(options: CollabSessionOptions) {
		this.docName = options.docName;
		this.awarenessUser = {
			userId: options.user.id,
			name: options.user.name,
			color: options.user.color
		};
		this.#persistence = new IndexeddbPersistence(options.docName, this.doc);
		// Without IndexedDB (some private modes) the sheet still works, just not offline.
		this.#persistence.whenSynced.catch(() => undefined);

		const online = typeof navigator === 'undefined' || navigator.onLine;
		this.provider = new WebsocketProvider(options.url, options.docName, this.doc, {
			connect: online,
			// The server is the only path between people: no cross-tab shortcut that would bypass
			// its access checks (a read-only tab must not receive edits any other way).
			disableBc: true
		});
		this.status = online ? 'connecting' : 'offline';
		this.provider.awareness.setLocalState({ user: this.awarenessUser, [FIELD_STATE]: null });

		this.#listen();
	}

	#listen(): void {
		const provider = this.provider;
		const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
			if (this.refusedCode !== null) return;
			if (typeof navigator !== 'undefined' && !navigator.onLine) this.status = 'offline';
			else this.status = status === 'connected' ? 'online' : 'connecting';
			if (status !== 'connected') this.synced = false;
		};
		const onSync = (isSynced: boolean) => {
			this.synced = isSynced;
			if (isSynced) this.#everSynced = true;
		};
		const onClosed = ({ code }: { code: number }) => {
			this.refusedCode = code;
			this.status = 'refused';
			this.synced = false;
			if (FORGET_ON.includes(code)) void this.#forgetLocalCopy();
		};
		provider.on('status', onStatus);
		provider.on('sync', onSync);
		provider.on('closed', onClosed);
		this.#cleanups.push(() => {
			provider.off('status', onStatus);
			provider.off('sync', onSync);
			provider.off('closed', onClosed);
		});

		const awareness = provider.awareness;
		const onAwareness = () => this.#readPeers();
		awareness.on('change', onAwareness);
		this.#cleanups.push(() => awareness.off('change', onAwareness));

		const onTransaction = (tr: Y.Transaction) => {
			if (!this.#everSynced || this.contentChanged) return;
			// Loading the offline copy is not a change; the first server sync is what it compares to.
			if (tr.origin === this.#persistence) return;
			for (const type of tr.changed.keys()) {
				if (rootName(this.doc, type) !== COMMENTS_MAP) {
					this.contentChanged = true;
					return;
				}
			}
		};
		this.doc.on('afterTransaction', onTransaction);
		this.#cleanups.push(() => this.doc.off('afterTransaction', onTransaction));

		if (typeof window !== 'undefined') {
			// The socket can look open for a long time after the network went away; going offline
			// on the browser's word keeps the state honest and reconnects at once when it returns.
			const goOffline = () => {
				if (this.refusedCode !== null) return;
				this.status = 'offline';
				this.synced = false;
				provider.disconnect();
			};
			const goOnline = () => {
				if (this.refusedCode !== null) return;
				this.status = 'connecting';
				provider.connect();
			};
			window.addEventListener('offline', goOffline);
			window.addEventListener('online', goOnline);
			this.#cleanups.push(() => {
				window.removeEventListener('offline', goOffline);
				window.removeEventListener('online', goOnline);
			});
		}
	}

	#readPeers(): void {
		const own = this.provider.awareness.clientID;
		const peers: { userId: string; name: string; color: string; fields: string[] }[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			if (clientId === own || !isRecord(state) || !isRecord(state.user)) continue;
			const { userId, name, color } = state.user;
			if (typeof userId !== 'string' || userId === this.awarenessUser.userId) continue;
			// One person with several tabs open is one peer, present in each tab's field.
			let peer = peers.find((p) => p.userId === userId);
			if (!peer) {
				peer = {
					userId,
					name: typeof name === 'string' ? name : '',
					color: typeof color === 'string' ? color : '#4f5b69',
					fields: []
				};
				peers.push(peer);
			}
			const field = state[FIELD_STATE];
			if (typeof field === 'string' && !peer.fields.includes(field)) peer.fields.push(field);
		}
		this.peers = peers;
	}

	/** Tells the others which field this person is in (`null`: none). */
	focus(fieldKey: string | null): void {
		if (this.#destroyed || this.focusedField === fieldKey) return;
		this.focusedField = fieldKey;
		this.provider.awareness.setLocalStateField(FIELD_STATE, fieldKey);
	}

	/** Whether edits can be made (they may still be waiting to sync). */
	get writable(): boolean {
		return this.status !== 'refused';
	}

	/** Starts comparing afresh: the server has just said whether the content still matches. */
	resetContentChanged(): void {
		this.contentChanged = false;
	}

	async #forgetLocalCopy(): Promise<void> {
		await this.#persistence.clearData().catch(() => undefined);
		if (typeof location !== 'undefined') await forgetPage(location.pathname);
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		for (const cleanup of this.#cleanups.splice(0)) cleanup();
		this.provider.awareness.setLocalState(null);
		this.provider.destroy();
		void this.#persistence.destroy();
		this.doc.destroy();
	}
}

/** The collaboration WebSocket base URL on the app's own origin. */
export function collabUrl(): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * The live session of the document `docName()` for the calling component: opened in an effect,
 * replaced when the document changes, closed with the component. `current` is the session only
 * while it is the one of the document on screen, else null. Following a link from one document's
 * page to another's keeps the component, and the new page data renders before the effect has
 * replaced the session: an editor rendered in between would bind to the old, closed document, and
 * what is typed there would go nowhere. Call it while the component initialises.
 */
export function liveSession(
	docName: () => string,
	options: () => Omit<CollabSessionOptions, 'docName'>
): { readonly current: CollabSession | null } {
	let session = $state<CollabSession | null>(null);
	$effect(() => {
		const opened = new CollabSession({ docName: docName(), ...options() });
		session = opened;
		return () => {
			opened.destroy();
			session = null;
		};
	});
	return {
		get current() {
			return session?.docName === docName() ? session : null;
		}
	};
}
