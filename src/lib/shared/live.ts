/**
 * The wire constants of the live stream and the browser's light check of an event. The full
 * zod schemas are in `live-events.ts`; the server validates with them wherever an event crosses
 * a boundary (relays between instances). The browser reads only its own origin's stream and
 * checks the shape it branches on, so every page does not carry zod for it (JavaScript budget).
 */
import type { LiveEvent } from './live-events';

/** The SSE event name every live event travels under. */
export const LIVE_EVENT_NAME = 'live';
/** Seconds between heartbeats (comments), so proxies keep the stream open. */
export const LIVE_HEARTBEAT_SECONDS = 25;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The event in one SSE data line, or null for anything that is not one. Never throws. */
export function readLiveEvent(data: string): LiveEvent | null {
	let value: unknown;
	try {
		value = JSON.parse(data);
	} catch {
		return null;
	}
	if (!isObject(value)) return null;
	switch (value.type) {
		case 'message':
			return isObject(value.message) &&
				typeof value.message.id === 'string' &&
				typeof value.message.pairId === 'string' &&
				Array.isArray(value.message.parts) &&
				['posted', 'edited', 'deleted'].includes(value.action as string)
				? (value as LiveEvent)
				: null;
		case 'unread':
			return typeof value.total === 'number' && isObject(value.byPair)
				? (value as LiveEvent)
				: null;
		case 'read':
			return typeof value.pairId === 'string' &&
				typeof value.userId === 'string' &&
				typeof value.readAt === 'string'
				? (value as LiveEvent)
				: null;
		case 'notification':
			return { type: 'notification' };
		case 'group':
			return typeof value.groupId === 'string' &&
				['intervision', 'comments', 'meetings'].includes(value.topic as string)
				? (value as LiveEvent)
				: null;
		default:
			return null;
	}
}
