/**
 * What happens after a conversation changed: live events to the pair's open pages and fresh
 * unread counts for whoever's changed. `messagePosted` is THE point where a new message leaves
 * the conversation; notifications (e-mail, the bell) hook in there.
 */
import type { PairRef } from '$lib/domain/policy';
import type { MessageView } from '$lib/shared/live-events';
import type { Database } from '../db/types';
import type { LiveHub } from '../live/hub';
import { notifyMessage } from '../notifications/events';
import { createLogger, type LogLevel } from '../log';
import { unreadCountsIn } from './queries';

const log = createLogger((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info').child({
	component: 'messages'
});

interface Deps {
	db: Database;
	live: LiveHub;
}

async function publishUnread(deps: Deps, userIds: Iterable<string>): Promise<void> {
	for (const userId of userIds) {
		// Counted by the server for someone else (the recipient), so as the service role; the
		// query names the person's own pairs explicitly.
		const counts = await deps.db.asService((tx) => unreadCountsIn(tx, userId));
		deps.live.publishToUsers([userId], { type: 'unread', ...counts });
	}
}

/** Recounts wait this long, so a burst of messages to one person costs one count. */
export const RECOUNT_DELAY_MS = 25;
const pendingRecounts = new WeakMap<LiveHub, Set<string>>();

/**
 * Asks for the unread counts of these people to be sent to their open pages soon. The message
 * itself is already on its way (published before this), so the count can follow a moment later;
 * during a burst one query per person replaces one per message. A failed count is logged and
 * corrected by the next one (or the next page load).
 */
function recountSoon(deps: Deps, userIds: string[]): void {
	let pending = pendingRecounts.get(deps.live);
	if (!pending) {
		const batch = new Set<string>();
		pendingRecounts.set(deps.live, batch);
		pending = batch;
		setTimeout(() => {
			pendingRecounts.delete(deps.live);
			publishUnread(deps, batch).catch((error: unknown) =>
				log.warn('unread count not sent', { error: (error as Error).message })
			);
		}, RECOUNT_DELAY_MS).unref?.();
	}
	for (const id of userIds) pending.add(id);
}

/** A new message was stored: deliver it to both people's open pages and update the recipient's count. */
export async function messagePosted(
	deps: Deps,
	pair: PairRef,
	message: MessageView
): Promise<void> {
	deps.live.publishToUsers([pair.mentorId, pair.menteeId], {
		type: 'message',
		action: 'posted',
		message
	});
	const recipient = message.authorId === pair.mentorId ? pair.menteeId : pair.mentorId;
	recountSoon(deps, [recipient]);
	await notifyMessage(deps.db, {
		pair,
		author: { id: message.authorId, name: message.authorName }
	});
}

/** A message was edited or deleted. */
export async function messageChanged(
	deps: Deps,
	pair: PairRef,
	action: 'edited' | 'deleted',
	message: MessageView
): Promise<void> {
	deps.live.publishToUsers([pair.mentorId, pair.menteeId], { type: 'message', action, message });
	if (action === 'deleted') {
		const recipient = message.authorId === pair.mentorId ? pair.menteeId : pair.mentorId;
		recountSoon(deps, [recipient]);
	}
}

/** Someone read: their other pages drop the count, the other person sees it was read. */
export async function readMarked(
	deps: Deps,
	pair: PairRef,
	userId: string,
	readAt: Date
): Promise<void> {
	deps.live.publishToUsers([pair.mentorId, pair.menteeId], {
		type: 'read',
		pairId: pair.id,
		userId,
		readAt: readAt.toISOString()
	});
	await publishUnread(deps, [userId]);
}
