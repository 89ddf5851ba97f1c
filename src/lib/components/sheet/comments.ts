/**
 * Review comments on a sheet's fields ("filled by the mentee, reviewed by the mentor"), kept in
 * the sheet's own Y.Doc so they are live and as private as the sheet: only the pair can open it.
 *
 * Layout: `doc.getMap('comments')` keyed by thread id; each thread is a Y.Map with the field key
 * it belongs to, so two people starting threads on the same field at once never overwrite each
 * other (a Y.Map entry per field would be last-writer-wins). Replies are appended to the
 * thread's Y.Array; `resolved` is the thread's own entry.
 */
import * as Y from 'yjs';
import { deepSubscriber } from './y-reactive';

export const COMMENTS_MAP = 'comments';

export interface CommentAuthor {
	readonly id: string;
	readonly name: string;
}

export interface CommentReply {
	readonly id: string;
	readonly authorId: string;
	readonly authorName: string;
	readonly text: string;
	/** ISO timestamp of the author's device. */
	readonly at: string;
}

export interface CommentThread extends CommentReply {
	readonly field: string;
	readonly resolved: boolean;
	readonly replies: readonly CommentReply[];
}

function str(map: Y.Map<unknown>, key: string): string {
	const value = map.get(key);
	return typeof value === 'string' ? value : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readReply(value: unknown): CommentReply | null {
	if (!isRecord(value)) return null;
	const { id, authorId, authorName, text, at } = value;
	if (typeof id !== 'string' || typeof text !== 'string') return null;
	return {
		id,
		authorId: typeof authorId === 'string' ? authorId : '',
		authorName: typeof authorName === 'string' ? authorName : '',
		text,
		at: typeof at === 'string' ? at : ''
	};
}

export class SheetComments {
	readonly #map: Y.Map<Y.Map<unknown>>;
	readonly #subscribe: () => void;
	#counter = 0;

	constructor(private readonly doc: Y.Doc) {
		this.#map = doc.getMap(COMMENTS_MAP);
		this.#subscribe = deepSubscriber(this.#map);
	}

	/** Ids unique across devices without relying on `crypto.randomUUID` (secure contexts only). */
	#newId(): string {
		this.#counter += 1;
		return `${this.doc.clientID.toString(36)}-${Date.now().toString(36)}-${this.#counter}`;
	}

	/** The threads of one field, oldest first. */
	forField(fieldKey: string): CommentThread[] {
		this.#subscribe();
		const threads: CommentThread[] = [];
		for (const [id, thread] of this.#map) {
			if (!(thread instanceof Y.Map) || thread.get('field') !== fieldKey) continue;
			const replies = thread.get('replies');
			threads.push({
				id,
				field: fieldKey,
				authorId: str(thread, 'authorId'),
				authorName: str(thread, 'authorName'),
				text: str(thread, 'text'),
				at: str(thread, 'at'),
				resolved: thread.get('resolved') === true,
				replies:
					replies instanceof Y.Array
						? replies
								.toArray()
								.map(readReply)
								.filter((r): r is CommentReply => r !== null)
						: []
			});
		}
		return threads.sort((a, b) => a.at.localeCompare(b.at));
	}

	add(fieldKey: string, text: string, author: CommentAuthor): void {
		const thread = new Y.Map<unknown>();
		thread.set('field', fieldKey);
		thread.set('authorId', author.id);
		thread.set('authorName', author.name);
		thread.set('text', text);
		thread.set('at', new Date().toISOString());
		thread.set('resolved', false);
		thread.set('replies', new Y.Array<unknown>());
		this.#map.set(this.#newId(), thread);
	}

	reply(threadId: string, text: string, author: CommentAuthor): void {
		const replies = this.#map.get(threadId)?.get('replies');
		if (!(replies instanceof Y.Array)) return;
		replies.push([
			{
				id: this.#newId(),
				authorId: author.id,
				authorName: author.name,
				text,
				at: new Date().toISOString()
			}
		]);
	}

	setResolved(threadId: string, resolved: boolean): void {
		this.#map.get(threadId)?.set('resolved', resolved);
	}
}
