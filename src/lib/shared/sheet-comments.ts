/**
 * The layout of review comments in a sheet's Y.Doc, shared by the browser (which writes and
 * shows them) and the collaboration server (which decides who may write what in them).
 *
 * `doc.getMap('comments')` is keyed by thread id; each thread is a Y.Map with exactly the keys
 * in {@link THREAD_KEYS}, so two people starting threads on the same field at once never
 * overwrite each other (a Y.Map entry per field would be last-writer-wins). Replies are plain
 * objects ({@link REPLY_KEYS}) appended to the thread's `replies` Y.Array; `resolved` is the
 * thread's own entry, so either person can resolve without touching the text.
 *
 * `authorId` is checked by the server against the socket's person; `authorName` and `at` are
 * the server's: the browser writes its own values so a comment shows at once (and offline), and
 * the server overwrites them with the person's name and its own clock when it accepts the
 * comment (for a reply, which is a plain value, by replacing it with a stamped copy).
 */
import * as Y from 'yjs';

export const COMMENTS_MAP = 'comments';

export const THREAD_KEYS = [
	'field',
	'authorId',
	'authorName',
	'text',
	'at',
	'resolved',
	'replies'
] as const;

export const REPLY_KEYS = ['id', 'authorId', 'authorName', 'text', 'at'] as const;

export interface CommentReply {
	readonly id: string;
	readonly authorId: string;
	readonly authorName: string;
	readonly text: string;
	/** ISO timestamp: the server's clock when it accepted the comment (the device's until then). */
	readonly at: string;
}

export interface CommentThread extends CommentReply {
	readonly field: string;
	readonly resolved: boolean;
	readonly replies: readonly CommentReply[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A reply exactly as the layout defines it: a plain object of the five string fields. */
export function isReply(value: unknown): value is CommentReply {
	if (!isRecord(value) || value instanceof Y.AbstractType) return false;
	const keys = Object.keys(value);
	return (
		keys.length === REPLY_KEYS.length && REPLY_KEYS.every((key) => typeof value[key] === 'string')
	);
}

/**
 * Why a thread map does not follow the layout, or null when it does. Strict on purpose: the
 * server applies it to threads a socket creates, and a browser only ever writes this shape.
 */
export function threadShapeError(thread: unknown): string | null {
	if (!(thread instanceof Y.Map)) return 'a comment thread is not a map';
	for (const key of thread.keys()) {
		if (!(THREAD_KEYS as readonly string[]).includes(key)) return `unknown thread entry ${key}`;
	}
	for (const key of ['field', 'authorId', 'authorName', 'text', 'at'] as const) {
		if (typeof thread.get(key) !== 'string') return `thread ${key} is not a string`;
	}
	if (typeof thread.get('resolved') !== 'boolean') return 'thread resolved is not a boolean';
	const replies: unknown = thread.get('replies');
	if (!(replies instanceof Y.Array)) return 'thread replies are not an array';
	if (!replies.toArray().every(isReply)) return 'a reply does not follow the layout';
	return null;
}
