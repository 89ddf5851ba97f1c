import { parseDocumentName } from '$lib/shared/collab';
import { getTemplate } from '$lib/domain/templates';
import type { Database } from '$lib/server/db/types';
import { createLogger, type LogLevel } from '$lib/server/log';
import { displayName, notify, notifyPair, pairPeople } from './notify';

/**
 * Notifications for events that already exist: comments on fields, signatures, meetings planned
 * or changed, pair status. Each runs after the command that caused it has committed; a failure
 * is logged and never undoes or fails that command.
 */

const log = createLogger((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info').child({
	component: 'notifications'
});

async function safely(what: string, work: () => Promise<unknown>): Promise<void> {
	try {
		await work();
	} catch (error) {
		log.warn('notification not made', { what, error: (error as Error).message });
	}
}

/** Minutes within which more comments on one field notify the other person once. */
export const COMMENT_THROTTLE_MINUTES = 10;

/** Someone commented on fields of a sheet: the pair's other person hears of it (once per field per few minutes). */
export function notifyComment(
	db: Database,
	docName: string,
	author: { userId: string; name: string },
	fields: string[]
): Promise<void> {
	return safely('comment', async () => {
		const ref = parseDocumentName(docName);
		if (ref?.kind !== 'sheet') return;
		const rows = await db.asService((tx) =>
			tx.query<{ key: string }>(
				'select template_key as key from public.sheets where id = $1 and pair_id = $2',
				[ref.sheetId, ref.pairId]
			)
		);
		if (!rows[0]) return;
		for (const field of fields) {
			await notifyPair(db, {
				kind: 'comment',
				pairId: ref.pairId,
				actorId: author.userId,
				link: `/pairs/${ref.pairId}/sheets/${encodeURIComponent(rows[0].key)}`,
				params: { name: author.name, sheet: rows[0].key },
				throttle: { key: `comment:${ref.sheetId}:${field}`, minutes: COMMENT_THROTTLE_MINUTES }
			});
		}
	});
}

/**
 * A sheet was signed: the pair's other person is asked to sign when the sheet needs their
 * signature too, else told it was signed. A coordinator's co-signature tells both.
 */
export function notifySigned(
	db: Database,
	input: { pairId: string; sheetKey: string; signerId: string; role: string }
): Promise<void> {
	return safely('signature', async () => {
		const pair = await pairPeople(db, input.pairId);
		if (!pair) return;
		const signers = getTemplate(input.sheetKey)?.signers ?? [];
		const name = await displayName(db, input.signerId);
		const link = `/pairs/${input.pairId}/sheets/${encodeURIComponent(input.sheetKey)}`;
		const base = {
			actorId: input.signerId,
			programId: pair.programId,
			pairId: input.pairId,
			link,
			params: { name, sheet: input.sheetKey }
		};
		const other = input.role === 'mentor' ? 'mentee' : input.role === 'mentee' ? 'mentor' : null;
		if (other === null) {
			await notify(db, {
				...base,
				kind: 'signature_given',
				recipients: [pair.mentorId, pair.menteeId]
			});
			return;
		}
		const otherId = other === 'mentor' ? pair.mentorId : pair.menteeId;
		const asked = (signers as readonly string[]).includes(other);
		await notify(db, {
			...base,
			kind: asked ? 'signature_requested' : 'signature_given',
			recipients: [otherId]
		});
	});
}

/** A meeting was planned (first date) or changed (date, time, place or mode). */
export function notifyMeeting(
	db: Database,
	input: {
		pairId: string;
		meetingId: string;
		number: number;
		actorId: string;
		plannedOn: string;
		changed: boolean;
	}
): Promise<void> {
	return safely('meeting', async () => {
		const name = await displayName(db, input.actorId);
		await notifyPair(db, {
			kind: input.changed ? 'meeting_changed' : 'meeting_planned',
			pairId: input.pairId,
			actorId: input.actorId,
			link: `/pairs/${input.pairId}/meetings/${input.number}`,
			params: { name, number: input.number, date: input.plannedOn, meetingId: input.meetingId }
		});
	});
}

/** The coordinator paused, ended or resumed a pair: both people hear of it. */
export function notifyPairStatus(
	db: Database,
	input: { pairId: string; actorId: string; status: string }
): Promise<void> {
	return safely('pair status', () =>
		notifyPair(db, {
			kind: 'pair_status',
			pairId: input.pairId,
			actorId: input.actorId,
			link: `/pairs/${input.pairId}`,
			params: { status: input.status }
		})
	);
}

/** Someone asked a person of the pair to prepare a sheet: the assignee hears of it. */
export function notifyAssignment(
	db: Database,
	input: {
		pairId: string;
		programId: string;
		assigneeId: string;
		createdBy: string;
		sheetKey: string;
		dueOn: string;
	}
): Promise<void> {
	return safely('assignment', async () => {
		const name = await displayName(db, input.createdBy);
		await notify(db, {
			kind: 'assignment',
			recipients: [input.assigneeId],
			actorId: input.createdBy,
			programId: input.programId,
			pairId: input.pairId,
			link: `/pairs/${input.pairId}/sheets/${encodeURIComponent(input.sheetKey)}`,
			params: { name, sheet: input.sheetKey, date: input.dueOn }
		});
	});
}

/** Minutes within which more messages of one person notify the other once (a conversation). */
export const MESSAGE_THROTTLE_MINUTES = 10;

/**
 * A new message: the pair's other person hears of it, once per burst (the bell and mail name the
 * author, never the text; the unread count on the conversation says how many).
 */
export function notifyMessage(
	db: Database,
	input: {
		pair: { id: string; programId: string; mentorId: string; menteeId: string };
		author: { id: string; name: string };
	}
): Promise<void> {
	const { pair, author } = input;
	// The caller knows the pair and the author's name: one transaction, no lookups.
	return safely('message', () =>
		notify(db, {
			kind: 'message',
			recipients: [pair.mentorId, pair.menteeId],
			actorId: author.id,
			programId: pair.programId,
			pairId: pair.id,
			link: `/pairs/${pair.id}/messages`,
			params: { name: author.name },
			throttle: { key: `message:${pair.id}:${author.id}`, minutes: MESSAGE_THROTTLE_MINUTES }
		})
	);
}
