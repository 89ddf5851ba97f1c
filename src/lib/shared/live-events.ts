/**
 * The events of the per-person live stream (`/live`, server-sent events), shared by the server
 * that sends them and the browser that reads them. Parsed with zod on both sides of the fan-out
 * between app instances and in the browser. A new kind (e.g. `notification`) is one more member
 * of the union.
 */
import { z } from 'zod';

// In the browser zod must not probe `new Function` for its fast path: the page's CSP forbids
// eval and every probe is reported as a violation. Set before the schemas below are built.
if (typeof window !== 'undefined') z.config({ jitless: true });

const id = z.string().min(1).max(100);
const localized = z.object({ nl: z.string().max(500), en: z.string().max(500) });

/** A piece of a message as shown: plain text, a link (http/https only), a sheet or field. */
export const messagePart = z.discriminatedUnion('t', [
	z.object({ t: z.literal('text'), text: z.string().max(10_000) }),
	z.object({ t: z.literal('link'), href: z.string().max(10_000), text: z.string().max(10_000) }),
	z.object({
		t: z.literal('mention'),
		href: z.string().max(500),
		text: z.string().max(200),
		sheet: localized,
		field: localized.nullable()
	})
]);
export type MessagePart = z.infer<typeof messagePart>;

export const messageFile = z.object({
	id,
	name: z.string().max(200),
	size: z.number().int().nonnegative(),
	contentType: z.string().max(200)
});
export type MessageFile = z.infer<typeof messageFile>;

export const messageView = z.object({
	id,
	pairId: id,
	authorId: id,
	authorName: z.string().max(300),
	parts: z.array(messagePart).max(5_000),
	/** The raw text, for editing (empty once deleted). */
	body: z.string().max(10_000),
	createdAt: z.string().max(40),
	editedAt: z.string().max(40).nullable(),
	deletedAt: z.string().max(40).nullable(),
	files: z.array(messageFile).max(20)
});
export type MessageView = z.infer<typeof messageView>;

export const liveEvent = z.discriminatedUnion('type', [
	/** A message of one of the person's pairs was posted, edited or deleted. */
	z.object({
		type: z.literal('message'),
		action: z.enum(['posted', 'edited', 'deleted']),
		message: messageView
	}),
	/** The person's unread counts changed (a message came in, or they read on another page). */
	z.object({
		type: z.literal('unread'),
		total: z.number().int().nonnegative(),
		byPair: z.record(z.string().max(100), z.number().int().nonnegative())
	}),
	/** Someone of the pair read up to `readAt`. */
	z.object({ type: z.literal('read'), pairId: id, userId: id, readAt: z.string().max(40) })
]);
export type LiveEvent = z.infer<typeof liveEvent>;

/** The SSE event name every live event travels under. */
export const LIVE_EVENT_NAME = 'live';
/** Seconds between heartbeats (comments), so proxies keep the stream open. */
export const LIVE_HEARTBEAT_SECONDS = 25;

/** Parses one event's data; null for anything that is not a live event. Never throws. */
export function parseLiveEvent(data: string): LiveEvent | null {
	try {
		const parsed = liveEvent.safeParse(JSON.parse(data));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
