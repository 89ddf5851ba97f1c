import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';
import { dateFormat } from '$lib/domain/intl';
import type { PairRef } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { notifyMeeting } from '$lib/server/notifications/events';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { Meeting } from './queries';
import type { CommandContext } from '$lib/server/context';

/** Programmes are Flemish/Dutch: a date and time typed in the form are Brussels time. */
export const MEETING_TIME_ZONE = 'Europe/Brussels';

/** The most meetings a pair has (the meetings table allows numbers 1 to 200). */
export const MAX_MEETINGS = 200;

/** The meeting number of a `/pairs/[id]/meetings/[number]` URL, or null when it cannot be one. */
export function meetingNumberOf(raw: string): number | null {
	if (!/^\d{1,3}$/.test(raw)) return null;
	const number = Number(raw);
	return number >= 1 && number <= MAX_MEETINGS ? number : null;
}

/** The longest call link kept (the database refuses more). */
export const CALL_LINK_MAX = 500;

/**
 * A call link: an https address (Teams, Zoom, Meet, Jitsi, Webex…), nothing else. No `http:`
 * (the link carries the meeting's access), no credentials in it, no spaces.
 */
export const callLink = () =>
	plainText()
		.trim()
		.max(CALL_LINK_MAX, 'too_long')
		.refine(
			(value) => {
				if (!/^https:\/\/\S+$/i.test(value)) return false;
				try {
					const url = new URL(value);
					return url.protocol === 'https:' && !url.username && !url.password && !!url.hostname;
				} catch {
					return false;
				}
			},
			{ message: 'url' }
		);

export const meetingInput = z.object({
	plannedOn: isoDate(),
	time: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'date')
		.optional(),
	durationMinutes: z.coerce.number('whole').int('whole').min(5, 'range').max(600, 'range'),
	place: plainText().trim().max(300, 'too_long').default(''),
	mode: z.enum(['face_to_face', 'online'], 'required'),
	callLink: callLink().optional(),
	held: z.boolean()
});
export type MeetingInput = z.infer<typeof meetingInput>;

/** A meeting with what its invitation needs: the version (SEQUENCE) and the pair's call link. */
export interface MeetingDetail extends Meeting {
	sequence: number;
	updatedAt: Date;
	/** The pair's default call link, used when the meeting has none of its own. */
	pairCallLink: string | null;
}

export async function getMeeting(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	number: number
): Promise<MeetingDetail | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<MeetingDetail>(
			`select m.id, m.number, m.planned_on::text as "plannedOn", m.starts_at as "startsAt",
				m.duration_minutes as "durationMinutes", m.place, m.mode, m.call_link as "callLink",
				m.held_at as "heldAt", m.sequence, m.updated_at as "updatedAt", l.url as "pairCallLink"
			 from public.meetings m left join public.pair_call_links l on l.pair_id = m.pair_id
			 where m.pair_id = $1 and m.number = $2`,
			[pairId, number]
		)
	);
	return rows[0] ?? null;
}

/** The call link a meeting uses: its own, else the pair's; none for a face-to-face meeting. */
export function effectiveCallLink(meeting: {
	mode: 'face_to_face' | 'online';
	callLink: string | null;
	pairCallLink: string | null;
}): string | null {
	if (meeting.mode !== 'online') return null;
	return meeting.callLink ?? meeting.pairCallLink;
}

/** The local time of a meeting's start in the programme's time zone ('HH:MM'), for the form. */
export function localTime(startsAt: Date | null): string {
	if (!startsAt) return '';
	return dateFormat('en', {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone: MEETING_TIME_ZONE
	}).format(new Date(startsAt));
}

/** The first and last day of a programme: the only dates a meeting of its pairs may have. */
export interface ProgramRange {
	startsOn: string;
	endsOn: string;
}

export async function programRange(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<ProgramRange | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<ProgramRange>(
			'select starts_on::text as "startsOn", ends_on::text as "endsOn" from public.programs where id = $1',
			[programId]
		)
	);
	return rows[0] ?? null;
}

/**
 * The pair plans (or reports) a meeting; RLS lets only its two people write it. A date outside
 * the programme's range is refused (`meeting_outside_programme`), so a typo in the year does not
 * silently put a meeting in another school year.
 */
export async function updateMeeting(
	ctx: CommandContext,
	pair: PairRef,
	number: number,
	input: MeetingInput
): Promise<void> {
	const { db, claims } = ctx;
	const change = await db.asUser(claims, async (tx) => {
		const range = await tx.query<{ inside: boolean }>(
			'select $2::date between starts_on and ends_on as inside from public.programs where id = $1',
			[pair.programId, input.plannedOn]
		);
		if (!range[0]) throw new DomainError('not_found', 'not_found');
		if (!range[0].inside) throw new DomainError('invalid', 'meeting_outside_programme');
		// The schedule proposes dates when the pair is made (same transaction, so the same time):
		// a meeting nobody saved since counts as not planned yet, so saving it is "planned".
		const before = await tx.query<{ sequence: number; planned: boolean }>(
			`select m.sequence, m.updated_at > p.created_at as planned
			 from public.meetings m join public.pairs p on p.id = m.pair_id
			 where m.pair_id = $1 and m.number = $2`,
			[pair.id, number]
		);
		const rows = await tx.query<{ id: string; sequence: number }>(
			`update public.meetings set
				planned_on = $3::date,
				starts_at = case when $4::text is null then null
					else (($3::text || ' ' || $4::text)::timestamp at time zone '${MEETING_TIME_ZONE}') end,
				duration_minutes = $5, place = $6, mode = $7, call_link = $8,
				held_at = case when $9::boolean then coalesce(held_at, now()) else null end,
				updated_at = now()
			 where pair_id = $1 and number = $2 returning id, sequence`,
			[
				pair.id,
				number,
				input.plannedOn,
				input.time ?? null,
				input.durationMinutes,
				input.place,
				input.mode,
				input.callLink ?? null,
				input.held
			]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(
			tx,
			input.held ? 'meeting.held' : 'meeting.plan',
			'meeting',
			rows[0].id,
			pair.programId,
			{
				number
			}
		);
		return rows[0].sequence !== before[0]?.sequence
			? {
					pairId: pair.id,
					meetingId: rows[0].id,
					number,
					sequence: rows[0].sequence,
					firstPlan: !before[0]?.planned
				}
			: null;
	});
	// Marking a meeting held (even with a corrected date) is a record, not news to plan around.
	if (change && !input.held) await meetingChanged(db, { ...change, changedBy: claims.sub });
}

/** A meeting's date, time, place, mode or call link changed (its SEQUENCE went up). */
export interface MeetingChange {
	pairId: string;
	meetingId: string;
	number: number;
	sequence: number;
	changedBy: string;
	/** The schedule's proposed date was saved for the first time: "planned", not "changed". */
	firstPlan?: boolean;
}

/**
 * The one place that reacts to a changed meeting, after its transaction committed: the other
 * person is notified, and their mail (at once or in the digest, as they chose) carries the
 * updated invitation (same UID, higher SEQUENCE).
 */
export async function meetingChanged(db: Database, change: MeetingChange): Promise<void> {
	const rows = await db.asService((tx) =>
		tx.query<{ planned_on: string | null }>(
			'select planned_on::text from public.meetings where id = $1',
			[change.meetingId]
		)
	);
	if (!rows[0]?.planned_on) return;
	await notifyMeeting(db, {
		pairId: change.pairId,
		meetingId: change.meetingId,
		number: change.number,
		actorId: change.changedBy,
		plannedOn: rows[0].planned_on,
		changed: !change.firstPlan
	});
}

// ---------------------------------------------------------------------------------------------
// The pair's default call link.

/** The pair's default call link, or null. */
export async function getPairCallLink(
	db: Database,
	claims: JwtClaims,
	pairId: string
): Promise<string | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ url: string }>('select url from public.pair_call_links where pair_id = $1', [pairId])
	);
	return rows[0]?.url ?? null;
}

/** A Jitsi Meet room nobody can guess: 128 random bits in the name. */
export function newJitsiRoom(): string {
	return `https://meet.jit.si/Mentorpad-${randomBytes(16).toString('hex')}`;
}

/**
 * Sets (or, with null, removes) the pair's default call link; RLS lets only its two people do so
 * while the workspace may change. Coming online meetings without a link of their own get a
 * higher SEQUENCE (a trigger), so each of them counts as changed.
 */
export async function setPairCallLink(
	db: Database,
	claims: JwtClaims,
	pair: PairRef,
	url: string | null
): Promise<void> {
	const changed = await db.asUser(claims, async (tx) => {
		const before = await tx.query<{ id: string; sequence: number }>(
			'select id, sequence from public.meetings where pair_id = $1',
			[pair.id]
		);
		if (url === null) {
			await tx.query('delete from public.pair_call_links where pair_id = $1', [pair.id]);
		} else {
			await tx.query(
				`insert into public.pair_call_links (pair_id, url, updated_by) values ($1, $2, auth.uid())
				 on conflict (pair_id) do update set url = excluded.url, updated_by = excluded.updated_by,
					updated_at = now()`,
				[pair.id, url]
			);
		}
		await audit(tx, 'pair.call_link', 'pair', pair.id, pair.programId, { set: url !== null });
		const after = await tx.query<{ id: string; number: number; sequence: number }>(
			'select id, number, sequence from public.meetings where pair_id = $1',
			[pair.id]
		);
		const old = new Map(before.map((m) => [m.id, m.sequence]));
		return after.filter((m) => old.get(m.id) !== m.sequence);
	});
	for (const meeting of changed) {
		await meetingChanged(db, {
			pairId: pair.id,
			meetingId: meeting.id,
			number: meeting.number,
			sequence: meeting.sequence,
			changedBy: claims.sub
		});
	}
}
