/**
 * The events of the per-person live stream (`/live`, server-sent events): their types, shared by
 * the server that sends them and the browser that reads them, and their zod schemas, which every
 * app instance applies to events relayed from the others. (The browser, which reads only its own
 * origin's stream, checks the shape it branches on with the lighter `readLiveEvent` in `live.ts`,
 * so pages do not carry zod.) A new kind (e.g. `notification`) is one more member of the union.
 */
import { z } from 'zod';

const text = (max: number) => z.string().check(z.maxLength(max));
const id = z.string().check(z.minLength(1), z.maxLength(100));
const count = z.int().check(z.gte(0));
const localized = z.object({ nl: text(500), en: text(500) });

/** A piece of a message as shown: plain text, a link (http/https only), a sheet or field. */
export const messagePart = z.discriminatedUnion('t', [
	z.object({ t: z.literal('text'), text: text(10_000) }),
	z.object({ t: z.literal('link'), href: text(10_000), text: text(10_000) }),
	z.object({
		t: z.literal('mention'),
		href: text(500),
		text: text(200),
		sheet: localized,
		field: z.nullable(localized)
	})
]);
export type MessagePart = z.infer<typeof messagePart>;

export const messageFile = z.object({
	id,
	name: text(200),
	size: count,
	contentType: text(200)
});
export type MessageFile = z.infer<typeof messageFile>;

export const messageView = z.object({
	id,
	pairId: id,
	authorId: id,
	authorName: text(300),
	parts: z.array(messagePart).check(z.maxLength(5_000)),
	/** The raw text, for editing (empty once deleted). */
	body: text(10_000),
	createdAt: text(40),
	editedAt: z.nullable(text(40)),
	deletedAt: z.nullable(text(40)),
	files: z.array(messageFile).check(z.maxLength(20))
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
		total: count,
		byPair: z.record(text(100), count)
	}),
	/** Someone of the pair read up to `readAt`. */
	z.object({ type: z.literal('read'), pairId: id, userId: id, readAt: text(40) }),
	/** The person has new notifications: the bell reloads its count. */
	z.object({ type: z.literal('notification') }),
	/** Something of a learning-community group changed: its open pages reload that part. */
	z.object({
		type: z.literal('group'),
		groupId: id,
		topic: z.enum(['intervision', 'comments', 'meetings'])
	})
]);
export type LiveEvent = z.infer<typeof liveEvent>;

/** Parses one event's data; null for anything that is not a live event. Never throws. */
export function parseLiveEvent(data: string): LiveEvent | null {
	try {
		const parsed = liveEvent.safeParse(JSON.parse(data));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
