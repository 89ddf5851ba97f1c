import { notifyMeeting } from '$lib/server/notifications/events';
import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';
import type { PairRef } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { audit } from '$lib/server/programs/commands';
import { DomainError } from '$lib/server/programs/errors';
import type { Meeting } from './queries';

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

export const meetingInput = z.object({
	plannedOn: isoDate(),
	time: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'date')
		.optional(),
	durationMinutes: z.coerce.number('whole').int('whole').min(5, 'range').max(600, 'range'),
	place: plainText().trim().max(300, 'too_long').default(''),
	mode: z.enum(['face_to_face', 'online'], 'required'),
	callLink: plainText()
		.trim()
		.max(500, 'too_long')
		.regex(/^https?:\/\/\S+$/, 'url')
		.optional(),
	held: z.boolean()
});
export type MeetingInput = z.infer<typeof meetingInput>;

export async function getMeeting(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	number: number
): Promise<Meeting | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<Meeting>(
			`select id, number, planned_on::text as "plannedOn", starts_at as "startsAt",
				duration_minutes as "durationMinutes", place, mode, call_link as "callLink", held_at as "heldAt"
			 from public.meetings where pair_id = $1 and number = $2`,
			[pairId, number]
		)
	);
	return rows[0] ?? null;
}

/** The local time of a meeting's start in the programme's time zone ('HH:MM'), for the form. */
export function localTime(startsAt: Date | null): string {
	if (!startsAt) return '';
	return new Intl.DateTimeFormat('en-GB', {
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
	db: Database,
	claims: JwtClaims,
	pair: PairRef,
	number: number,
	input: MeetingInput
): Promise<void> {
	const change = await db.asUser(claims, async (tx) => {
		const range = await tx.query<{ inside: boolean }>(
			'select $2::date between starts_on and ends_on as inside from public.programs where id = $1',
			[pair.programId, input.plannedOn]
		);
		if (!range[0]) throw new DomainError('not_found', 'not_found');
		if (!range[0].inside) throw new DomainError('invalid', 'meeting_outside_programme');
		// The schedule proposes dates when the pair is made (same transaction, so the same time):
		// a meeting nobody saved since counts as not planned yet.
		const before = await tx.query<{ plan: string | null }>(
			`select case when m.updated_at <= p.created_at then null else concat_ws('|', m.planned_on,
				m.starts_at, m.duration_minutes, m.place, m.mode, m.call_link) end as plan
			 from public.meetings m join public.pairs p on p.id = m.pair_id
			 where m.pair_id = $1 and m.number = $2`,
			[pair.id, number]
		);
		const rows = await tx.query<{ id: string }>(
			`update public.meetings set
				planned_on = $3::date,
				starts_at = case when $4::text is null then null
					else (($3::text || ' ' || $4::text)::timestamp at time zone '${MEETING_TIME_ZONE}') end,
				duration_minutes = $5, place = $6, mode = $7, call_link = $8,
				held_at = case when $9::boolean then coalesce(held_at, now()) else null end,
				updated_at = now()
			 where pair_id = $1 and number = $2 returning id`,
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
		const after = await tx.query<{ plan: string }>(
			`select concat_ws('|', planned_on, starts_at, duration_minutes, place, mode, call_link) as plan
			 from public.meetings where id = $1`,
			[rows[0].id]
		);
		const was = before[0]?.plan ?? null;
		return was === after[0].plan ? null : { changed: was !== null };
	});
	// Marking a meeting held changes nothing the other person needs to plan around.
	if (change && !input.held) {
		await notifyMeeting(db, {
			pairId: pair.id,
			number,
			actorId: claims.sub,
			plannedOn: input.plannedOn,
			changed: change.changed
		});
	}
}
