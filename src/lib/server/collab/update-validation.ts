/**
 * Keeps hostile Yjs updates away from a live document, in two stages.
 *
 * 1. `inspectUpdate` decodes the update completely (`Y.decodeUpdate`, the V1 format only) without
 *    integrating it, and bounds what it declares: structs, clients, delete ranges and clocks.
 *    Only V1 is ever read from clients: the run-length decoders of the V2 format can be made to
 *    yield values forever from a few bytes (yjs#687), while every V1 read consumes input and
 *    lib0 0.2.120 throws at the end of the buffer (the loops of yjs#479 and #498).
 * 2. `ShadowDoc` applies the update to a replica of the document first. Integration can throw
 *    halfway (e.g. an item whose parent is not a type), and Yjs has no rollback, so a failure
 *    only ever damages the replica, which is then rebuilt from the real document. The replica's
 *    transaction is kept, so later checks (authorship) can ask what the update changed.
 * 3. `isIntegrated` tells whether everything the update declared was integrated. Yjs keeps
 *    structs and deletions whose dependencies are missing as "pending", and integrates them
 *    inside whichever later transaction supplies the dependency: checks that attribute a
 *    transaction's changes to the socket that sent its update are only sound if no update leaves
 *    anything pending for someone else's update to complete.
 */
import * as Y from 'yjs';
import type { CollabLimits } from '$lib/shared/collab';

/** Far above any real clock (a client would have to insert 2^40 characters), far below 2^53. */
export const MAX_CLOCK = 2 ** 40;

export type Check = { ok: true } | { ok: false; reason: string };

/** How far an update reaches, per client id: the clock after its last struct and deletion. */
export interface UpdateExtent {
	readonly structs: ReadonlyMap<number, number>;
	readonly deletes: ReadonlyMap<number, number>;
}

export type Inspection = { ok: true; extent: UpdateExtent } | { ok: false; reason: string };

/** A successful rehearsal: the replica after the update, and the transaction that applied it. */
export type Rehearsal =
	{ ok: true; replica: Y.Doc; transaction: Y.Transaction } | { ok: false; reason: string };

type UpdateLimits = Pick<
	CollabLimits,
	'maxStructsPerUpdate' | 'maxClientsPerUpdate' | 'maxDeleteRangesPerUpdate'
>;

/** Structural validation of an untrusted V1 update, and its extent. Never throws. */
export function inspectUpdate(update: Uint8Array, limits: UpdateLimits): Inspection {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch (error) {
		return { ok: false, reason: `undecodable update: ${(error as Error).message}` };
	}
	const { structs, ds } = decoded;
	if (structs.length > limits.maxStructsPerUpdate) {
		return { ok: false, reason: `${structs.length} structs in one update` };
	}
	const clients = new Set<number>();
	const structEnds = new Map<number, number>();
	const deleteEnds = new Map<number, number>();
	for (const struct of structs) {
		clients.add(struct.id.client);
		if (!inRange(struct.id.clock, struct.length)) {
			return { ok: false, reason: `struct clock out of range` };
		}
		// Skips (gaps in merged updates) declare nothing to integrate.
		if (struct instanceof Y.Item || struct instanceof Y.GC) {
			raise(structEnds, struct.id.client, struct.id.clock + struct.length);
		}
		// Subdocuments are not used by Mentorpad and would be loaded with options from the client.
		if (struct instanceof Y.Item && struct.content instanceof Y.ContentDoc) {
			return { ok: false, reason: 'subdocuments are not accepted' };
		}
	}
	let ranges = 0;
	for (const [client, items] of ds.clients) {
		clients.add(client);
		ranges += items.length;
		if (ranges > limits.maxDeleteRangesPerUpdate) {
			return { ok: false, reason: `more than ${limits.maxDeleteRangesPerUpdate} delete ranges` };
		}
		for (const item of items) {
			if (!inRange(item.clock, item.len)) return { ok: false, reason: 'delete range out of range' };
			raise(deleteEnds, client, item.clock + item.len);
		}
	}
	if (clients.size > limits.maxClientsPerUpdate) {
		return { ok: false, reason: `${clients.size} clients in one update` };
	}
	return { ok: true, extent: { structs: structEnds, deletes: deleteEnds } };
}

function raise(ends: Map<number, number>, client: number, end: number): void {
	if (end > (ends.get(client) ?? 0)) ends.set(client, end);
}

/**
 * Whether a document holds everything an update reached: every struct integrated and every
 * deleted clock known, so nothing of it waits in the document's pending structs or deletions.
 */
export function isIntegrated(extent: UpdateExtent, doc: Y.Doc): boolean {
	for (const ends of [extent.structs, extent.deletes]) {
		for (const [client, end] of ends) {
			if (Y.getState(doc.store, client) < end) return false;
		}
	}
	return true;
}

function inRange(clock: number, length: number): boolean {
	return (
		Number.isSafeInteger(clock) &&
		Number.isSafeInteger(length) &&
		length >= 0 &&
		clock + length <= MAX_CLOCK
	);
}

function replicate(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc({ gc: doc.gc });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

/**
 * A replica of a document that every accepted update reaches first. It must receive exactly the
 * updates the real document receives; `resync` restores that after a rejected update.
 */
export class ShadowDoc {
	private replica: Y.Doc;
	/** The replica's last transaction; a listener for good, cheaper than one per update. */
	private transaction: Y.Transaction | null = null;
	private readonly record = (transaction: Y.Transaction) => {
		this.transaction = transaction;
	};

	constructor(private readonly main: Y.Doc) {
		this.replica = this.rebuild();
	}

	/**
	 * Applies to the replica only, and returns the replica with the transaction that applied the
	 * update (valid until the next call). On failure the replica is rebuilt and the reason returned.
	 */
	tryApply(update: Uint8Array): Rehearsal {
		const replica = this.replica;
		this.transaction = null;
		try {
			Y.applyUpdate(replica, update);
		} catch (error) {
			this.resync();
			return { ok: false, reason: `update does not apply: ${(error as Error).message}` };
		}
		const transaction = this.lastTransaction();
		// `applyUpdate` always runs one transaction; the guard only satisfies the type checker.
		if (!transaction) return { ok: false, reason: 'update made no transaction' };
		return { ok: true, replica, transaction };
	}

	/** Exact encoded size of the replica's state (costly: used only near the size limit). */
	encodedSize(): number {
		return Y.encodeStateAsUpdate(this.replica).byteLength;
	}

	/** Discards whatever the replica has that the real document has not. */
	resync(): void {
		this.replica.destroy();
		this.replica = this.rebuild();
	}

	destroy(): void {
		this.replica.destroy();
	}

	private rebuild(): Y.Doc {
		const replica = replicate(this.main);
		replica.on('afterTransaction', this.record);
		return replica;
	}

	/** A method, so the type checker does not keep the `null` assigned before `applyUpdate`. */
	private lastTransaction(): Y.Transaction | null {
		return this.transaction;
	}
}
