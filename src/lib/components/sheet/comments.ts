/**
 * Review comments on a sheet's fields ("filled by the mentee, reviewed by the mentor"), kept in
 * the sheet's own Y.Doc so they are live and as private as the sheet: only the pair can open it.
 * The layout, and which parts the server writes, is in `$lib/shared/sheet-comments`.
 */
import * as Y from 'yjs';
import {
	COMMENTS_MAP,
	isRecord,
	type CommentReply,
	type CommentThread
} from '$lib/shared/sheet-comments';
import { deepSubscriber } from './y-reactive';

export type { CommentReply, CommentThread };

export interface CommentAuthor {
	readonly id: string;
	readonly name: string;
}

function str(map: Y.Map<unknown>, key: string): string {
	const value = map.get(key);
	return typeof value === 'string' ? value : '';
}

/** Lenient on purpose: comments written before the server checked them may lack fields. */
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

	/**
	 * Starts a thread. `authorId` must be this person (the server refuses anything else);
	 * `authorName` and `at` show at once and offline, and the server overwrites them with its own.
	 */
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

	/** Appends a reply; the server replaces it with a copy that carries its name and time. */
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
