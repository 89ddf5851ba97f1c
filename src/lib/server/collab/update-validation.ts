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
 *    only ever damages the replica, which is then rebuilt from the real document.
 */
import * as Y from 'yjs';
import type { CollabLimits } from '$lib/shared/collab';

/** Far above any real clock (a client would have to insert 2^40 characters), far below 2^53. */
export const MAX_CLOCK = 2 ** 40;

export type Check = { ok: true } | { ok: false; reason: string };

type UpdateLimits = Pick<
	CollabLimits,
	'maxStructsPerUpdate' | 'maxClientsPerUpdate' | 'maxDeleteRangesPerUpdate'
>;

/** Structural validation of an untrusted V1 update. Never throws. */
export function inspectUpdate(update: Uint8Array, limits: UpdateLimits): Check {
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
	for (const struct of structs) {
		clients.add(struct.id.client);
		if (!inRange(struct.id.clock, struct.length)) {
			return { ok: false, reason: `struct clock out of range` };
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
		}
	}
	if (clients.size > limits.maxClientsPerUpdate) {
		return { ok: false, reason: `${clients.size} clients in one update` };
	}
	return { ok: true };
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

	constructor(private readonly main: Y.Doc) {
		this.replica = replicate(main);
	}

	/** Applies to the replica only. On failure the replica is rebuilt and the reason returned. */
	tryApply(update: Uint8Array): Check {
		try {
			Y.applyUpdate(this.replica, update);
			return { ok: true };
		} catch (error) {
			this.resync();
			return { ok: false, reason: `update does not apply: ${(error as Error).message}` };
		}
	}

	/** Exact encoded size of the replica's state (costly: used only near the size limit). */
	encodedSize(): number {
		return Y.encodeStateAsUpdate(this.replica).byteLength;
	}

	/** Discards whatever the replica has that the real document has not. */
	resync(): void {
		this.replica.destroy();
		this.replica = replicate(this.main);
	}

	destroy(): void {
		this.replica.destroy();
	}
}
