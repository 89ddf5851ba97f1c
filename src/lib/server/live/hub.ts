/**
 * The live hub: each signed-in page holds one server-sent event stream (`/live`), and
 * `publishToUsers` writes an event to every open stream of those people, on every app instance.
 * Events travel between instances on one reserved fan-out channel (as access events do), parsed
 * with the shared schema on arrival; a broker outage loses live events, never data (pages load
 * the conversation from the database and re-read counts when the stream reconnects).
 */
import { z } from 'zod';
import { liveEvent, type LiveEvent } from '$lib/shared/live-events';
import { LIVE_EVENT_NAME, LIVE_HEARTBEAT_SECONDS } from '$lib/shared/live';
import type { Fanout } from '../collab/fanout';
import type { CollabLogger } from '../collab/types';

/** Not a document name (those start with `pair/` or `group/`), so no document listens here. */
export const LIVE_EVENTS_CHANNEL = '@live-events';

const MAX_RELAY_BYTES = 256 * 1024;
/** More streams than this for one person (tabs, devices) close the oldest. */
const MAX_STREAMS_PER_USER = 20;

const relayed = z.object({
	userIds: z
		.array(z.string().check(z.minLength(1), z.maxLength(100)))
		.check(z.minLength(1), z.maxLength(1_000)),
	event: liveEvent
});

interface Stream {
	userId: string;
	sessionId?: string;
	controller: ReadableStreamDefaultController<Uint8Array>;
	closed: boolean;
	expiry?: ReturnType<typeof setTimeout>;
}

export interface LiveHub {
	/**
	 * A new stream for the person; `hello` runs once it is registered (e.g. to send the current
	 * counts), so nothing published meanwhile is missed.
	 */
	open(
		user: { userId: string; sessionId?: string; expiresAt?: Date },
		hello?: (send: (event: LiveEvent) => void) => Promise<void>
	): ReadableStream<Uint8Array>;
	/** Writes the event to every open stream of these people, here and on the other instances. */
	publishToUsers(userIds: readonly string[], event: LiveEvent): void;
	/** Closes the matching streams (sign-out). */
	closeWhere(match: (stream: { userId: string; sessionId?: string }) => boolean): void;
	/** How many streams are open on this instance. */
	readonly size: number;
	close(): void;
}

const encoder = new TextEncoder();
const frame = (event: LiveEvent) =>
	encoder.encode(`event: ${LIVE_EVENT_NAME}\ndata: ${JSON.stringify(event)}\n\n`);
const HEARTBEAT = encoder.encode(': heartbeat\n\n');

export function createLiveHub(options: {
	fanout: Fanout;
	log: CollabLogger;
	heartbeatMs?: number;
}): LiveHub {
	const { fanout, log } = options;
	const byUser = new Map<string, Set<Stream>>();
	let count = 0;

	function remove(stream: Stream): void {
		if (stream.closed) return;
		stream.closed = true;
		if (stream.expiry) clearTimeout(stream.expiry);
		count--;
		const set = byUser.get(stream.userId);
		set?.delete(stream);
		if (set?.size === 0) byUser.delete(stream.userId);
	}

	function write(stream: Stream, bytes: Uint8Array): void {
		if (stream.closed) return;
		try {
			stream.controller.enqueue(bytes);
		} catch {
			remove(stream);
		}
	}

	function end(stream: Stream): void {
		if (stream.closed) return;
		remove(stream);
		try {
			stream.controller.close();
		} catch {
			// Already closed by the client.
		}
	}

	function deliver(userIds: readonly string[], event: LiveEvent): void {
		let bytes: Uint8Array | null = null;
		for (const userId of new Set(userIds)) {
			const set = byUser.get(userId);
			if (!set) continue;
			bytes ??= frame(event);
			for (const stream of set) write(stream, bytes);
		}
	}

	const heartbeat = setInterval(
		() => {
			for (const set of byUser.values()) for (const stream of set) write(stream, HEARTBEAT);
		},
		options.heartbeatMs ?? LIVE_HEARTBEAT_SECONDS * 1_000
	);
	heartbeat.unref?.();

	const unsubscribe = fanout.subscribe(LIVE_EVENTS_CHANNEL, {
		message(message) {
			const parsed = message.kind === 'event' ? decodeRelay(message.payload) : null;
			if (!parsed) {
				log.warn('dropped a live event from another instance', {
					origin: message.origin,
					bytes: message.payload.byteLength
				});
				return;
			}
			deliver(parsed.userIds, parsed.event);
		},
		live() {}
	});

	return {
		open(user, hello) {
			let stream: Stream | undefined;
			return new ReadableStream<Uint8Array>({
				start(controller) {
					stream = {
						userId: user.userId,
						sessionId: user.sessionId,
						controller,
						closed: false
					};
					const opened = stream;
					// The stream ends with the session; EventSource reconnects and is asked again.
					if (user.expiresAt) {
						const ms = Math.min(Math.max(user.expiresAt.getTime() - Date.now(), 0), 2 ** 31 - 1);
						opened.expiry = setTimeout(() => end(opened), ms);
						opened.expiry.unref?.();
					}
					const set = byUser.get(user.userId) ?? new Set<Stream>();
					byUser.set(user.userId, set);
					if (set.size >= MAX_STREAMS_PER_USER) {
						const oldest = set.values().next().value;
						if (oldest) end(oldest);
					}
					set.add(stream);
					count++;
					// Tells EventSource how long to wait before reconnecting, then opens the stream.
					controller.enqueue(encoder.encode('retry: 3000\n\n'));
					const current = stream;
					void hello?.((event) => write(current, frame(event))).catch((error: unknown) =>
						log.warn('the first live event failed', { error })
					);
				},
				cancel() {
					if (stream) remove(stream);
				}
			});
		},
		publishToUsers(userIds, event) {
			if (userIds.length === 0) return;
			deliver(userIds, event);
			fanout.publish(
				LIVE_EVENTS_CHANNEL,
				'event',
				encoder.encode(JSON.stringify({ userIds, event })),
				fanout.instanceId
			);
		},
		closeWhere(match) {
			for (const set of [...byUser.values()])
				for (const stream of [...set]) if (match(stream)) end(stream);
		},
		get size() {
			return count;
		},
		close() {
			clearInterval(heartbeat);
			unsubscribe();
			for (const set of [...byUser.values()]) for (const stream of [...set]) end(stream);
		}
	};
}

/** A relayed event from another instance, or null. Never throws. */
export function decodeRelay(payload: Uint8Array): z.infer<typeof relayed> | null {
	if (payload.byteLength > MAX_RELAY_BYTES) return null;
	try {
		const parsed = relayed.safeParse(JSON.parse(new TextDecoder().decode(payload)));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
