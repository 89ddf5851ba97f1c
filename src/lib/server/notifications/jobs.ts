import { m } from '$lib/paraglide/messages.js';
import { dateFormat } from '$lib/domain/intl';
import { PROGRAM_TIME_ZONE } from '$lib/domain/time';
import type { Database } from '$lib/server/db/types';
import { meetingInvitationAttachment } from '$lib/server/calendar/invitation';
import type { JobHandler, Schedule } from '$lib/server/jobs/runner';
import type { Mailer } from '$lib/server/mail/mailer';
import { composeMail, type MailLine } from './mails';
import {
	CATEGORIES,
	DEFAULT_DELIVERY,
	DEFAULT_DIGEST_HOUR,
	ALWAYS_MAILED,
	type Category,
	type NotificationKind,
	type NotificationParams
} from './model';
import { NOTIFICATION_MAIL_JOB } from './notify';
import { REMINDER_SCANS, type ReminderScan } from './reminders';
import { asLocale, notificationText } from './text';
import { unsubscribePath } from './unsubscribe';

export const REMINDER_SCAN_JOB = 'reminders.scan';

/** Mails about a meeting carry its invitation (same UID, current SEQUENCE): calendars update. */
const INVITATION_KINDS = new Set<NotificationKind>([
	'meeting_tomorrow',
	'meeting_planned',
	'meeting_changed'
]);
export const DIGEST_JOB = 'digest.hourly';

export interface NotificationJobsOptions {
	mailer: Mailer;
	/** The public address links in mails start with. */
	origin: string;
	scans?: ReminderScan[];
	/** How often the reminders are looked for. */
	scanEveryMs?: number;
}

interface Recipient {
	userId: string;
	email: string;
	name: string;
	locale: string;
}

/** The hour (0–23) of a moment in the programme's time zone. */
export function programHour(at: Date): number {
	return Number(
		dateFormat('en', {
			hour: '2-digit',
			hourCycle: 'h23',
			timeZone: PROGRAM_TIME_ZONE
		}).format(at)
	);
}

/**
 * The jobs of notifications: the mail of one notification (for people who want its category at
 * once), the hourly digest run and the reminder scan.
 */
export function notificationJobs(options: NotificationJobsOptions): {
	handlers: Record<string, JobHandler>;
	schedules: Schedule[];
} {
	const { mailer, origin } = options;
	const scans = options.scans ?? REMINDER_SCANS;
	const preferencesUrl = `${origin}/account#email`;

	const mailOne: JobHandler = async (job, { db }) => {
		const id = String(job.payload.notificationId ?? '');
		const rows = await db.asService((tx) =>
			tx.query<
				Recipient & {
					kind: NotificationKind;
					category: Category;
					link: string;
					params: NotificationParams;
					delivery: string;
					emailed: boolean;
				}
			>(
				`select n.user_id as "userId", u.email, pr.display_name as name, pr.locale, n.kind, n.category,
					n.link, n.params, n.emailed_at is not null as emailed,
					coalesce(to_jsonb(p) ->> n.category, d.delivery) as delivery
				 from public.notifications n
				 join auth.users u on u.id = n.user_id
				 join public.profiles pr on pr.id = n.user_id
				 left join public.notification_preferences p on p.user_id = n.user_id
				 cross join lateral (select ($2::jsonb ->> n.category) as delivery) d
				 where n.id = $1`,
				[id, DEFAULT_DELIVERY]
			)
		);
		const row = rows[0];
		// Gone, mailed already, or the person changed their mind since: nothing to send.
		if (!row || row.emailed || (row.delivery !== 'immediate' && !ALWAYS_MAILED.has(row.kind)))
			return;
		const locale = asLocale(row.locale);
		const text = notificationText(row.kind, row.params, locale);
		const attachment =
			INVITATION_KINDS.has(row.kind) && row.params.meetingId
				? await meetingInvitationAttachment(db, row.params.meetingId, locale, origin)
				: null;
		await mailer.send(
			composeMail({
				to: row.email,
				name: row.name,
				locale,
				subject: text,
				lines: [{ text: m.mail_open({}, { locale }), url: origin + row.link }],
				unsubscribe: {
					category: row.category,
					url: origin + (await unsubscribePath(db, row.userId, row.category)),
					oneClickUrl:
						origin + (await unsubscribePath(db, row.userId, row.category, { oneClick: true }))
				},
				preferencesUrl,
				kind: `notification.${row.kind}`,
				key: `notification:${id}`,
				attachments: attachment ? [attachment] : undefined
			})
		);
		await db.asService((tx) =>
			tx.query('update public.notifications set emailed_at = now() where id = $1', [id])
		);
	};

	const digest: JobHandler = async (job, { db, now }) => {
		const slot = new Date(String(job.payload.slot ?? now.toISOString()));
		await sendDigests(db, { mailer, origin, preferencesUrl, hour: programHour(slot), slot });
	};

	const scan: JobHandler = async (_job, { db, now }) => {
		for (const run of scans) await db.asService((tx) => run(tx, now));
	};

	return {
		handlers: { [NOTIFICATION_MAIL_JOB]: mailOne, [DIGEST_JOB]: digest, [REMINDER_SCAN_JOB]: scan },
		schedules: [
			{ kind: REMINDER_SCAN_JOB, everyMs: options.scanEveryMs ?? 5 * 60_000 },
			{ kind: DIGEST_JOB, everyMs: 60 * 60_000 }
		]
	};
}

interface DigestRow {
	userId: string;
	email: string;
	name: string;
	locale: string;
	ids: string[];
	kind: NotificationKind;
	category: Category;
	link: string;
	params: NotificationParams;
	count: number;
}

/**
 * The daily digest of everyone whose digest hour is `hour` (and of anyone whose digest hour passed
 * while the app was down): one mail per person listing their
 * unread, unmailed notifications in the categories they want daily, then marked mailed. The mail
 * key (person + slot) makes a re-run after a crash send nobody a second digest.
 */
export async function sendDigests(
	db: Database,
	options: {
		mailer: Mailer;
		origin: string;
		preferencesUrl: string;
		hour: number;
		slot: Date;
		batch?: number;
	}
): Promise<number> {
	// Who is due: everyone whose digest hour this is, and everyone whose last digest hour passed
	// without their digest (the app was down then): they have a waiting notification older than
	// that hour. Then everything due at once, grouped per person and per kind + link + params.
	const rows = await db.asService((tx) =>
		tx.query<DigestRow>(
			`with waiting as (
				select n.user_id, coalesce(p.digest_hour, $1) as hour, min(n.created_at) as oldest,
					((date_trunc('day', $4::timestamptz at time zone $5)
						+ make_interval(hours => coalesce(p.digest_hour, $1))) at time zone $5) as today_at
				from public.notifications n
				left join public.notification_preferences p on p.user_id = n.user_id
				where n.read_at is null and n.emailed_at is null
					and coalesce(to_jsonb(p) ->> n.category, $3::jsonb ->> n.category) = 'daily'
				group by n.user_id, p.digest_hour
			 ), due as (
				select user_id from waiting
				where hour = $2
					or oldest < case when today_at > $4::timestamptz then today_at - interval '1 day' else today_at end
			 )
			 select n.user_id as "userId", u.email, pr.display_name as name, pr.locale,
				array_agg(n.id::text) as ids, n.kind, n.category, n.link, n.params, count(*)::int as count
			 from public.notifications n
			 join due on due.user_id = n.user_id
			 join auth.users u on u.id = n.user_id
			 join public.profiles pr on pr.id = n.user_id
			 left join public.notification_preferences p on p.user_id = n.user_id
			 where n.read_at is null and n.emailed_at is null
				and coalesce(to_jsonb(p) ->> n.category, $3::jsonb ->> n.category) = 'daily'
			 group by n.user_id, u.email, pr.display_name, pr.locale, n.kind, n.category, n.link, n.params
			 order by n.user_id, min(n.created_at)`,
			[DEFAULT_DIGEST_HOUR, options.hour, DEFAULT_DELIVERY, options.slot, PROGRAM_TIME_ZONE]
		)
	);
	const people = new Map<string, DigestRow[]>();
	for (const row of rows) {
		const list = people.get(row.userId) ?? [];
		list.push(row);
		people.set(row.userId, list);
	}
	const mailed: string[] = [];
	const flush = async () => {
		if (mailed.length === 0) return;
		const ids = mailed.splice(0);
		await db.asService((tx) =>
			tx.query('update public.notifications set emailed_at = now() where id = any($1::uuid[])', [
				ids
			])
		);
	};
	const mailOne = async (userId: string, list: DigestRow[]) => {
		const first = list[0];
		const locale = asLocale(first.locale);
		const lines: MailLine[] = list.map((row) => ({
			text: notificationText(row.kind, row.params, locale, row.count),
			url: options.origin + row.link
		}));
		// The unsubscribe link of a digest turns off the category with the most lines.
		const counts = new Map<Category, number>();
		for (const row of list) counts.set(row.category, (counts.get(row.category) ?? 0) + row.count);
		const category = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? CATEGORIES[0];
		await options.mailer.send(
			composeMail({
				to: first.email,
				name: first.name,
				locale,
				subject: m.mail_digest_subject({}, { locale }),
				intro: m.mail_digest_intro({}, { locale }),
				lines,
				unsubscribe: {
					category,
					url: options.origin + (await unsubscribePath(db, userId, category)),
					oneClickUrl:
						options.origin + (await unsubscribePath(db, userId, category, { oneClick: true }))
				},
				preferencesUrl: options.preferencesUrl,
				kind: 'digest',
				key: `digest:${userId}:${options.slot.toISOString()}`
			})
		);
		mailed.push(...list.flatMap((row) => row.ids));
	};
	// A few mails at once on PostgreSQL (the pool has the connections); PGlite runs them in turn.
	const entries = [...people];
	const parallel = db.mode === 'postgres' ? 4 : 1;
	for (let start = 0; start < entries.length; start += parallel) {
		await Promise.all(
			entries.slice(start, start + parallel).map(([userId, list]) => mailOne(userId, list))
		);
		if (mailed.length >= (options.batch ?? 500)) await flush();
	}
	await flush();
	return people.size;
}
