/**
 * The conversation's commands. Each owns its transaction and runs as the person, so row-level
 * security (migration 20261201000200) decides as well: the app's checks give clear answers, the
 * database's make them hold. Blobs are written before the transaction that records them and
 * removed again when it fails; they are removed after a deletion commits.
 */
import { randomUUID } from 'node:crypto';
import { pairRole, pairWritable, type PairRef } from '$lib/domain/policy';
import type { MessageView } from '$lib/shared/live-events';
import type { Limiter } from '../auth/rate-limit';
import type { Database, JwtClaims, Tx } from '../db/types';
import { detectType, sanitiseFileName, storageKey, type FileStore } from '../files';
import type { LiveHub } from '../live/hub';
import type { Actor } from '$lib/domain/policy/types';
import { hasControlCharacters } from '$lib/domain/input';
import { MessageError } from './errors';
import { readMessage } from './queries';
import { messageParts } from './text';
import { messageChanged, messagePosted, readMarked } from './delivery';

export const MAX_BODY_CHARS = 10_000;
export const MAX_FILES_PER_MESSAGE = 5;
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

export interface MessagingDeps {
	db: Database;
	files: FileStore;
	live: LiveHub;
	/** Messages per person (see runtime: 20 per 10 s). */
	limiter: Limiter;
	limits: { fileMaxBytes: number; pairQuotaBytes: number };
}

export interface Author {
	claims: JwtClaims;
	actor: Actor;
}

export interface Upload {
	name: string;
	bytes: Uint8Array;
}

/** A body as stored: line ends unified, trailing space trimmed; refused when too long or holding NUL. */
export function cleanBody(raw: string): string {
	const body = raw.replace(/\r\n?/g, '\n').trim();
	if ([...body].length > MAX_BODY_CHARS)
		throw new MessageError(413, 'msg_too_long', { max: MAX_BODY_CHARS });
	// PostgreSQL refuses NUL; other control characters have no place in text.
	if (hasControlCharacters(body)) throw new MessageError(400, 'msg_invalid_text');
	return body;
}

function writableRole(author: Author, pair: PairRef): 'mentor' | 'mentee' {
	const role = pairRole(author.actor, pair);
	if (!role) throw new MessageError(404, 'not_found');
	if (!pairWritable(pair)) throw new MessageError(403, 'msg_read_only');
	return role;
}

/** Posts a message (with attachments) as the author and delivers it live. */
export async function postMessage(
	deps: MessagingDeps,
	author: Author,
	pair: PairRef,
	input: { body: string; files?: Upload[] }
): Promise<MessageView> {
	writableRole(author, pair);
	if ((await deps.limiter.hit(`message:${author.claims.sub}`)) !== null)
		throw new MessageError(429, 'msg_rate_limited');
	const body = cleanBody(input.body);
	const uploads = (input.files ?? []).filter((f) => f.bytes.byteLength > 0 || f.name !== '');
	if (!body && uploads.length === 0) throw new MessageError(400, 'msg_empty');
	if (uploads.length > MAX_FILES_PER_MESSAGE)
		throw new MessageError(400, 'file_too_many', { max: MAX_FILES_PER_MESSAGE });

	const checked: { id: string; key: string; name: string; type: string; bytes: Uint8Array }[] = [];
	for (const upload of uploads) {
		if (upload.bytes.byteLength === 0) throw new MessageError(400, 'file_empty');
		if (upload.bytes.byteLength > deps.limits.fileMaxBytes)
			throw new MessageError(413, 'file_too_large', {
				max: Math.round(deps.limits.fileMaxBytes / 1024 / 1024)
			});
		const type = await detectType(upload.bytes);
		if (!type) throw new MessageError(415, 'file_type_refused');
		const id = randomUUID();
		checked.push({
			id,
			key: storageKey(pair.id, id),
			name: sanitiseFileName(upload.name, type),
			type,
			bytes: upload.bytes
		});
	}
	const adding = checked.reduce((sum, f) => sum + f.bytes.byteLength, 0);
	/** Refuses files that would take the pair past its quota. */
	const checkQuota = async (tx: Tx) => {
		const used = await tx.query<{ used: string }>(
			'select coalesce(sum(size), 0)::text as used from public.files where pair_id = $1',
			[pair.id]
		);
		if (Number(used[0].used) + adding > deps.limits.pairQuotaBytes)
			throw new MessageError(413, 'file_quota', {
				max: Math.round(deps.limits.pairQuotaBytes / 1024 / 1024)
			});
	};
	// Before storing anything, so a full pair is told at once...
	if (adding > 0) await deps.db.asUser(author.claims, checkQuota);

	const written: string[] = [];
	try {
		for (const file of checked) {
			await deps.files.put(file.key, file.bytes, file.type);
			written.push(file.key);
		}
		const message = await deps.db.asUser(author.claims, async (tx): Promise<MessageView> => {
			// ...and again under a lock on the pair's files, so two uploads at once cannot both
			// fit in the room that is left for one (the lock ends with the transaction).
			if (adding > 0) {
				await tx.query("select pg_advisory_xact_lock(hashtext('mentorpad.files:' || $1))", [
					pair.id
				]);
				await checkQuota(tx);
			}
			const id = randomUUID();
			// The view is built from what was written (no second read): delivery waits on this.
			const [row] = await tx.query<{ created_at: Date; author_name: string | null }>(
				`insert into public.messages (id, pair_id, author_id, body) values ($1, $2, $3, $4)
				 returning created_at,
					(select p.display_name from public.profiles p where p.id = $3) as author_name`,
				[id, pair.id, author.claims.sub, body]
			);
			for (const file of checked) {
				await tx.query(
					`insert into public.files (id, pair_id, message_id, uploaded_by, name, content_type, size, storage_key)
					 values ($1, $2, $3, $4, $5, $6, $7, $8)`,
					[
						file.id,
						pair.id,
						id,
						author.claims.sub,
						file.name,
						file.type,
						file.bytes.byteLength,
						file.key
					]
				);
			}
			return {
				id,
				pairId: pair.id,
				authorId: author.claims.sub,
				authorName: row.author_name ?? '',
				body,
				parts: messageParts(body, pair.id),
				createdAt: new Date(row.created_at).toISOString(),
				editedAt: null,
				deletedAt: null,
				files: checked.map((f) => ({
					id: f.id,
					name: f.name,
					size: f.bytes.byteLength,
					contentType: f.type
				}))
			};
		});
		await messagePosted(deps, pair, message);
		return message;
	} catch (error) {
		if (written.length) await deps.files.delete(written).catch(() => {});
		throw error;
	}
}

/** Changes the text of one's own message within 15 minutes (the database holds the window). */
export async function editMessage(
	deps: MessagingDeps,
	author: Author,
	pair: PairRef,
	input: { messageId: string; body: string }
): Promise<MessageView> {
	writableRole(author, pair);
	const { messageId } = input;
	const body = cleanBody(input.body);
	const message = await deps.db.asUser(author.claims, async (tx) => {
		const rows = await tx.query<{ id: string; files: number }>(
			`update public.messages set body = $3 where id = $1 and pair_id = $2
			 returning id, (select count(*)::int from public.files f where f.message_id = $1) as files`,
			[messageId, pair.id, body]
		);
		if (!rows[0]) throw new MessageError(403, 'msg_edit_expired');
		if (!body && rows[0].files === 0) throw new MessageError(400, 'msg_empty');
		return (await readMessage(tx, messageId))!;
	});
	await messageChanged(deps, pair, 'edited', message);
	return message;
}

/** Removes one's own message within 15 minutes: its text goes, and its files with their blobs. */
export async function deleteMessage(
	deps: MessagingDeps,
	author: Author,
	pair: PairRef,
	messageId: string
): Promise<MessageView> {
	writableRole(author, pair);
	const { message, keys } = await deps.db.asUser(author.claims, async (tx) => {
		const files = await tx.query<{ storage_key: string }>(
			'delete from public.files where message_id = $1 and pair_id = $2 returning storage_key',
			[messageId, pair.id]
		);
		const rows = await tx.query(
			'update public.messages set deleted_at = now() where id = $1 and pair_id = $2 returning id',
			[messageId, pair.id]
		);
		if (!rows[0]) throw new MessageError(403, 'msg_edit_expired');
		return {
			message: (await readMessage(tx, messageId))!,
			keys: files.map((f) => f.storage_key)
		};
	});
	await deps.files.delete(keys);
	await messageChanged(deps, pair, 'deleted', message);
	return message;
}

/**
 * Marks the pair's conversation read up to the message `upTo` (its exact time, so a mark never
 * falls a microsecond short), or up to now; never moves the mark back.
 */
export async function markRead(
	deps: MessagingDeps,
	reader: Author,
	pair: PairRef,
	upTo?: string
): Promise<void> {
	if (!pairRole(reader.actor, pair)) throw new MessageError(404, 'not_found');
	const readAt = await deps.db
		.asUser(reader.claims, async (tx) => {
			const rows = await tx.query<{ read_at: Date }>(
				`insert into public.message_reads as r (pair_id, user_id, read_at)
			 values ($1, $2, coalesce(
				(select m.created_at from public.messages m where m.id = $3::uuid and m.pair_id = $1),
				case when $3::uuid is null then now() end))
			 on conflict (pair_id, user_id) do update set read_at = greatest(r.read_at, excluded.read_at)
			 returning read_at`,
				[pair.id, reader.claims.sub, upTo ?? null]
			);
			return rows[0] ? new Date(rows[0].read_at) : null;
		})
		.catch((error: unknown) => {
			// An unknown message id leaves read_at null: nothing to mark.
			if (/null value in column "read_at"/.test((error as Error).message))
				throw new MessageError(400, 'bad_request');
			throw error;
		});
	if (readAt) await readMarked(deps, pair, reader.claims.sub, readAt);
}
