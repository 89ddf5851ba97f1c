/**
 * One loaded document: the Y.Doc, its awareness, the sockets on it, and the gate every client
 * update passes before it reaches the Y.Doc (validation, replica apply, completeness, authorship,
 * size limit). What the gate accepted as a new comment is then stamped with the server's name
 * and time for it (`authorship.ts`).
 *
 * With a fan-out, the document also relays its changes to the other app instances that have it
 * loaded, and takes theirs through the same gate with the origin `REMOTE`: those are sent to the
 * local sockets and stored, but never published again, so nothing loops between instances.
 */
import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, type CollabLimits } from '$lib/shared/collab';
import { VALUES_MAP } from '$lib/domain/templates';
import { COMMENTS_MAP } from '$lib/shared/sheet-comments';
import { reviewChange, stampAuthorship, type Stamps } from './authorship';
import { AwarenessGuard } from './awareness-guard';
import type { Fanout, FanoutKind, FanoutMessage } from './fanout';
import { DocumentPersistence, type LoadedState } from './persistence';
import {
	decodeClientMessage,
	encodeAwareness,
	encodeAwarenessEntries,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncStep2Update,
	encodeUpdate,
	isPlainObject,
	type AwarenessEntry
} from './protocol';
import type { StoreWriter } from './store-writer';
import { errorMessage, type CollabUser } from './types';
import {
	ShadowDoc,
	inspectUpdate,
	isIntegrated,
	isPlainEdit,
	type ReviewedRoots,
	type Rehearsal,
	type UpdateExtent
} from './update-validation';

/** What a document needs of a connection. */
export interface DocumentConnection {
	readonly user: CollabUser;
	send(frame: Uint8Array): void;
}

export type Outcome = { ok: true } | { ok: false; code: number; reason: string };

/** The origin of changes relayed from another app instance. */
export const REMOTE: unique symbol = Symbol('another app instance');

/** A Yjs update with no structs and no deletions: two zero counts. */
const EMPTY_UPDATE_BYTES = 2;

export interface SharedDocumentContext {
	limits: CollabLimits;
	/** Writes the document's accepted updates, together with every other document's. */
	writer: StoreWriter;
	/** Called after each successful write of this document's updates. */
	onStored?: (name: string, doc: Y.Doc) => void;
	/** Relays changes between app instances; none in single-instance mode. */
	fanout?: Fanout;
	/**
	 * `values` entries only one pair role may write (per-person agree answers): entry → role.
	 * None by default.
	 */
	respondentEntries?: ReadonlyMap<string, string>;
	/** After the server stamped new comments: who wrote them, on which fields (notifications). */
	onCommented?: (name: string, author: CollabUser, fields: string[]) => void;
}

const NO_ENTRIES: ReadonlyMap<string, string> = new Map();

export class SharedDocument<C extends DocumentConnection> {
	readonly doc: Y.Doc;
	readonly awareness: Awareness;
	readonly persistence: DocumentPersistence;
	readonly connections = new Set<C>();
	private readonly shadow: ShadowDoc;
	private readonly guard: AwarenessGuard<C>;
	/** An upper bound of the encoded size: grows by each accepted update, corrected when near the limit. */
	private approxBytes: number;
	/** Who owns the awareness client ids published through other instances (client id → user id). */
	private readonly remoteUsers = new Map<number, string>();
	private readonly unsubscribe: () => void;
	/** Accepted updates not yet sent to the sockets and other instances, with their origins. */
	private outbox: { update: Uint8Array; origin: unknown }[] = [];
	private delivery: ReturnType<typeof setImmediate> | null = null;
	/** What the authorship review guards, for recognising the updates that do not need it. */
	private readonly reviewedRoots: ReviewedRoots;
	/**
	 * The whole state as loaded, while nothing has changed since: the answer to a client that has
	 * nothing yet, without encoding a large document again on the main thread.
	 */
	private loadedState: Uint8Array | null;

	constructor(
		readonly name: string,
		loaded: LoadedState,
		private readonly context: SharedDocumentContext
	) {
		this.doc = loaded.doc;
		this.approxBytes = loaded.totalBytes;
		this.loadedState = loaded.state ?? null;
		this.shadow = new ShadowDoc(this.doc, () => this.loadedState);
		this.reviewedRoots = {
			reviewed: [COMMENTS_MAP],
			values: VALUES_MAP,
			respondentEntries: context.respondentEntries ?? NO_ENTRIES
		};
		this.awareness = new Awareness(this.doc);
		// The server is not a participant: without this its empty state would show up as a peer.
		this.awareness.setLocalState(null);
		this.guard = new AwarenessGuard<C>(this.awareness);
		this.persistence = new DocumentPersistence(name, context.writer, loaded, {
			snapshot: () => Y.encodeStateAsUpdate(this.doc),
			stored: () => context.onStored?.(name, this.doc)
		});
		this.doc.on('update', this.onUpdate);
		this.awareness.on('update', this.onAwarenessUpdate);
		this.unsubscribe =
			context.fanout?.subscribe(name, {
				message: (message) => this.receive(message),
				live: () => this.resync()
			}) ?? (() => {});
	}

	/** Starts the sync: our state vector (the client answers with what we lack) and who is here. */
	add(connection: C): void {
		this.connections.add(connection);
		connection.send(encodeSyncStep1(this.doc));
		const present = [...this.awareness.getStates().keys()];
		if (present.length > 0) connection.send(encodeAwareness(this.awareness, present));
	}

	/** The reply to a client's sync step 1: everything it lacks. */
	syncStep2(stateVector: Uint8Array): Uint8Array {
		// An empty state vector is one zero byte (no clients).
		const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
		if (empty && this.loadedState) return encodeSyncStep2Update(this.loadedState);
		return encodeSyncStep2(this.doc, stateVector);
	}

	/** Removes the connection and, for everyone (on every instance), the presence it published. */
	remove(connection: C): void {
		this.connections.delete(connection);
		const clientId = this.guard.release(connection);
		if (clientId !== null) removeAwarenessStates(this.awareness, [clientId], 'disconnect');
	}

	/**
	 * Validates an untrusted update and applies it only if it is well-formed and fits. A null
	 * origin is the server itself (e.g. copying into the development plan): every socket gets it.
	 * `REMOTE` is another instance: every socket gets it, and it is not published again. Only a
	 * socket's update is held to the authorship rules: the server and the other instances (which
	 * checked their own sockets) are trusted with content.
	 */
	applyUpdate(update: Uint8Array, origin: C | null | typeof REMOTE): Outcome {
		const { limits } = this.context;
		const inspected = inspectUpdate(update, limits);
		if (!inspected.ok) return { ok: false, code: CloseCode.Malformed, reason: inspected.reason };
		if (
			this.approxBytes + update.byteLength <= limits.maxDocumentBytes &&
			isPlainEdit(inspected.decoded, this.doc, this.reviewedRoots)
		) {
			return this.applyPlainEdit(update, origin);
		}
		const rehearsed = this.shadow.tryApply(update);
		if (!rehearsed.ok) return { ok: false, code: CloseCode.Malformed, reason: rehearsed.reason };
		let stamps: Stamps | null = null;
		if (origin !== null && origin !== REMOTE) {
			const reviewed = this.review(origin.user, inspected.extent, rehearsed);
			if (!reviewed.ok) {
				this.shadow.resync();
				return reviewed;
			}
			stamps = reviewed.stamps;
		}
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
		if (stamps && origin !== null && origin !== REMOTE) this.stamp(stamps, origin.user);
		return { ok: true };
	}

	/**
	 * A plain edit (see `isPlainEdit`): it cannot fail or leave anything pending, and touches
	 * nothing the authorship review guards, so it goes straight into the document and reaches the
	 * replica later, off the latency path.
	 */
	private applyPlainEdit(update: Uint8Array, origin: C | null | typeof REMOTE): Outcome {
		this.approxBytes += update.byteLength;
		try {
			Y.applyUpdate(this.doc, update, origin);
		} catch (error) {
			// Unreachable if isPlainEdit is right; the replica then holds the state before it.
			this.shadow.resync();
			return { ok: false, code: CloseCode.ServerError, reason: (error as Error).message };
		}
		this.shadow.defer(update);
		return { ok: true };
	}

	/**
	 * A socket's rehearsed update: complete (nothing left pending for a later update from someone
	 * else to complete, which would then be reviewed as theirs) and within the authorship rules.
	 */
	private review(
		author: CollabUser,
		extent: UpdateExtent,
		rehearsal: Extract<Rehearsal, { ok: true }>
	): { ok: true; stamps: Stamps | null } | { ok: false; code: number; reason: string } {
		if (!isIntegrated(extent, rehearsal.replica)) {
			const reason = 'update depends on changes the server does not have';
			return { ok: false, code: CloseCode.OutOfSync, reason };
		}
		let reviewed: ReturnType<typeof reviewChange>;
		try {
			reviewed = reviewChange(
				rehearsal.transaction,
				this.doc,
				rehearsal.replica,
				author,
				this.context.respondentEntries ?? NO_ENTRIES
			);
		} catch (error) {
			// Content no rule foresaw: refused like a malformed update, never let through.
			return { ok: false, code: CloseCode.Malformed, reason: errorMessage(error) };
		}
		if (!reviewed.ok) {
			return { ok: false, code: CloseCode.AuthorshipRejected, reason: reviewed.reason };
		}
		return reviewed;
	}

	/**
	 * Writes the server's name and time into the comments the socket's update created, as the
	 * server's own change: stored, sent to every socket (the author's too) and to the other
	 * instances, in the same delivery as the update itself, so nobody sees the client's values.
	 */
	private stamp(stamps: Stamps, author: CollabUser): void {
		const changes: Uint8Array[] = [];
		const capture = (update: Uint8Array) => changes.push(update);
		this.doc.on('update', capture);
		try {
			stampAuthorship(this.doc, stamps, author, new Date().toISOString());
		} catch (error) {
			// The update is in already; whatever part of the stamp was written is captured below.
			this.context.writer.logger.error('stamping comments failed', {
				doc: this.name,
				error: errorMessage(error)
			});
		} finally {
			this.doc.off('update', capture);
		}
		for (const change of changes) {
			this.approxBytes += change.byteLength;
			// A failure here rebuilds the replica from the document, which realigns them too.
			this.shadow.tryApply(change);
		}
		if (this.context.onCommented) {
			const comments = this.doc.getMap<unknown>(COMMENTS_MAP);
			const fields = new Set<string>();
			for (const id of [...stamps.threads, ...stamps.replies.keys()]) {
				const thread = comments.get(id);
				const field = thread instanceof Y.Map ? thread.get('field') : undefined;
				if (typeof field === 'string') fields.add(field);
			}
			if (fields.size > 0) this.context.onCommented(this.name, author, [...fields]);
		}
	}

	/** Applies the entries the guard lets through; impersonation is refused as a whole. */
	applyAwareness(entries: readonly AwarenessEntry[], origin: C): Outcome {
		// The guard knows the owners on this instance; owners on other instances are checked here.
		for (const entry of entries) {
			const owner = this.remoteUsers.get(entry.clientId);
			if (owner !== undefined && owner !== origin.user.userId && this.isNewer(entry)) {
				const reason = `awareness for client ${entry.clientId} of another user`;
				return { ok: false, code: CloseCode.AwarenessRejected, reason };
			}
		}
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
		this.unsubscribe();
		// Sockets still closing would remove their presence too late for the other instances.
		const local = this.localClientIds();
		if (local.length > 0) removeAwarenessStates(this.awareness, local, 'unload');
		this.doc.off('update', this.onUpdate);
		// Whatever is still in the outbox is stored; the sockets are gone.
		if (this.delivery) clearImmediate(this.delivery);
		this.outbox = [];
		this.awareness.off('update', this.onAwarenessUpdate);
		this.shadow.destroy();
		this.loadedState = null;
		this.persistence.close();
		// Also destroys the awareness (it listens for the document's destroy event).
		this.doc.destroy();
	}

	private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
		this.loadedState = null;
		// Stored on every instance that has it, so it survives the crash of the one that took it.
		this.persistence.enqueue(update);
		this.outbox.push({ update, origin });
		this.delivery ??= setImmediate(this.deliver);
	};

	/**
	 * Sends what the document accepted since the last delivery: once per turn of the event loop,
	 * after every socket read of that turn, so updates that arrive together (a busy document, a
	 * loaded server) leave as one merged frame per socket instead of one frame each. A socket gets
	 * nothing it sent itself alone; in a merged frame it may find its own updates again, which
	 * Yjs ignores.
	 */
	private readonly deliver = (): void => {
		this.delivery = null;
		const outbox = this.outbox;
		this.outbox = [];
		if (outbox.length === 0) return;
		const all = merged(outbox.map((entry) => entry.update));
		// To the other instances: what was accepted here, never what they relayed to us.
		if (this.context.fanout) {
			const local = outbox.filter((entry) => entry.origin !== REMOTE);
			const updates =
				local.length === outbox.length ? all : merged(local.map((entry) => entry.update));
			for (const update of updates) this.publish('update', update);
		}
		// To the sockets: all of it, except to a socket that sent all of it.
		const frames = all.map(encodeUpdate);
		const origins = new Set(outbox.map((entry) => entry.origin));
		const soleOrigin = origins.size === 1 ? outbox[0].origin : undefined;
		for (const connection of this.connections) {
			if (connection === soleOrigin) continue;
			for (const frame of frames) connection.send(frame);
		}
	};

	private readonly onAwarenessUpdate = (
		changes: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = [...changes.added, ...changes.updated, ...changes.removed];
		const frame = encodeAwareness(this.awareness, changed);
		for (const clientId of changes.removed) this.remoteUsers.delete(clientId);
		if (origin !== REMOTE) this.publish('awareness', frame);
		for (const connection of this.connections) {
			if (connection !== origin) connection.send(frame);
		}
	};

	// --- fan-out between app instances -------------------------------------------------------

	private publish(kind: FanoutKind, payload: Uint8Array): void {
		const fanout = this.context.fanout;
		fanout?.publish(this.name, kind, payload, fanout.instanceId);
	}

	/**
	 * A message from another instance. It is untrusted like a client's, but a bad one is logged and
	 * dropped: it closes nobody's socket.
	 */
	private receive(message: FanoutMessage): void {
		const outcome: Outcome =
			message.kind === 'update'
				? this.applyUpdate(message.payload, REMOTE)
				: message.kind === 'awareness'
					? this.applyRemoteAwareness(message.payload)
					: message.kind === 'sync'
						? this.answerSync(message.payload)
						: { ok: false, code: CloseCode.Malformed, reason: `unexpected ${message.kind}` };
		if (!outcome.ok) {
			this.context.writer.logger.warn('dropped a message from another instance', {
				doc: this.name,
				kind: message.kind,
				origin: message.origin,
				reason: outcome.reason
			});
		}
	}

	/** Presence of other instances' clients; never for a client id a socket here owns. */
	private applyRemoteAwareness(frame: Uint8Array): Outcome {
		const decoded = decodeClientMessage(frame, this.context.limits);
		if (!decoded.ok || decoded.message.type !== 'awareness') {
			const reason = decoded.ok ? `unexpected ${decoded.message.type}` : decoded.reason;
			return { ok: false, code: CloseCode.Malformed, reason };
		}
		const entries = decoded.message.entries.filter(
			(entry) => this.guard.ownerOf(entry.clientId) === undefined
		);
		for (const entry of entries) {
			const user = entry.state?.user;
			if (isPlainObject(user) && typeof user.userId === 'string') {
				this.remoteUsers.set(entry.clientId, user.userId);
			}
		}
		if (entries.length > 0) {
			applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), REMOTE);
		}
		return { ok: true };
	}

	/** Another instance (re)joined with this state vector: send what it lacks, and who is here. */
	private answerSync(stateVector: Uint8Array): Outcome {
		let missing: Uint8Array;
		try {
			missing = Y.encodeStateAsUpdate(this.doc, stateVector);
		} catch (error) {
			return { ok: false, code: CloseCode.Malformed, reason: errorMessage(error) };
		}
		if (missing.byteLength > EMPTY_UPDATE_BYTES) this.publish('update', missing);
		this.publishLocalPresence();
		return { ok: true };
	}

	/**
	 * The subscription became live (after load, or after the broker was down): messages may have
	 * been lost both ways. Our whole state covers what others missed (deletions are not in a state
	 * vector, so a diff would not); the state vector asks them for what we missed.
	 */
	private resync(): void {
		const state = Y.encodeStateAsUpdate(this.doc);
		if (state.byteLength > EMPTY_UPDATE_BYTES) this.publish('update', state);
		this.publish('sync', Y.encodeStateVector(this.doc));
		this.publishLocalPresence();
	}

	private publishLocalPresence(): void {
		const local = this.localClientIds();
		if (local.length > 0) this.publish('awareness', encodeAwareness(this.awareness, local));
	}

	/** Awareness client ids owned by sockets on this instance. */
	private localClientIds(): number[] {
		return [...this.awareness.getStates().keys()].filter(
			(clientId) => this.guard.ownerOf(clientId) !== undefined
		);
	}

	private isNewer(entry: AwarenessEntry): boolean {
		const known = this.awareness.meta.get(entry.clientId);
		return known === undefined || entry.clock > known.clock;
	}
}

/** One update for several; as they are if they cannot be merged (updates a document accepted can). */
function merged(updates: Uint8Array[]): Uint8Array[] {
	if (updates.length <= 1) return updates;
	try {
		return [Y.mergeUpdates(updates)];
	} catch {
		return updates;
	}
}
