import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import { can, groupRole, mentorGroupRole, pairRole, type Entity } from '$lib/domain/policy';
import { getTemplate, respondentEntries } from '$lib/domain/templates';
import { CloseCode, parseDocumentName } from '$lib/shared/collab';
import { sheetProgress } from '$lib/shared/sheet-doc';
import type { AuthProvider, RequestCredentials } from './auth/types';
import type { CollabServer } from './collab/server';
import { parseCookieHeader } from './cookies';
import type { Authorize, AuthorizeResult, CollabUser, ConnectionInfo } from './collab/types';
import type { Database } from './db/types';
import { loadGroupDocumentRef, loadReflectionRef } from './groups/refs';
import { loadMentorGroupRef, mentorGroupSheetKey } from './mentor-groups/refs';
import type { Logger } from './log';
import { lessonTemplateKey } from './pairs/lessons';
import { loadPairRef } from './pairs/queries';
import { pairSeesSheet } from './programs/instruments';
import { loadActor } from './programs/queries';

const PALETTE = [
	'#1f5f8b',
	'#a8261d',
	'#1d6b3a',
	'#7a3e9d',
	'#b35c00',
	'#00707a',
	'#8a4b08',
	'#3b4cc0'
];

/** A stable colour per person, for carets and presence. */
export function colourFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return PALETTE[hash % PALETTE.length];
}

/**
 * The credentials of a WebSocket upgrade: the same as an HTTP request's (cookie or bearer JWT),
 * except that without an Origin header cookies are not read. Every browser sends Origin on a
 * WebSocket, so a request without one is not a browser's, and a cookie is the one credential a
 * browser attaches by itself; a non-browser client brings a bearer token (see upgrade-origin.ts).
 * An upgrade whose Origin is present but foreign never gets here (upgrade.ts refuses it).
 */
export function socketCredentials(req: IncomingMessage): RequestCredentials {
	return {
		cookies: req.headers.origin === undefined ? {} : parseCookieHeader(req.headers.cookie),
		authorization: req.headers.authorization ?? null
	};
}

/** The WebSocket's user, from the same credentials HTTP requests carry (cookie or bearer JWT). */
export function authenticateSocket(auth: AuthProvider) {
	return async (req: IncomingMessage): Promise<CollabUser | null> => {
		const session = await auth.authenticate(socketCredentials(req));
		if (!session) return null;
		return {
			userId: session.user.id,
			name: session.user.displayName,
			role: '',
			color: colourFor(session.user.id),
			sessionId: session.id,
			expiresAt: session.expiresAt.getTime()
		};
	};
}

/** The template of a sheet's document, or of a further lesson's (pairs/lessons.ts). */
async function sheetTemplateKey(db: Database, docName: string, pairId: string) {
	const rows = await db.asService((tx) =>
		tx.query<{ template_key: string }>(
			'select template_key from public.sheets where doc_name = $1 and pair_id = $2',
			[docName, pairId]
		)
	);
	return rows[0]?.template_key ?? (await lessonTemplateKey(db, docName, pairId));
}

/**
 * Which documents a person may open, decided by the same policy as the HTTP routes: a pair's
 * sheets by its mentor and mentee only; a logbook by its author only; read-only once the pair is
 * no longer active. A group document by the group's members and facilitator; a reflection by its
 * author, and read-only by those it is shared with.
 */
export function authorizeDocument(db: Database) {
	return async (user: CollabUser, docName: string): Promise<AuthorizeResult> => {
		const ref = parseDocumentName(docName);
		if (!ref) return { deny: CloseCode.BadDocumentName };
		// A document that does not exist is refused exactly like one the person may not open, so
		// the close code never tells a signed-in person which pair or sheet ids exist (the HTTP
		// routes answer 404 for both, for the same reason).
		if (ref.kind === 'group-doc' || ref.kind === 'reflection') {
			return authorizeGroupDocument(db, user, docName, ref);
		}
		if (ref.kind === 'mgroup-sheet' || ref.kind === 'mgroup-log') {
			return authorizeMentorGroupDocument(db, user, docName, ref);
		}
		const pair = await loadPairRef(db, ref.pairId);
		if (!pair) return { deny: CloseCode.Forbidden };
		let entity: Entity;
		if (ref.kind === 'sheet') {
			const templateKey = await sheetTemplateKey(db, docName, pair.id);
			if (!templateKey) return { deny: CloseCode.Forbidden };
			// A switched-off instrument's empty sheet is gone from the pair (the route answers 404).
			if (!(await pairSeesSheet(db, pair.id, templateKey))) return { deny: CloseCode.Forbidden };
			entity = { type: 'sheet', pair, templateKey };
		} else {
			entity = { type: 'logbook', pair, authorId: ref.userId };
		}
		const actor = await loadActor(db, { sub: user.userId, role: 'authenticated' });
		if (!can(actor, 'view', entity)) return { deny: CloseCode.Forbidden };
		return {
			access: can(actor, 'edit', entity) ? 'write' : 'read',
			role: pairRole(actor, pair) ?? ''
		};
	};
}

async function authorizeGroupDocument(
	db: Database,
	user: CollabUser,
	docName: string,
	ref: { kind: 'group-doc'; groupId: string } | { kind: 'reflection'; reflectionId: string }
): Promise<AuthorizeResult> {
	let entity: Entity;
	if (ref.kind === 'group-doc') {
		// A duo's workspace: the policy sees only the two of the duo in the group.
		const group = await loadGroupDocumentRef(db, ref.groupId, docName);
		if (!group) return { deny: CloseCode.Forbidden };
		entity = { type: 'group_doc', group };
	} else {
		const reflection = await loadReflectionRef(db, ref.reflectionId);
		if (!reflection) return { deny: CloseCode.Forbidden };
		entity = { type: 'reflection', reflection };
	}
	const actor = await loadActor(db, { sub: user.userId, role: 'authenticated' });
	if (!can(actor, 'view', entity)) return { deny: CloseCode.Forbidden };
	const group = entity.type === 'group_doc' ? entity.group : entity.reflection.group;
	return {
		access: can(actor, 'edit', entity) ? 'write' : 'read',
		role: groupRole(actor, group) ?? ''
	};
}

/**
 * A mentor group's documents: its sheets by its mentor and teachers; a logbook by its author
 * only, while they are in the group. Nobody else, not the coordinator, opens either.
 */
async function authorizeMentorGroupDocument(
	db: Database,
	user: CollabUser,
	docName: string,
	ref:
		| { kind: 'mgroup-sheet'; mentorGroupId: string }
		| { kind: 'mgroup-log'; mentorGroupId: string; userId: string }
): Promise<AuthorizeResult> {
	const group = await loadMentorGroupRef(db, ref.mentorGroupId);
	if (!group) return { deny: CloseCode.Forbidden };
	let entity: Entity;
	if (ref.kind === 'mgroup-sheet') {
		const templateKey = await mentorGroupSheetKey(db, group.id, docName);
		if (!templateKey) return { deny: CloseCode.Forbidden };
		entity = { type: 'mentor_group_sheet', group, templateKey };
	} else {
		entity = { type: 'mentor_group_log', group, authorId: ref.userId };
	}
	const actor = await loadActor(db, { sub: user.userId, role: 'authenticated' });
	if (!can(actor, 'view', entity)) return { deny: CloseCode.Forbidden };
	return {
		access: can(actor, 'edit', entity) ? 'write' : 'read',
		role: mentorGroupRole(actor, group) ?? ''
	};
}

/**
 * Which `values` entries of a document only one pair role may write: the per-person answers of
 * its sheet template. The collaboration server asks once per load and refuses an update that
 * answers for the other person. Logbooks have none (only their author opens them).
 */
export function respondentEntriesOf(db: Database) {
	return async (docName: string): Promise<ReadonlyMap<string, string>> => {
		const ref = parseDocumentName(docName);
		if (ref?.kind !== 'sheet') return new Map();
		const templateKey = await sheetTemplateKey(db, docName, ref.pairId);
		const template = templateKey ? getTemplate(templateKey) : undefined;
		return template ? respondentEntries(template) : new Map();
	};
}

/**
 * Re-checks open sockets the predicate selects (someone's access or a pair's status changed)
 * and closes those that lost access; ones that became read-only reconnect as read-only.
 */
export async function revalidate(
	collab: CollabServer,
	authorize: Authorize,
	select: (connection: ConnectionInfo) => boolean
): Promise<void> {
	for (const connection of collab.connectionsWhere(select)) {
		const result = await authorize(connection.user, connection.docName);
		const lost = 'deny' in result;
		if (lost || result.access !== connection.access) {
			collab.closeWhere(
				(c) => c.user.userId === connection.user.userId && c.docName === connection.docName,
				lost ? CloseCode.AccessRevoked : CloseCode.ServerError,
				lost ? 'access revoked' : 'access changed'
			);
		}
	}
}

/**
 * After a sheet document is stored: how many of its fields are filled, in `sheet_progress`.
 * Counts only; the text never leaves the document.
 */
export function deriveProgress(db: Database, log: Logger) {
	const templateOf = new Map<string, { sheetId: string; pairId: string; key: string } | null>();
	// Most writes are typing inside a field already counted: only a changed count is written.
	const written = new Map<string, string>();
	return async (docName: string, doc: Y.Doc): Promise<void> => {
		const ref = parseDocumentName(docName);
		if (ref?.kind !== 'sheet') return;
		try {
			let sheet = templateOf.get(docName);
			if (sheet === undefined) {
				const rows = await db.asService((tx) =>
					tx.query<{ id: string; pair_id: string; template_key: string }>(
						'select id, pair_id, template_key from public.sheets where doc_name = $1',
						[docName]
					)
				);
				sheet = rows[0]
					? { sheetId: rows[0].id, pairId: rows[0].pair_id, key: rows[0].template_key }
					: null;
				templateOf.set(docName, sheet);
			}
			const template = sheet && getTemplate(sheet.key);
			if (!sheet || !template) return;
			const { filled, total } = sheetProgress(doc, template);
			const counts = `${filled}/${total}`;
			if (written.get(docName) === counts) return;
			await db.asService((tx) =>
				tx.query(
					`insert into public.sheet_progress (sheet_id, pair_id, template_key, filled, total, updated_at)
					 values ($1, $2, $3, $4, $5, now())
					 on conflict (sheet_id) do update set filled = excluded.filled, total = excluded.total, updated_at = now()`,
					[sheet.sheetId, sheet.pairId, sheet.key, filled, total]
				)
			);
			written.set(docName, counts);
		} catch (error) {
			log.warn('sheet progress not updated', { doc: docName, error });
		}
	};
}
