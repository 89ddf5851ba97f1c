/**
 * Events that must reach the open sockets on every app instance: a sign-out, a password reset,
 * a change of someone's access, a change of a pair. The instance where it happens acts at once
 * and relays the event through the fan-out on one reserved channel; the other instances act
 * when it arrives. In single-instance mode the relay goes nowhere.
 *
 * Events from other instances are untrusted input like any message on the broker: parsed with a
 * schema, dropped and logged when they do not match. An event published while the broker is
 * down is lost for the other instances, so whenever the subscription becomes live (after an
 * outage, and at start) every instance re-checks all its open sockets (`recheckOpenSockets`):
 * sessions that ended, access that went.
 */
import { z } from 'zod';
import { CloseCode } from '$lib/shared/collab';
import { revalidate } from './collab-access';
import type { Fanout } from './collab/fanout';
import type { CollabServer } from './collab/server';
import type { Authorize, CollabLogger } from './collab/types';

/** Not a document name (those start with `pair/`), so no document ever listens here. */
export const ACCESS_EVENTS_CHANNEL = '@access-events';

const MAX_EVENT_BYTES = 1_024;

const accessEvent = z.discriminatedUnion('type', [
	/** Without `sessionId`: every session of the user (sign-out everywhere, new password). */
	z.object({
		type: z.literal('signed-out'),
		userId: z.string().min(1).max(100),
		sessionId: z.string().min(1).max(200).optional()
	}),
	z.object({ type: z.literal('access-changed'), userId: z.string().min(1).max(100) }),
	z.object({ type: z.literal('pair-changed'), pairId: z.string().min(1).max(100) })
]);

export type AccessEvent = z.infer<typeof accessEvent>;

export interface AccessEvents {
	/** Acts on this instance's sockets and relays the event to the other instances. */
	emit(event: AccessEvent): Promise<void>;
	close(): void;
}

/** What an event does to the sockets of one instance. */
export function applyAccessEvent(
	collab: CollabServer,
	authorize: Authorize
): (event: AccessEvent) => Promise<void> {
	return async (event) => {
		switch (event.type) {
			case 'signed-out':
				collab.closeWhere(
					(c) =>
						c.user.userId === event.userId &&
						(event.sessionId === undefined || c.user.sessionId === event.sessionId),
					CloseCode.Unauthenticated,
					'signed out'
				);
				return;
			case 'access-changed':
				return revalidate(collab, authorize, (c) => c.user.userId === event.userId);
			case 'pair-changed':
				return revalidate(collab, authorize, (c) => c.docName.startsWith(`pair/${event.pairId}/`));
		}
	};
}

/**
 * What this instance does after the broker was unreachable: events may have been missed, so every
 * open socket is checked again. `activeSessions` says which of the given session ids are still
 * signed in.
 */
export function recheckOpenSockets(
	collab: CollabServer,
	authorize: Authorize,
	activeSessions: (ids: string[]) => Promise<Set<string>>
): () => Promise<void> {
	return async () => {
		const ids = new Set<string>();
		for (const connection of collab.connectionsWhere(() => true)) {
			if (connection.user.sessionId) ids.add(connection.user.sessionId);
		}
		const active = ids.size > 0 ? await activeSessions([...ids]) : new Set<string>();
		collab.closeWhere(
			(c) => c.user.sessionId !== undefined && !active.has(c.user.sessionId),
			CloseCode.Unauthenticated,
			'signed out'
		);
		await revalidate(collab, authorize, () => true);
	};
}

export function createAccessEvents(
	fanout: Fanout,
	act: (event: AccessEvent) => Promise<void>,
	log: CollabLogger,
	/**
	 * Each time the subscription becomes live: after an outage, and also the first time, since
	 * sockets may have opened before the subscription was live (with none open it costs nothing).
	 */
	recheck: () => Promise<void> = async () => {}
): AccessEvents {
	const run = (event: AccessEvent, origin: string) =>
		act(event).catch((error: unknown) =>
			log.error('acting on an access event failed', { event: event.type, origin, error })
		);

	const unsubscribe = fanout.subscribe(ACCESS_EVENTS_CHANNEL, {
		message(message) {
			const event = message.kind === 'event' ? decodeAccessEvent(message.payload) : null;
			if (!event) {
				log.warn('dropped an access event from another instance', {
					origin: message.origin,
					kind: message.kind,
					bytes: message.payload.byteLength
				});
				return;
			}
			void run(event, message.origin);
		},
		live() {
			void recheck().catch((error: unknown) =>
				log.error('re-checking open sockets after the fan-out became live failed', { error })
			);
		}
	});

	return {
		async emit(event) {
			fanout.publish(ACCESS_EVENTS_CHANNEL, 'event', encodeAccessEvent(event), fanout.instanceId);
			await run(event, fanout.instanceId);
		},
		close: unsubscribe
	};
}

export function encodeAccessEvent(event: AccessEvent): Uint8Array {
	return new TextEncoder().encode(JSON.stringify(event));
}

/** The event in a payload from another instance, or null for anything else. Never throws. */
export function decodeAccessEvent(payload: Uint8Array): AccessEvent | null {
	if (payload.byteLength > MAX_EVENT_BYTES) return null;
	try {
		const parsed = accessEvent.safeParse(JSON.parse(new TextDecoder().decode(payload)));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
