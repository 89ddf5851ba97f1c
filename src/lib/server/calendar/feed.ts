/**
 * A person's secret calendar feed (`/calendar/<secret>.ics`). The secret in the URL is the only
 * credential, so only its SHA-256 is stored: the URL is shown once, when it is made, and a new one
 * replaces the row, which makes the old URL answer 404.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { meetingFeed, type CalendarMeeting } from './ics';

/** 256 random bits, URL-safe: 43 characters. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Whether the person has a feed, since when, and when a calendar last read it. */
export interface FeedStatus {
	createdAt: Date;
	lastUsedAt: Date | null;
}

export async function feedStatus(db: Database, claims: JwtClaims): Promise<FeedStatus | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<FeedStatus>(
			`select created_at as "createdAt", last_used_at as "lastUsedAt"
			 from public.calendar_feeds where user_id = auth.uid()`
		)
	);
	return rows[0] ?? null;
}

/**
 * Makes a new secret for the signed-in person, replacing any old one (whose URL stops working),
 * and returns it: the only time it exists in clear.
 */
export async function rotateFeedSecret(db: Database, claims: JwtClaims): Promise<string> {
	const secret = randomBytes(32).toString('base64url');
	await db.asUser(claims, async (tx) => {
		await tx.query('delete from public.calendar_feeds where user_id = auth.uid()');
		await tx.query(
			'insert into public.calendar_feeds (user_id, secret_hash) values (auth.uid(), $1)',
			[hashOf(secret)]
		);
	});
	return secret;
}

/** Switches the feed off: the URL answers 404 from now on. */
export async function removeFeed(db: Database, claims: JwtClaims): Promise<void> {
	await db.asUser(claims, (tx) =>
		tx.query('delete from public.calendar_feeds where user_id = auth.uid()')
	);
}

/**
 * The owner of a secret, or null. The row is found by the hash (an index lookup on a value the
 * caller cannot steer), and the stored hash is then compared in constant time.
 */
async function feedOwner(db: Database, secret: string): Promise<string | null> {
	if (!SECRET.test(secret)) return null;
	const hash = hashOf(secret);
	const rows = await db.asService((tx) =>
		tx.query<{ userId: string; secretHash: string }>(
			`update public.calendar_feeds set last_used_at = now() where secret_hash = $1
			 returning user_id as "userId", secret_hash as "secretHash"`,
			[hash]
		)
	);
	const row = rows[0];
	if (!row) return null;
	const expected = Buffer.from(row.secretHash, 'hex');
	const actual = Buffer.from(hash, 'hex');
	return expected.length === actual.length && timingSafeEqual(expected, actual) ? row.userId : null;
}

export interface FeedTexts {
	/** The calendar's name (X-WR-CALNAME). */
	calendarName: string;
	/** A meeting's title, e.g. "Mentorgesprek 3: Ann & Bert". */
	summary: (meeting: { number: number; mentorName: string; menteeName: string }) => string;
}

interface FeedRow {
	id: string;
	pairId: string;
	number: number;
	plannedOn: string | null;
	startsAt: Date | null;
	durationMinutes: number;
	place: string;
	mode: 'face_to_face' | 'online';
	callLink: string | null;
	pairCallLink: string | null;
	heldAt: Date | null;
	sequence: number;
	updatedAt: Date;
	mentorName: string;
	menteeName: string;
}

/**
 * The person's meetings that belong in a calendar: every dated meeting of their pairs (held ones
 * too), except meetings that were never held in a pair that has ended. Read as that person, so
 * row-level security decides, exactly as when they are signed in.
 */
async function feedMeetings(db: Database, userId: string): Promise<FeedRow[]> {
	const claims: JwtClaims = { sub: userId, role: 'authenticated' };
	return db.asUser(claims, (tx) =>
		tx.query<FeedRow>(
			`select m.id, m.pair_id as "pairId", m.number, m.planned_on::text as "plannedOn",
				m.starts_at as "startsAt", m.duration_minutes as "durationMinutes", m.place, m.mode,
				m.call_link as "callLink", l.url as "pairCallLink", m.held_at as "heldAt", m.sequence,
				m.updated_at as "updatedAt", mentor.display_name as "mentorName",
				mentee.display_name as "menteeName"
			 from public.meetings m
			 join public.pairs p on p.id = m.pair_id
			 join public.profiles mentor on mentor.id = p.mentor_id
			 join public.profiles mentee on mentee.id = p.mentee_id
			 left join public.pair_call_links l on l.pair_id = p.id
			 where (p.mentor_id = auth.uid() or p.mentee_id = auth.uid())
				and p.status <> 'proposed'
				and (m.starts_at is not null or m.planned_on is not null)
				and (m.held_at is not null or p.status <> 'ended')
			 order by coalesce(m.starts_at, m.planned_on::timestamptz), m.number`
		)
	);
}

/** The feed for a secret, or null (404) when no feed has it. */
export async function loadFeed(
	db: Database,
	secret: string,
	origin: string,
	textsFor: (locale: string) => FeedTexts
): Promise<string | null> {
	const userId = await feedOwner(db, secret);
	if (!userId) return null;
	const profile = await db.asService((tx) =>
		tx.query<{ locale: string }>('select locale from public.profiles where id = $1', [userId])
	);
	const texts = textsFor(profile[0]?.locale ?? 'nl');
	const rows = await feedMeetings(db, userId);
	const meetings: CalendarMeeting[] = rows.map((row) => ({
		id: row.id,
		sequence: row.sequence,
		startsAt: row.startsAt,
		plannedOn: row.plannedOn,
		durationMinutes: row.durationMinutes,
		summary: texts.summary(row),
		place: row.place,
		callLink: row.mode === 'online' ? (row.callLink ?? row.pairCallLink) : null,
		pairUrl: `${origin}/pairs/${row.pairId}`,
		updatedAt: row.updatedAt
	}));
	return meetingFeed(texts.calendarName, meetings);
}
