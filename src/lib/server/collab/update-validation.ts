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
 *    only ever damages the replica, which is then dropped and built again from the real document
 *    when the next update needs it. The replica's transaction is kept, so later checks
 *    (authorship) can ask what the update changed.
 * 3. `isPlainEdit` recognises the everyday update (typing, marks, plain values) whose
 *    integration cannot throw and leaves nothing pending, by checking every reference it makes
 *    against the real document. Such an update skips the rehearsal; the replica gets it later,
 *    off the latency path (`ShadowDoc.defer`).
 * 4. `isIntegrated` tells whether everything the update declared was integrated. Yjs keeps
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

/** What `Y.decodeUpdate` read: structs not integrated anywhere, and the delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export type Inspection =
	{ ok: true; extent: UpdateExtent; decoded: DecodedUpdate } | { ok: false; reason: string };

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
	return { ok: true, extent: { structs: structEnds, deletes: deleteEnds }, decoded };
}

/** The roots whose changes need the authorship review, and the `values` entries it guards. */
export interface ReviewedRoots {
	/** Root names under which any change is reviewed (the comment threads). */
	readonly reviewed: readonly string[];
	/** The root of plain values, and its entries only one pair role may write. */
	readonly values: string;
	readonly respondentEntries: ReadonlyMap<string, string>;
}

/** Content that integrates without creating types or referring to anything: text, marks, values. */
const PLAIN_CONTENT = [
	Y.ContentString,
	Y.ContentFormat,
	Y.ContentAny,
	Y.ContentEmbed,
	Y.ContentJSON,
	Y.ContentBinary,
	Y.ContentDeleted
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types an item's parent as AbstractType<YEvent<any>>: no narrower type accepts it
type YType = Y.AbstractType<any>;

/** Deleted structs walked at most per update before it takes the rehearsed path. */
const MAX_DELETED_STRUCTS = 1000;

/**
 * Whether an inspected update is a plain edit of what `doc` already holds, so that applying it
 * can neither throw nor leave anything pending, and it changes nothing the authorship review
 * looks at. Everything else (new types such as a paragraph, gaps, references to unknown or
 * collected structs, duplicates, anything under a reviewed root or a respondent entry) is
 * rehearsed. Sufficient, not necessary: a false answer only costs the rehearsal.
 *
 * Each struct must continue its client exactly where `doc` (or the update's earlier structs of
 * that client) ends. Its left and right origins must be items `doc` holds, or earlier structs of
 * the same client in this update; its parent (named, by id, or inherited from the origins) must
 * be a type `doc` holds, the same on both sides. Every deletion must fall inside what `doc` holds.
 */
export function isPlainEdit(decoded: DecodedUpdate, doc: Y.Doc, roots: ReviewedRoots): boolean {
	const { store } = doc;
	/** The structs of the update read so far, per client: where they end and their parent. */
	const seen = new Map<number, Placed[]>();
	for (const struct of decoded.structs) {
		if (!(struct instanceof Y.Item) || struct.length < 1) return false;
		if (!PLAIN_CONTENT.some((kind) => struct.content instanceof kind)) return false;
		const { client, clock } = struct.id;
		const mine = seen.get(client) ?? [];
		const expected = mine.length > 0 ? mine[mine.length - 1].end : Y.getState(store, client);
		if (clock !== expected) return false;
		const parent = parentOf(struct, doc, mine);
		if (!parent || !mayChange(parent, struct.parentSub ?? inheritedKey(struct, doc), roots, doc)) {
			return false;
		}
		mine.push({ clock, end: clock + struct.length, parent });
		seen.set(client, mine);
	}
	let walked = 0;
	for (const [client, ranges] of decoded.ds.clients) {
		const structs = store.clients.get(client);
		for (const { clock, len } of ranges) {
			// Also an empty range past the state: Yjs would keep it pending (and fail to encode it).
			const state = Y.getState(store, client);
			if (!structs || clock >= state || clock + len > state) return false;
			for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
				const struct = structs[i];
				if (struct.id.clock >= clock + len) break;
				if (++walked > MAX_DELETED_STRUCTS) return false;
				if (!(struct instanceof Y.Item) || struct.deleted) continue;
				const parent = struct.parent as YType | null;
				if (!parent || !mayChange(parent, struct.parentSub, roots, doc)) return false;
			}
		}
	}
	return true;
}

/**
 * Where a struct of the update goes: a type `doc` holds, or the name of a root it will create.
 */
type Parent = YType | string;

/** A struct of the update already read: its clocks and where it goes. */
interface Placed {
	clock: number;
	end: number;
	parent: Parent;
}

/**
 * The type a decoded struct goes into, resolved in `doc` the way Yjs will resolve it; null when
 * that is not certain (an unknown, collected or non-type reference, or origins in two types).
 */
function parentOf(struct: Y.Item, doc: Y.Doc, mine: readonly Placed[]): Parent | null {
	const { origin, rightOrigin } = struct;
	if (origin === null && rightOrigin === null) {
		// Decoded, `parent` is the root's name or the id of the item holding the type.
		const parent = struct.parent as unknown;
		if (typeof parent === 'string') return doc.share.get(parent) ?? parent;
		if (!(parent instanceof Y.ID) || !known(doc, parent)) return null;
		const holder = Y.getItem(doc.store, parent);
		return holder instanceof Y.Item && holder.content instanceof Y.ContentType
			? (holder.content.type as YType)
			: null;
	}
	const left = origin ? neighbourParent(origin, struct, doc, mine) : undefined;
	const right = rightOrigin ? neighbourParent(rightOrigin, struct, doc, mine) : undefined;
	if (left === null || right === null) return null;
	if (left && right && left !== right) return null;
	return left ?? right ?? null;
}

/** The parent of an origin: an item of `doc`, or an earlier struct of the same client here. */
function neighbourParent(
	id: Y.ID,
	struct: Y.Item,
	doc: Y.Doc,
	mine: readonly Placed[]
): Parent | null {
	if (known(doc, id)) {
		const item = Y.getItem(doc.store, id);
		return item instanceof Y.Item ? (item.parent as YType | null) : null;
	}
	if (id.client !== struct.id.client || id.clock >= struct.id.clock) return null;
	return mine.find((s) => id.clock >= s.clock && id.clock < s.end)?.parent ?? null;
}

/** The map key an item with origins inherits: its left (else right) neighbour's in `doc`. */
function inheritedKey(struct: Y.Item, doc: Y.Doc): string | null {
	for (const id of [struct.origin, struct.rightOrigin]) {
		if (id && known(doc, id)) {
			const item = Y.getItem(doc.store, id);
			if (item instanceof Y.Item) return item.parentSub;
		}
	}
	return null;
}

function known(doc: Y.Doc, id: Y.ID): boolean {
	return id.clock < Y.getState(doc.store, id.client);
}

/** Whether a change inside `parent` (under the map key `key`) escapes the authorship review. */
function mayChange(parent: Parent, key: string | null, roots: ReviewedRoots, doc: Y.Doc): boolean {
	if (typeof parent === 'string') {
		return !roots.reviewed.includes(parent) && parent !== roots.values;
	}
	let root = parent;
	while (root._item !== null) {
		const above = root._item.parent as YType | null;
		if (!above) return false;
		root = above;
	}
	for (const name of roots.reviewed) if (doc.share.get(name) === root) return false;
	if (doc.share.get(roots.values) === root) {
		// Plain values are entries of the map itself; its respondent entries are reviewed.
		return parent === root && key !== null && !roots.respondentEntries.has(key);
	}
	return true;
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

/** Deferred updates that make the replica catch up at once, and the most it waits otherwise. */
const MAX_DEFERRED = 256;
const CATCH_UP_MS = 1000;
/** A replica not used for a rehearsal in this long (between one and two periods) is dropped… */
const IDLE_MS = 30_000;
/** …unless building it took longer than this. */
const KEEP_REBUILDS_OVER_MS = 20;

function replicate(doc: Y.Doc, state = Y.encodeStateAsUpdate(doc)): Y.Doc {
	const copy = new Y.Doc({ gc: doc.gc });
	Y.applyUpdate(copy, state);
	return copy;
}

/**
 * A replica of a document that every rehearsed update reaches first. It must hold exactly what
 * the real document holds; `resync` restores that after a rejected update.
 *
 * It is built when the first update needs a rehearsal, not when the document loads: a document
 * people only type in (plain edits, `isPlainEdit`) never needs one. Once built, it takes the plain
 * edits too, in one transaction before the next rehearsal or within a second; after
 * {@link IDLE_MS} without a rehearsal it is dropped again, unless rebuilding it is slow (a large
 * document), which keeps it for good.
 */
export class ShadowDoc {
	private replica: Y.Doc | null = null;
	/** The replica's last transaction; a listener for good, cheaper than one per update. */
	private transaction: Y.Transaction | null = null;
	private readonly record = (transaction: Y.Transaction) => {
		this.transaction = transaction;
	};
	/** Updates the real document took without a rehearsal, not yet on the replica. */
	private deferred: Uint8Array[] = [];
	private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
	private idleTimer: ReturnType<typeof setInterval> | null = null;
	private rehearsed = false;
	/** Rebuilding took long enough that the replica stays (see the class comment). */
	private keep = false;

	/**
	 * `encoded`, when given, returns the main document's whole state while one is at hand (a large
	 * document as loaded, unchanged since): building the replica then skips encoding it again.
	 */
	constructor(
		private readonly main: Y.Doc,
		private readonly encoded: () => Uint8Array | null = () => null
	) {}

	/**
	 * Applies to the replica only, and returns the replica with the transaction that applied the
	 * update (valid until the next call). On failure the replica is dropped and the reason returned.
	 */
	tryApply(update: Uint8Array): Rehearsal {
		const replica = this.current();
		this.rehearsed = true;
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

	/** An update the real document took without a rehearsal (a plain edit). */
	defer(update: Uint8Array): void {
		if (!this.replica) return;
		this.deferred.push(update);
		if (this.deferred.length >= MAX_DEFERRED) this.catchUp();
		else this.catchUpTimer ??= setTimeout(() => this.catchUp(), CATCH_UP_MS).unref();
	}

	/** Exact encoded size of the replica's state (costly: used only near the size limit). */
	encodedSize(): number {
		return Y.encodeStateAsUpdate(this.current()).byteLength;
	}

	/** Discards whatever the replica has that the real document has not (by dropping it). */
	resync(): void {
		this.drop();
	}

	destroy(): void {
		this.drop();
	}

	/** The replica, up to date with the real document. */
	private current(): Y.Doc {
		if (this.replica) {
			this.catchUp();
			return this.replica;
		}
		const started = performance.now();
		const replica = replicate(this.main, this.encoded() ?? undefined);
		replica.on('afterTransaction', this.record);
		this.replica = replica;
		this.keep ||= performance.now() - started > KEEP_REBUILDS_OVER_MS;
		if (!this.keep && !this.idleTimer) {
			this.idleTimer = setInterval(() => {
				if (!this.rehearsed) this.drop();
				this.rehearsed = false;
			}, IDLE_MS).unref();
		}
		return replica;
	}

	/** Applies the deferred updates to the replica; drops it if that fails (it never should). */
	private catchUp(): void {
		const replica = this.replica;
		if (!replica || this.deferred.length === 0) return;
		const updates = this.deferred;
		this.clearDeferred();
		try {
			Y.transact(replica, () => {
				for (const update of updates) Y.applyUpdate(replica, update);
			});
		} catch {
			this.drop();
		}
	}

	private drop(): void {
		this.clearDeferred();
		if (this.idleTimer) clearInterval(this.idleTimer);
		this.idleTimer = null;
		this.replica?.destroy();
		this.replica = null;
	}

	private clearDeferred(): void {
		this.deferred = [];
		if (this.catchUpTimer) clearTimeout(this.catchUpTimer);
		this.catchUpTimer = null;
	}

	/** A method, so the type checker does not keep the `null` assigned before `applyUpdate`. */
	private lastTransaction(): Y.Transaction | null {
		return this.transaction;
	}
}
