import { todayInProgramZone } from '$lib/domain/time';
import { checkinScan } from '$lib/server/care/checkins';
import type { Tx } from '$lib/server/db/types';
import { notifyInTx } from './notify';

/**
 * The reminder scans the `reminders.scan` job runs. Each finds what is due and notifies with an
 * idempotency key per reminder (`meeting-tomorrow:<meeting>:<date>` …), in the scan's own
 * transaction, so however often the scan runs (several instances, a retry after a crash) a
 * reminder reaches a person once.
 *
 * A new reminder is one more `ReminderScan` in `REMINDER_SCANS`, with a key per reminder.
 */
export type ReminderScan = (tx: Tx, now: Date) => Promise<number>;

const addDays = (isoDate: string, days: number) => {
	const date = new Date(`${isoDate}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
};

/** Both people of every active pair with a meeting tomorrow (programme time zone); the mail has the .ics. */
export const meetingTomorrow: ReminderScan = async (tx, now) => {
	const tomorrow = addDays(todayInProgramZone(now), 1);
	const rows = await tx.query<{
		id: string;
		number: number;
		pairId: string;
		programId: string;
		mentorId: string;
		menteeId: string;
	}>(
		`select m.id, m.number, p.id as "pairId", p.program_id as "programId",
			p.mentor_id as "mentorId", p.mentee_id as "menteeId"
		 from public.meetings m join public.pairs p on p.id = m.pair_id
		 where p.status = 'active' and m.planned_on = $1::date and m.held_at is null`,
		[tomorrow]
	);
	for (const row of rows) {
		await notifyInTx(tx, {
			kind: 'meeting_tomorrow',
			recipients: [row.mentorId, row.menteeId],
			programId: row.programId,
			pairId: row.pairId,
			link: `/pairs/${row.pairId}/meetings/${row.number}`,
			params: { number: row.number, date: tomorrow, meetingId: row.id },
			key: `meeting-tomorrow:${row.id}:${tomorrow}`
		});
	}
	return rows.length;
};

/** The mentor of a meeting whose date passed (within two weeks) and is not marked held. */
export const meetingUnheld: ReminderScan = async (tx, now) => {
	const today = todayInProgramZone(now);
	const rows = await tx.query<{
		id: string;
		number: number;
		plannedOn: string;
		pairId: string;
		programId: string;
		mentorId: string;
	}>(
		`select m.id, m.number, m.planned_on::text as "plannedOn", p.id as "pairId",
			p.program_id as "programId", p.mentor_id as "mentorId"
		 from public.meetings m join public.pairs p on p.id = m.pair_id
		 where p.status = 'active' and m.held_at is null
			and m.planned_on < $1::date and m.planned_on >= $1::date - 14`,
		[today]
	);
	for (const row of rows) {
		await notifyInTx(tx, {
			kind: 'meeting_unheld',
			recipients: [row.mentorId],
			programId: row.programId,
			pairId: row.pairId,
			link: `/pairs/${row.pairId}/meetings/${row.number}`,
			params: { number: row.number, date: row.plannedOn, meetingId: row.id },
			key: `meeting-unheld:${row.id}:${row.plannedOn}`
		});
	}
	return rows.length;
};

/** Each person who has not submitted logbook part 2 two days after a held meeting (within a month). */
export const logbookDue: ReminderScan = async (tx, now) => {
	const rows = await tx.query<{
		meetingId: string;
		number: number;
		pairId: string;
		programId: string;
		personId: string;
	}>(
		`select m.id as "meetingId", m.number, p.id as "pairId", p.program_id as "programId",
			person.id as "personId"
		 from public.meetings m
		 join public.pairs p on p.id = m.pair_id
		 cross join lateral (values (p.mentor_id), (p.mentee_id)) as person(id)
		 where p.status = 'active' and m.held_at is not null
			and m.held_at <= $1::timestamptz - interval '2 days'
			and m.held_at > $1::timestamptz - interval '30 days'
			and not exists (
				select 1 from public.log_submissions s
				where s.pair_id = p.id and s.author_id = person.id
					and (s.meeting_id = m.id or s.met_on = (m.held_at at time zone 'Europe/Brussels')::date)
			)`,
		[now]
	);
	for (const row of rows) {
		await notifyInTx(tx, {
			kind: 'logbook_due',
			recipients: [row.personId],
			programId: row.programId,
			pairId: row.pairId,
			link: `/pairs/${row.pairId}/logbook`,
			params: { number: row.number },
			key: `logbook-due:${row.meetingId}`
		});
	}
	return rows.length;
};

/**
 * Both people of an active pair without a held meeting for the programme's `stall_days` (counted
 * from the pair's start when it never met). Once per quiet period: the key names the last meeting.
 */
export const pairStalled: ReminderScan = async (tx, now) => {
	const rows = await tx.query<{
		pairId: string;
		programId: string;
		mentorId: string;
		menteeId: string;
		since: Date;
		days: number;
	}>(
		`select p.id as "pairId", p.program_id as "programId", p.mentor_id as "mentorId",
			p.mentee_id as "menteeId", last.since,
			floor(extract(epoch from ($1::timestamptz - last.since)) / 86400)::int as days
		 from public.pairs p
		 join public.programs g on g.id = p.program_id
		 cross join lateral (
			select coalesce(max(m.held_at), p.created_at) as since
			from public.meetings m where m.pair_id = p.id
		 ) last
		 where p.status = 'active' and last.since < $1::timestamptz - make_interval(days => g.stall_days)`,
		[now]
	);
	for (const row of rows) {
		await notifyInTx(tx, {
			kind: 'pair_stalled',
			recipients: [row.mentorId, row.menteeId],
			programId: row.programId,
			pairId: row.pairId,
			link: `/pairs/${row.pairId}`,
			params: { days: row.days },
			key: `pair-stalled:${row.pairId}:${new Date(row.since).toISOString()}`
		});
	}
	return rows.length;
};

/** The assignee of an open assignment due tomorrow, in a running pair. */
export const assignmentDue: ReminderScan = async (tx, now) => {
	const tomorrow = addDays(todayInProgramZone(now), 1);
	const rows = await tx.query<{
		id: string;
		pairId: string;
		programId: string;
		assigneeId: string;
		sheetKey: string;
	}>(
		`select a.id, a.pair_id as "pairId", p.program_id as "programId",
			a.assignee_id as "assigneeId", a.sheet_key as "sheetKey"
		 from public.assignments a join public.pairs p on p.id = a.pair_id
		 where a.due_on = $1::date and a.done_at is null and p.status in ('active', 'exit_requested')`,
		[tomorrow]
	);
	for (const row of rows) {
		await notifyInTx(tx, {
			kind: 'assignment_due',
			recipients: [row.assigneeId],
			programId: row.programId,
			pairId: row.pairId,
			link: `/pairs/${row.pairId}/sheets/${encodeURIComponent(row.sheetKey)}`,
			params: { sheet: row.sheetKey, date: tomorrow },
			key: `assignment-due:${row.id}:${tomorrow}`
		});
	}
	return rows.length;
};

export const REMINDER_SCANS: ReminderScan[] = [
	meetingTomorrow,
	meetingUnheld,
	logbookDue,
	pairStalled,
	assignmentDue,
	checkinScan
];
