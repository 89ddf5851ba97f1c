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
import { unreadCountsIn } from './queries';

interface Deps {
	db: Database;
	live: LiveHub;
}

async function publishUnread(deps: Deps, userIds: string[]): Promise<void> {
	for (const userId of userIds) {
		// Counted by the server for someone else (the recipient), so as the service role; the
		// query names the person's own pairs explicitly.
		const counts = await deps.db.asService((tx) => unreadCountsIn(tx, userId));
		deps.live.publishToUsers([userId], { type: 'unread', ...counts });
	}
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
	await publishUnread(deps, [recipient]);
	await notifyMessage(deps.db, { pairId: pair.id, authorId: message.authorId });
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
		await publishUnread(deps, [recipient]);
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
