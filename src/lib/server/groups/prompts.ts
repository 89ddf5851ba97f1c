/**
 * Reflections the learning community asks for: the case owner's closing reflection at the last
 * step of an intervision round, and each member's reflection after a group meeting, with its
 * "share with the group?" step. Both are ordinary reflections (createReflection, the sharing
 * command): private at first, their text seeded into the reflection's own Y.Doc.
 */
import * as Y from 'yjs';
import {
	closingReflectionTitle,
	MEETING_PROMPT_DAYS,
	MEETING_QUESTIONS,
	meetingReflectionTitle
} from '$lib/domain/groups/reflection';
import { METHODS, type IntervisionMethod } from '$lib/domain/groups/intervision';
import type { ShareScope } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { createReflection, setReflectionSharing } from './commands';

type Locale = 'nl' | 'en';
export interface Block {
	type: 'heading' | 'paragraph';
	text: string;
}

/** A Tiptap-shaped `body` fragment (as GroupEditor reads it): level-2 headings and paragraphs. */
export function blocksUpdate(blocks: readonly Block[]): Uint8Array {
	const doc = new Y.Doc();
	doc.getXmlFragment('body').insert(
		0,
		blocks.map((block) => {
			const element = new Y.XmlElement(block.type);
			// y-prosemirror keeps attributes as their own type: Tiptap's heading level is a number.
			if (block.type === 'heading')
				(element as unknown as Y.XmlElement<{ level: number }>).setAttribute('level', 2);
			if (block.text) element.insert(0, [new Y.XmlText(block.text)]);
			return element;
		})
	);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

/** The first text of a new reflection's document (it has none yet: the row was just made). */
async function seedReflection(
	db: Database,
	reflectionId: string,
	blocks: readonly Block[]
): Promise<void> {
	await db.asService((tx) =>
		tx.query('insert into public.yjs_updates (doc_name, "update") values ($1, $2)', [
			`reflection/${reflectionId}`,
			blocksUpdate(blocks)
		])
	);
}

const isUniqueViolation = (e: unknown) =>
	typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';

// ---------------------------------------------------------------------------------------------
// The case owner's closing reflection.

export interface SavedReflection {
	id: string;
	title: string;
}

/** The closing reflection I saved for a round, if any (only its author reads a private one). */
export async function loadClosingReflection(
	db: Database,
	claims: JwtClaims,
	roundId: string
): Promise<SavedReflection | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<SavedReflection>(
			'select id, title from public.reflections where intervision_round_id = $1 and author_id = $2',
			[roundId, claims.sub]
		)
	);
	return rows[0] ?? null;
}

/**
 * The case owner keeps what they take away from the round as a private reflection of their own,
 * titled with the method and the day; only at the method's last step, once per round. Returns
 * the new reflection.
 */
export async function saveClosingReflection(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: { roundId: string; text: string; locale: Locale }
): Promise<SavedReflection> {
	const rounds = await db.asUser(claims, (tx) =>
		tx.query<{ method: IntervisionMethod; step: number; caseOwnerId: string; day: string }>(
			`select method, step, case_owner_id as "caseOwnerId",
				to_char(started_at at time zone 'Europe/Brussels', 'YYYY-MM-DD') as day
			 from public.intervision_rounds where id = $1 and group_id = $2 and ended_at is null`,
			[input.roundId, groupId]
		)
	);
	const round = rounds[0];
	if (!round) throw new DomainError('not_found', 'lg_round_gone');
	if (round.caseOwnerId !== claims.sub)
		throw new DomainError('forbidden', 'reflect_case_owner_only');
	if (round.step !== METHODS[round.method].steps.length - 1)
		throw new DomainError('invalid', 'reflect_not_last_step');
	const title = closingReflectionTitle(round.method, round.day, input.locale);
	let id: string;
	try {
		id = await createReflection({ db, claims }, groupId, title, {
			intervisionRoundId: input.roundId
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('conflict', 'reflect_already_saved');
		throw e;
	}
	const lines = input.text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	await seedReflection(
		db,
		id,
		lines.map((text) => ({ type: 'paragraph', text }))
	);
	return { id, title };
}

// ---------------------------------------------------------------------------------------------
// The reflection after a group meeting.

export interface MeetingPrompt {
	groupId: string;
	groupName: string;
	meetingId: string;
	/** The meeting's day, 'YYYY-MM-DD' (Brussels). */
	day: string;
	/** My reflection on it, once started; the prompt then asks whether to share it. */
	reflectionId: string | null;
}

/**
 * For each group I am a member of: its latest meeting that has taken place in the last
 * MEETING_PROMPT_DAYS days, unless my reflection on it is shared or I chose to keep it private.
 */
export async function listMeetingPrompts(
	db: Database,
	claims: JwtClaims,
	groupId: string | null = null
): Promise<MeetingPrompt[]> {
	return db.asUser(claims, (tx) =>
		tx.query<MeetingPrompt>(
			`select g.id as "groupId", g.name as "groupName", last.id as "meetingId",
				to_char(last.starts_at at time zone 'Europe/Brussels', 'YYYY-MM-DD') as day,
				r.id as "reflectionId"
			 from public.group_members gm
			 join public.groups g on g.id = gm.group_id
			 cross join lateral (
				select m.id, m.starts_at from public.group_meetings m
				where m.group_id = g.id
					and coalesce(m.held_at, m.starts_at + make_interval(mins => m.duration_minutes)) <= now()
					and m.starts_at > now() - make_interval(days => $3::integer)
				order by m.starts_at desc limit 1
			 ) last
			 left join public.reflections r on r.group_meeting_id = last.id and r.author_id = gm.user_id
			 where gm.user_id = $1 and gm.role = 'member' and ($2::uuid is null or g.id = $2)
				and public.is_program_member(g.program_id)
				and (r.id is null or (r.shared_at is null and r.share_decided_at is null))
			 order by last.starts_at desc`,
			[claims.sub, groupId, MEETING_PROMPT_DAYS]
		)
	);
}

/**
 * Starts my reflection on a meeting that has taken place: a private reflection whose document
 * holds the reflection questions as headings. Returns the existing one if I started it already.
 */
export async function startMeetingReflection(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: { meetingId: string; locale: Locale }
): Promise<string> {
	const meetings = await db.asUser(claims, (tx) =>
		tx.query<{ day: string; mine: string | null }>(
			`select to_char(m.starts_at at time zone 'Europe/Brussels', 'YYYY-MM-DD') as day,
				(select r.id from public.reflections r
				 where r.group_meeting_id = m.id and r.author_id = $3) as mine
			 from public.group_meetings m
			 where m.id = $1 and m.group_id = $2
				and coalesce(m.held_at, m.starts_at + make_interval(mins => m.duration_minutes)) <= now()`,
			[input.meetingId, groupId, claims.sub]
		)
	);
	const meeting = meetings[0];
	if (!meeting) throw new DomainError('not_found', 'not_found');
	if (meeting.mine) return meeting.mine;
	let id: string;
	try {
		id = await createReflection(
			{ db, claims },
			groupId,
			meetingReflectionTitle(meeting.day, input.locale),
			{ groupMeetingId: input.meetingId }
		);
	} catch (e) {
		if (isUniqueViolation(e)) throw new DomainError('conflict', 'reflect_already_saved');
		throw e;
	}
	await seedReflection(
		db,
		id,
		MEETING_QUESTIONS.flatMap((question) => [
			{ type: 'heading', text: question[input.locale] },
			{ type: 'paragraph', text: '' }
		])
	);
	return id;
}

/**
 * The one-click answer to "share with the group?": share with the group or the school (the
 * sharing command, which returns whose sockets to re-check), or keep it private.
 */
export async function decideSharing(
	db: Database,
	claims: JwtClaims,
	reflectionId: string,
	choice: ShareScope | 'private'
): Promise<string[]> {
	if (choice !== 'private') return setReflectionSharing(db, claims, reflectionId, choice);
	const rows = await db.asUser(claims, (tx) =>
		tx.query(
			`update public.reflections set share_decided_at = now(), updated_at = now()
			 where id = $1 and author_id = $2 returning id`,
			[reflectionId, claims.sub]
		)
	);
	if (rows.length === 0) throw new DomainError('not_found', 'not_found');
	return [];
}
