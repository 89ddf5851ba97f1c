/**
 * One loaded document: the Y.Doc, its awareness, the sockets on it, and the gate every client
 * update passes before it reaches the Y.Doc (validation, replica apply, size limit).
 */
import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, type CollabLimits } from '$lib/shared/collab';
import { AwarenessGuard } from './awareness-guard';
import { DocumentPersistence, type LoadedState, type PersistenceContext } from './persistence';
import {
	encodeAwareness,
	encodeAwarenessEntries,
	encodeSyncStep1,
	encodeUpdate,
	type AwarenessEntry
} from './protocol';
import type { CollabUser } from './types';
import { ShadowDoc, inspectUpdate } from './update-validation';

/** What a document needs of a connection. */
export interface DocumentConnection {
	readonly user: CollabUser;
	send(frame: Uint8Array): void;
}

export type Outcome = { ok: true } | { ok: false; code: number; reason: string };

export interface SharedDocumentContext {
	limits: CollabLimits;
	persistence: PersistenceContext;
	/** Called after each successful write of this document's updates. */
	onStored?: (name: string, doc: Y.Doc) => void;
}

export class SharedDocument<C extends DocumentConnection> {
	readonly doc: Y.Doc;
	readonly awareness: Awareness;
	readonly persistence: DocumentPersistence;
	readonly connections = new Set<C>();
	private readonly shadow: ShadowDoc;
	private readonly guard: AwarenessGuard<C>;
	/** An upper bound of the encoded size: grows by each accepted update, corrected when near the limit. */
	private approxBytes: number;

	constructor(
		readonly name: string,
		loaded: LoadedState,
		private readonly context: SharedDocumentContext
	) {
		this.doc = loaded.doc;
		this.approxBytes = loaded.totalBytes;
		this.shadow = new ShadowDoc(this.doc);
		this.awareness = new Awareness(this.doc);
		// The server is not a participant: without this its empty state would show up as a peer.
		this.awareness.setLocalState(null);
		this.guard = new AwarenessGuard<C>(this.awareness);
		this.persistence = new DocumentPersistence(name, context.persistence, loaded, {
			snapshot: () => Y.encodeStateAsUpdate(this.doc),
			stored: () => context.onStored?.(name, this.doc)
		});
		this.doc.on('update', this.onUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
	}

	/** Starts the sync: our state vector (the client answers with what we lack) and who is here. */
	add(connection: C): void {
		this.connections.add(connection);
		connection.send(encodeSyncStep1(this.doc));
		const present = [...this.awareness.getStates().keys()];
		if (present.length > 0) connection.send(encodeAwareness(this.awareness, present));
	}

	/** Removes the connection and, for everyone, the presence it published. */
	remove(connection: C): void {
		this.connections.delete(connection);
		const clientId = this.guard.release(connection);
		if (clientId !== null) removeAwarenessStates(this.awareness, [clientId], 'disconnect');
	}

	/**
	 * Validates an untrusted update and applies it only if it is well-formed and fits. A null
	 * origin is the server itself (e.g. copying into the development plan): every socket gets it.
	 */
	applyUpdate(update: Uint8Array, origin: C | null): Outcome {
		const { limits } = this.context;
		const inspected = inspectUpdate(update, limits);
		if (!inspected.ok) return { ok: false, code: CloseCode.Malformed, reason: inspected.reason };
		const rehearsed = this.shadow.tryApply(update);
		if (!rehearsed.ok) return { ok: false, code: CloseCode.Malformed, reason: rehearsed.reason };
		this.approxBytes += update.byteLength;
		if (this.approxBytes > limits.maxDocumentBytes) {
			this.approxBytes = this.shadow.encodedSize();
			if (this.approxBytes > limits.maxDocumentBytes) {
				this.shadow.resync();
				this.approxBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
				return { ok: false, code: CloseCode.DocumentTooLarge, reason: 'document too large' };
			}
		}
		try {
			Y.applyUpdate(this.doc, update, origin);
		} catch (error) {
			// Unreachable while the replica mirrors the document; if it happens, realign them.
			this.shadow.resync();
			return { ok: false, code: CloseCode.ServerError, reason: (error as Error).message };
		}
		return { ok: true };
	}

	/** Applies the entries the guard lets through; impersonation is refused as a whole. */
	applyAwareness(entries: readonly AwarenessEntry[], origin: C): Outcome {
		const decision = this.guard.check(origin, entries);
		if (!decision.ok) {
			return { ok: false, code: CloseCode.AwarenessRejected, reason: decision.reason };
		}
		if (decision.entries.length > 0) {
			applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(decision.entries), origin);
		}
		return { ok: true };
	}

	/** Every state we know, as the reply to a query-awareness message. */
	awarenessFrame(): Uint8Array {
		return encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]);
	}

	destroy(): void {
		this.doc.off('update', this.onUpdate);
		this.awareness.off('update', this.onAwarenessUpdate);
		this.shadow.destroy();
		// Also destroys the awareness (it listens for the document's destroy event).
		this.doc.destroy();
	}

	private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
		this.persistence.enqueue(update);
		const frame = encodeUpdate(update);
		for (const connection of this.connections) {
			if (connection !== origin) connection.send(frame);
		}
	};

	private readonly onAwarenessUpdate = (
		changes: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...changes.added, ...changes.updated, ...changes.removed];
		const frame = encodeAwareness(this.awareness, changed);
		for (const connection of this.connections) {
			if (connection !== origin) connection.send(frame);
		}
	};
}
