/**
 * What every part of a live sheet shares: the collaboration session, the `values` map, who is
 * looking and whether they may write. Provided once by `SheetEditor`, read by the field
 * components, so a field never takes more than its own slot as props.
 */
import { createContext } from 'svelte';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { Peer } from '$lib/client/collab-session.svelte';
import type { Locale, Signer, Template } from '$lib/domain/templates/types';
import type { SheetComments } from './comments';
import type { ReactiveYMap } from './y-reactive';

/** The people of the pair, as the page's server load describes them. */
export interface SheetPair {
	readonly id: string;
	readonly mentor: { readonly id: string; readonly name: string };
	readonly mentee: { readonly id: string; readonly name: string };
}

/** The person at this keyboard. */
export interface SheetMe {
	readonly id: string;
	readonly name: string;
	readonly color: string;
	readonly role: 'mentor' | 'mentee';
}

/**
 * What the renderer needs of a document session: the live `CollabSession` of a pair sheet, or
 * a local, unsynced one for a form that is submitted as a whole (intake forms).
 */
export interface SheetSession {
	readonly doc: Y.Doc;
	readonly writable: boolean;
	readonly peers: readonly Peer[];
	focus(fieldKey: string | null): void;
	/** Present when the document is shared: carets of the other people. */
	readonly provider?: WebsocketProvider;
	readonly awarenessUser?: {
		readonly userId: string;
		readonly name: string;
		readonly color: string;
	};
}

export interface SheetContext {
	readonly session: SheetSession;
	readonly template: Template;
	readonly values: ReactiveYMap;
	readonly comments: SheetComments;
	readonly pair: SheetPair;
	readonly me: SheetMe;
	readonly locale: Locale;
	/** Read access, or the server refused the connection: nothing can be changed. */
	readonly readonly: boolean;
	/** Whether fields carry review comments (a shared document that is not private to one person). */
	readonly commentsShown: boolean;
	/** The label of a field key in this template (for presence: "in «Why»"). */
	fieldLabel(key: string): string | undefined;
}

export const [getSheetContext, setSheetContext] = createContext<SheetContext>();

/** A signature row as the page's server load sends it. */
export interface Signature {
	readonly signerId: string;
	readonly name: string;
	readonly role: Signer;
	readonly signedAt: string;
	/** Made on the content as it is now (the server compares content hashes). */
	readonly current: boolean;
}
