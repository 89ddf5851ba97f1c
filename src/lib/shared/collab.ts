/**
 * The collaboration protocol as client and server both see it: the document-name format, the
 * WebSocket close codes and the limits. Imported by the browser (y-websocket provider set-up)
 * and by `src/lib/server/collab/`, so neither side re-derives the other's rules.
 */

/** The URL path under which the collaboration WebSocket lives: `/collab/<document-name>`. */
export const COLLAB_PATH_PREFIX = '/collab/';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DOCUMENT_NAME = new RegExp(
	`^(?:pair/(${UUID})/(sheet|log)/(${UUID})|group/(${UUID})/doc/(${UUID})|reflection/(${UUID})|mgroup/(${UUID})/(sheet|log)/(${UUID}))$`
);

/** The kinds of shared document; Yjs syncs whole documents, so privacy follows the name. */
export type DocumentRef =
	| { kind: 'sheet'; pairId: string; sheetId: string }
	| { kind: 'log'; pairId: string; userId: string }
	| { kind: 'group-doc'; groupId: string; docId: string }
	| { kind: 'reflection'; reflectionId: string }
	| { kind: 'mgroup-sheet'; mentorGroupId: string; sheetId: string }
	| { kind: 'mgroup-log'; mentorGroupId: string; userId: string };

/**
 * Parses `pair/<pairId>/sheet/<sheetId>`, `pair/<pairId>/log/<userId>`,
 * `group/<groupId>/doc/<docId>`, `reflection/<reflectionId>`, or a mentor group's
 * `mgroup/<groupId>/sheet/<sheetId>` and `mgroup/<groupId>/log/<userId>` (lower-case UUIDs). Anything else,
 * including upper-case or percent-encoded variants, is `null`: one document must have exactly one
 * name. A reflection is named by itself alone: its author decides who reads it, not its group.
 */
export function parseDocumentName(name: string): DocumentRef | null {
	const match = DOCUMENT_NAME.exec(name);
	if (!match) return null;
	const [, pairId, pairKind, pairChild, groupId, docId, reflectionId, mgroupId, mKind, mChild] =
		match;
	if (mgroupId !== undefined) {
		return mKind === 'sheet'
			? { kind: 'mgroup-sheet', mentorGroupId: mgroupId, sheetId: mChild }
			: { kind: 'mgroup-log', mentorGroupId: mgroupId, userId: mChild };
	}
	if (pairId !== undefined) {
		return pairKind === 'sheet'
			? { kind: 'sheet', pairId, sheetId: pairChild }
			: { kind: 'log', pairId, userId: pairChild };
	}
	if (reflectionId !== undefined) return { kind: 'reflection', reflectionId };
	return { kind: 'group-doc', groupId, docId };
}

/** The canonical name of a document; the inverse of `parseDocumentName`. */
export function formatDocumentName(ref: DocumentRef): string {
	const name =
		ref.kind === 'sheet'
			? `pair/${ref.pairId}/sheet/${ref.sheetId}`
			: ref.kind === 'log'
				? `pair/${ref.pairId}/log/${ref.userId}`
				: ref.kind === 'group-doc'
					? `group/${ref.groupId}/doc/${ref.docId}`
					: ref.kind === 'mgroup-sheet'
						? `mgroup/${ref.mentorGroupId}/sheet/${ref.sheetId}`
						: ref.kind === 'mgroup-log'
							? `mgroup/${ref.mentorGroupId}/log/${ref.userId}`
							: `reflection/${ref.reflectionId}`;
	if (!parseDocumentName(name)) throw new Error(`Not a valid document name: ${name}`);
	return name;
}

/**
 * WebSocket close codes sent by the collaboration server.
 *
 * The y-websocket provider (v3.1 `defaultShouldReconnect`) stops reconnecting on 4400–4499 and
 * retries everything else. So 44xx mirrors HTTP 4xx for decisions a reconnect cannot change, and
 * transient conditions live in 45xx (4508 and 4529 are 408 and 429 moved into the retry band,
 * because a rate-limited or slow client should come back and resync).
 */
export const CloseCode = {
	/** The path is not `/collab/` followed by a valid document name. */
	BadDocumentName: 4400,
	/** No valid session or token. */
	Unauthenticated: 4401,
	/**
	 * Not allowed to open this document (or it does not exist: the two are not told apart), or
	 * published awareness as someone else.
	 */
	Forbidden: 4403,
	/**
	 * No longer sent: a document that does not exist is refused as Forbidden. Kept so a page
	 * loaded from an older server still explains the close.
	 */
	NotFound: 4404,
	/** Access ended while connected (membership ended, pair closed). */
	AccessRevoked: 4409,
	/** One frame exceeded `maxFrameBytes`. */
	FrameTooLarge: 4413,
	/** Applying the update would grow the document past `maxDocumentBytes`. */
	DocumentTooLarge: 4415,
	/** A frame that does not decode as a y-websocket message, or a Yjs update that fails to apply. */
	Malformed: 4422,
	/** Awareness for a client id this connection does not own, or user fields that differ. */
	AwarenessRejected: 4423,
	/**
	 * An update writes a comment in someone else's name, changes or deletes another person's
	 * comment, or answers for the other person (see `server/collab/authorship.ts`).
	 */
	AuthorshipRejected: 4424,
	/** Unexpected server failure (e.g. the document could not be loaded). Retry. */
	ServerError: 4500,
	/** The server is shutting down. Retry (another instance, or after restart). */
	ShuttingDown: 4503,
	/** The client did not read what was sent to it fast enough. Retry and resync. */
	TooSlow: 4508,
	/**
	 * An update depends on changes the server does not have (it lost them in a crash, or the
	 * client skipped them). Retry: the sync exchange on reconnecting sends them first.
	 */
	OutOfSync: 4509,
	/** Too many messages per second. Retry after backoff. */
	RateLimited: 4529
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Whether the y-websocket provider will reconnect after this close code. */
export function isRetryableClose(code: number): boolean {
	return !(code >= 4400 && code < 4500);
}

export interface CollabLimits {
	/** Largest accepted WebSocket frame (a whole sync or awareness message). */
	maxFrameBytes: number;
	/** Largest encoded document state the server keeps accepting updates for. */
	maxDocumentBytes: number;
	/** Sustained messages per second per connection (token-bucket refill rate). */
	messagesPerSecond: number;
	/** Messages a connection may send in a burst above the sustained rate (bucket size). */
	messageBurst: number;
	/**
	 * Sustained incoming bytes per second per connection; the burst is two maximal frames. Bounds
	 * the decoding and integration work one socket can demand, which grows with bytes.
	 */
	bytesPerSecond: number;
	/** A connection whose unsent output exceeds this many bytes is closed as too slow. */
	maxBufferedBytes: number;
	/** Structs (items, GC and skip ranges) in one incoming update. */
	maxStructsPerUpdate: number;
	/** Distinct client ids in one incoming update. */
	maxClientsPerUpdate: number;
	/** Delete ranges in one incoming update. */
	maxDeleteRangesPerUpdate: number;
	/** Entries in one awareness message. */
	maxAwarenessEntries: number;
	/** Bytes of one client's awareness state (as JSON). */
	maxAwarenessStateBytes: number;
}

export const DEFAULT_COLLAB_LIMITS: Readonly<CollabLimits> = Object.freeze({
	maxFrameBytes: 1024 * 1024,
	maxDocumentBytes: 16 * 1024 * 1024,
	messagesPerSecond: 50,
	messageBurst: 300,
	bytesPerSecond: 512 * 1024,
	// Room for the initial sync of the largest document plus the updates queued behind it.
	maxBufferedBytes: 20 * 1024 * 1024,
	maxStructsPerUpdate: 50_000,
	maxClientsPerUpdate: 5_000,
	maxDeleteRangesPerUpdate: 100_000,
	maxAwarenessEntries: 1_000,
	maxAwarenessStateBytes: 16 * 1024
});

/** The y-websocket message types (first varuint of every frame). */
export const MessageType = {
	Sync: 0,
	Awareness: 1,
	Auth: 2,
	QueryAwareness: 3
} as const;
