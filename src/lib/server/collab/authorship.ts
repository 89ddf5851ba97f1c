/**
 * Who may change what inside a document, decided from the socket's authenticated person rather
 * than from anything the client wrote: comments carry an author and a time, and agree fields an
 * answer per respondent, and only the browser's good manners kept people to their own.
 *
 * The rules (a socket's update that breaks one is refused as a whole):
 * - Comments (layout in `$lib/shared/sheet-comments`): a socket creates threads and replies only
 *   in its own person's name (`authorId`) and in the layout's shape. Only the author may change a
 *   thread's text, delete a reply, or delete a thread (and only one without someone else's
 *   replies, which would go with it). Either person may resolve or reopen a thread: it is a
 *   shared to-do, not anyone's words. `field`, `authorId`, `authorName` and `at` never change.
 * - Respondent entries (per-person agree answers, see `respondentEntries` in the templates): only
 *   the person with that pair role sets or clears one, and only to `{ value: 'agree' | 'disagree' }`.
 *
 * Time and name are the server's: after accepting new threads or replies, `stampAuthorship`
 * overwrites their `authorName` and `at` with the person's name and the server clock. So a
 * comment written offline an hour ago is dated when the server accepted it, and a client's
 * clock (or claim of 2020) never reaches anyone; nothing is refused for its time, because an
 * honest device that was offline for days must still get its comments through.
 *
 * `reviewChange` runs after the update was rehearsed on the replica and before the real document
 * gets it, so the real document is "before" and the replica "after". It costs nothing for an
 * update that touches neither map (typing): the replica's transaction says which types changed,
 * and so under which roots.
 */
import * as Y from 'yjs';
import { VALUES_MAP, type AgreeValue } from '$lib/domain/templates';
import {
	COMMENTS_MAP,
	isRecord,
	isReply,
	threadShapeError,
	type CommentReply
} from '$lib/shared/sheet-comments';

/** The person behind a socket, as the server authenticated them. */
export interface Author {
	readonly userId: string;
	readonly name: string;
	/** Their role in this document's pair (`mentor` | `mentee`), '' when they have none. */
	readonly role: string;
}

/** What the server writes after accepting an update: new threads, and new replies per thread. */
export interface Stamps {
	readonly threads: string[];
	/** Thread id → the new replies, as their JSON (a plain reply has no other identity). */
	readonly replies: Map<string, string[]>;
}

export type Review = { ok: true; stamps: Stamps | null } | { ok: false; reason: string };

const ANSWERS: readonly AgreeValue[] = ['agree', 'disagree'];

/**
 * Checks what a socket's update changed in the comments and the respondent entries.
 * `respondentEntries`: `values` entry → the pair role that answers it.
 */
export function reviewChange(
	transaction: Y.Transaction,
	before: Y.Doc,
	after: Y.Doc,
	author: Author,
	respondentEntries: ReadonlyMap<string, string>
): Review {
	// Read before `getMap` below turns a root Yjs created untyped into a Y.Map (a new instance).
	const changed = changedEntries(transaction);
	const threadIds = changed.get(after.share.get(COMMENTS_MAP));
	const answers = [...(changed.get(after.share.get(VALUES_MAP)) ?? [])].filter((entry) =>
		respondentEntries.has(entry)
	);
	let stamps: Stamps | null = null;
	if (threadIds) {
		const result = reviewComments(
			before.getMap(COMMENTS_MAP),
			after.getMap(COMMENTS_MAP),
			threadIds,
			author
		);
		if (typeof result === 'string') return { ok: false, reason: result };
		if (result.threads.length > 0 || result.replies.size > 0) stamps = result;
	}
	if (answers.length > 0) {
		const reason = reviewAnswers(
			before.getMap(VALUES_MAP),
			after.getMap(VALUES_MAP),
			author,
			answers.map((entry) => [entry, respondentEntries.get(entry) ?? ''])
		);
		if (reason !== null) return { ok: false, reason };
	}
	return { ok: true, stamps };
}

/**
 * Writes the server's name and time into what `reviewChange` found new, in one transaction on
 * `doc`. A thread's entries are overwritten; a reply, a plain value, is replaced by a stamped
 * copy in the same place.
 */
export function stampAuthorship(doc: Y.Doc, stamps: Stamps, author: Author, at: string): void {
	const comments = doc.getMap<unknown>(COMMENTS_MAP);
	doc.transact(() => {
		for (const id of stamps.threads) {
			const thread = comments.get(id);
			if (!(thread instanceof Y.Map)) continue;
			if (thread.get('authorName') !== author.name) thread.set('authorName', author.name);
			thread.set('at', at);
		}
		for (const [id, added] of stamps.replies) {
			const thread = comments.get(id);
			const replies: unknown = thread instanceof Y.Map ? thread.get('replies') : undefined;
			if (!(replies instanceof Y.Array)) continue;
			const wanted = counts(added);
			const list: unknown[] = replies.toArray();
			for (let index = list.length - 1; index >= 0; index--) {
				const reply = list[index];
				const key = contentKey(reply);
				const left = wanted.get(key) ?? 0;
				if (left === 0 || !isReply(reply)) continue;
				wanted.set(key, left - 1);
				const stamped: CommentReply = { ...reply, authorName: author.name, at };
				replies.delete(index, 1);
				replies.insert(index, [stamped]);
			}
		}
	});
}

/**
 * Per root type, the keys of its entries under which the transaction changed something: a
 * thread id for any change inside that thread, an entry of `values`. Not `changedParentTypes`:
 * Yjs fills that only for typed roots, and a replica's roots stay untyped until someone calls
 * `getMap`. A typing update changes one or two types, each a few levels deep.
 */
function changedEntries(transaction: Y.Transaction): Map<unknown, Set<string>> {
	const result = new Map<unknown, Set<string>>();
	for (const [type, subs] of transaction.changed) {
		// Climb to the root, remembering the key of the root's entry the change is in.
		let node: unknown = type;
		let entry: string | null = null;
		while (node instanceof Y.AbstractType && node._item !== null) {
			entry = node._item.parentSub;
			node = node._item.parent;
		}
		let keys = result.get(node);
		if (!keys) result.set(node, (keys = new Set()));
		if (node === type) {
			for (const sub of subs) if (sub !== null) keys.add(sub);
		} else if (entry !== null) {
			keys.add(entry);
		}
	}
	return result;
}

// --- comments ----------------------------------------------------------------------------------

const IN_NAME_OF = "writes a comment in someone else's name";

/** The stamps to write, or why the change is refused; `ids`: the threads the update touched. */
function reviewComments(
	before: Y.Map<unknown>,
	after: Y.Map<unknown>,
	ids: ReadonlySet<string>,
	me: Author
): Stamps | string {
	const stamps: Stamps = { threads: [], replies: new Map() };
	for (const id of ids) {
		const old = before.get(id);
		const now = after.get(id);
		if (old !== undefined && now !== undefined && identity(old) === identity(now)) {
			const reason = reviewThreadChange(id, old, now, me, stamps);
			if (reason !== null) return reason;
			continue;
		}
		// Gone, new, or replaced by another value: a deletion and/or a creation.
		if (old !== undefined) {
			const reason = mayDelete(old, me);
			if (reason !== null) return reason;
		}
		if (now !== undefined) {
			const reason = threadShapeError(now) ?? (ownerOf(now) === me.userId ? null : IN_NAME_OF);
			if (reason !== null) return reason;
			stamps.threads.push(id);
			// Replies written with the thread (offline, say) are new too.
			const replies: unknown = now instanceof Y.Map ? now.get('replies') : undefined;
			const added = replies instanceof Y.Array ? replies.toArray().map(contentKey) : [];
			if (added.length > 0) stamps.replies.set(id, added);
		}
	}
	return stamps;
}

function reviewThreadChange(
	id: string,
	old: unknown,
	now: unknown,
	me: Author,
	stamps: Stamps
): string | null {
	if (!(old instanceof Y.Map) || !(now instanceof Y.Map)) {
		// The same item can only hold the same plain value; a type that is no thread must not move.
		return contentKey(old) === contentKey(now) ? null : 'changes an entry that is not a thread';
	}
	const keys = new Set<string>([...old.keys(), ...now.keys()]);
	for (const key of keys) {
		const was: unknown = old.get(key);
		const is: unknown = now.get(key);
		if (key === 'replies') {
			const reason = reviewReplies(id, was, is, me, stamps);
			if (reason !== null) return reason;
			continue;
		}
		if (contentKey(was) === contentKey(is)) continue;
		if (key === 'resolved') {
			if (typeof is !== 'boolean') return 'a resolved flag that is not a boolean';
		} else if (key === 'text') {
			if (ownerOf(old) !== me.userId) return "changes the text of someone else's comment";
			if (typeof is !== 'string') return 'a comment text that is not a string';
		} else {
			return `changes ${key.slice(0, 40)} of a comment`;
		}
	}
	return null;
}

function reviewReplies(
	id: string,
	was: unknown,
	is: unknown,
	me: Author,
	stamps: Stamps
): string | null {
	if (!(was instanceof Y.Array) || !(is instanceof Y.Array) || identity(was) !== identity(is)) {
		return contentKey(was) === contentKey(is) ? null : 'replaces the replies of a comment';
	}
	const before: unknown[] = was.toArray();
	const after: unknown[] = is.toArray();
	const remaining = counts(before.map(contentKey));
	const added: string[] = [];
	for (const reply of after) {
		const key = contentKey(reply);
		const left = remaining.get(key) ?? 0;
		if (left > 0) {
			remaining.set(key, left - 1);
			continue;
		}
		if (!isReply(reply)) return 'a reply that does not follow the layout';
		if (reply.authorId !== me.userId) return "writes a reply in someone else's name";
		added.push(key);
	}
	for (const reply of before) {
		const key = contentKey(reply);
		const left = remaining.get(key) ?? 0;
		if (left === 0) continue;
		remaining.set(key, left - 1);
		if (ownerOf(reply) !== me.userId) return "deletes someone else's reply";
	}
	if (added.length > 0) stamps.replies.set(id, added);
	return null;
}

/** A thread goes with its replies: its author may delete it only if they are all theirs too. */
function mayDelete(thread: unknown, me: Author): string | null {
	if (!(thread instanceof Y.Map) || ownerOf(thread) !== me.userId) {
		return "deletes or replaces someone else's comment";
	}
	const replies: unknown = thread.get('replies');
	if (replies instanceof Y.Array && replies.toArray().some((r) => ownerOf(r) !== me.userId)) {
		return "deletes a comment with someone else's replies";
	}
	return null;
}

function ownerOf(value: unknown): unknown {
	if (value instanceof Y.Map) return value.get('authorId');
	return isRecord(value) && !(value instanceof Y.AbstractType) ? value.authorId : undefined;
}

// --- per-person answers ------------------------------------------------------------------------

function reviewAnswers(
	before: Y.Map<unknown>,
	after: Y.Map<unknown>,
	me: Author,
	entries: readonly (readonly [string, string])[]
): string | null {
	for (const [entry, role] of entries) {
		const is: unknown = after.get(entry);
		if (contentKey(before.get(entry)) === contentKey(is)) continue;
		if (role !== me.role) return `changes the ${role}'s answer ${entry.slice(0, 60)}`;
		if (is !== undefined && !isAnswer(is)) return 'an answer that is not agree or disagree';
	}
	return null;
}

function isAnswer(value: unknown): boolean {
	if (!isRecord(value) || value instanceof Y.AbstractType) return false;
	const keys = Object.keys(value);
	return keys.length === 1 && ANSWERS.some((answer) => answer === value.value);
}

// --- comparing values across the two documents -------------------------------------------------

/**
 * Which item holds a value: the real document and the replica share item ids, so a Y type with
 * the same id is the same type, changed or not. Plain values have no identity beyond content.
 */
function identity(value: unknown): string {
	if (value instanceof Y.AbstractType) {
		const id = value._item?.id;
		return id ? `y:${id.client}:${id.clock}` : 'y:root';
	}
	return contentKey(value);
}

/** Identity and content: equal exactly when nothing about the value changed. */
function contentKey(value: unknown): string {
	if (value === undefined) return 'undefined';
	if (value instanceof Y.AbstractType) {
		return `${identity(value)}=${stringify(value.toJSON())}`;
	}
	return `p:${stringify(value)}`;
}

/** JSON that also takes what a Yjs value may hold and JSON may not (a hostile bigint). */
function stringify(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		typeof inner === 'bigint' ? `${inner}n` : inner
	);
}

function counts(keys: readonly string[]): Map<string, number> {
	const result = new Map<string, number>();
	for (const key of keys) result.set(key, (result.get(key) ?? 0) + 1);
	return result;
}
