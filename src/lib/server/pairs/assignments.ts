/**
 * Assignments: one person of a pair asks the other (or notes for themselves) to prepare a sheet by
 * a date, optionally before a given meeting ("prepare PS1 before meeting 3"). Row-level security
 * keeps them the pair's own; these commands add the rules a form can explain (the date).
 */
import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';
import type { PairRef } from '$lib/domain/policy';
import { pairSheetKeys } from '$lib/domain/templates';
import { todayInProgramZone } from '$lib/domain/time';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { MAX_MEETINGS } from './meetings';
import { notifyAssignment } from '$lib/server/notifications/events';
import type { CommandContext } from '$lib/server/context';

export const NOTE_MAX = 500;

export const assignmentInput = z.object({
	sheetKey: z.string('required').refine((key) => pairSheetKeys.includes(key), 'required'),
	assigneeId: z.uuid('required'),
	dueOn: isoDate(),
	meetingNumber: z.coerce
		.number('whole')
		.int('whole')
		.min(1, 'range')
		.max(MAX_MEETINGS, 'range')
		.optional(),
	note: plainText().trim().max(NOTE_MAX, 'too_long').default('')
});
export type AssignmentInput = z.infer<typeof assignmentInput>;

export interface Assignment {
	id: string;
	pairId: string;
	sheetKey: string;
	assigneeId: string;
	createdBy: string;
	dueOn: string;
	meetingNumber: number | null;
	note: string;
	doneAt: Date | null;
	createdAt: Date;
}

const COLUMNS = `a.id, a.pair_id as "pairId", a.sheet_key as "sheetKey", a.assignee_id as "assigneeId",
	a.created_by as "createdBy", a.due_on::text as "dueOn", a.meeting_number as "meetingNumber",
	a.note, a.done_at as "doneAt", a.created_at as "createdAt"`;

/** A new assignment, for the one place that tells the assignee about it. */
export interface AssignmentCreated {
	assignment: Assignment;
	programId: string;
}

/**
 * The one place that reacts to a new assignment, after its transaction committed: the assignee
 * is notified (unless they asked it of themself); the reminder the day before it is due is the
 * `assignmentDue` reminder scan.
 */
export async function assignmentCreated(db: Database, event: AssignmentCreated): Promise<void> {
	const { assignment } = event;
	await notifyAssignment(db, {
		pairId: assignment.pairId,
		programId: event.programId,
		assigneeId: assignment.assigneeId,
		createdBy: assignment.createdBy,
		sheetKey: assignment.sheetKey,
		dueOn: assignment.dueOn
	});
}

/**
 * Checks the due date against today and the programme's period: `due_in_past`,
 * `due_outside_programme` (field `dueOn`), and the meeting number against the pair's meetings.
 */
async function checkDates(
	tx: Tx,
	pair: PairRef,
	input: Pick<AssignmentInput, 'dueOn' | 'meetingNumber'>,
	today: string
): Promise<void> {
	if (input.dueOn < today) throw new DomainError('invalid', 'due_in_past');
	const range = await tx.query<{ inside: boolean }>(
		'select $2::date between starts_on and ends_on as inside from public.programs where id = $1',
		[pair.programId, input.dueOn]
	);
	if (!range[0]) throw new DomainError('not_found', 'not_found');
	if (!range[0].inside) throw new DomainError('invalid', 'due_outside_programme');
	if (input.meetingNumber !== undefined) {
		const meeting = await tx.query(
			'select 1 from public.meetings where pair_id = $1 and number = $2',
			[pair.id, input.meetingNumber]
		);
		if (!meeting[0]) throw new DomainError('invalid', 'no_such_meeting');
	}
}

/**
 * Asks `input.assigneeId` (the other person or oneself) to prepare a sheet. The database refuses
 * anyone outside the pair, another pair's sheet and an ended pair.
 */
export async function createAssignment(
	ctx: CommandContext,
	pair: PairRef,
	input: AssignmentInput,
	today: string = todayInProgramZone()
): Promise<Assignment> {
	const { db, claims } = ctx;
	const assignment = await db.asUser(claims, async (tx) => {
		await checkDates(tx, pair, input, today);
		const people = await tx.query<{ ok: boolean }>(
			'select $2::uuid in (mentor_id, mentee_id) as ok from public.pairs where id = $1',
			[pair.id, input.assigneeId]
		);
		if (!people[0]?.ok) throw new DomainError('invalid', 'not_in_pair');
		const rows = await tx.query<Assignment>(
			`insert into public.assignments as a (pair_id, sheet_key, assignee_id, created_by, due_on, meeting_number, note)
			 values ($1, $2, $3, auth.uid(), $4, $5, $6) returning ${COLUMNS}`,
			[
				pair.id,
				input.sheetKey,
				input.assigneeId,
				input.dueOn,
				input.meetingNumber ?? null,
				input.note
			]
		);
		await audit(tx, 'assignment.create', 'assignment', rows[0].id, pair.programId, {
			sheet: input.sheetKey
		});
		return rows[0];
	});
	await assignmentCreated(db, { assignment, programId: pair.programId });
	return assignment;
}

/** The assignee marks it done (or, with `done` false, not done after all). */
export async function markAssignmentDone(
	ctx: CommandContext,
	pair: PairRef,
	assignmentId: string,
	done: boolean
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			`update public.assignments set done_at = case when $3 then coalesce(done_at, now()) end
			 where id = $1 and pair_id = $2 and assignee_id = auth.uid() returning id`,
			[assignmentId, pair.id, done]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
	});
}

/** Its creator withdraws an assignment. */
export async function withdrawAssignment(
	db: Database,
	claims: JwtClaims,
	pair: PairRef,
	assignmentId: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			'delete from public.assignments where id = $1 and pair_id = $2 and created_by = auth.uid() returning id',
			[assignmentId, pair.id]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'assignment.withdraw', 'assignment', assignmentId, pair.programId);
	});
}

/** The pair's assignments: open ones first by due date, then the done ones, latest first. */
export async function listPairAssignments(
	db: Database,
	claims: JwtClaims,
	pairId: string
): Promise<Assignment[]> {
	return db.asUser(claims, (tx) =>
		tx.query<Assignment>(
			`select ${COLUMNS} from public.assignments a where a.pair_id = $1
			 order by a.done_at is not null, case when a.done_at is null then a.due_on end, a.done_at desc, a.created_at`,
			[pairId]
		)
	);
}

/** What the signed-in person still has to prepare, across their pairs that run, by due date. */
export async function listMyOpenAssignments(
	db: Database,
	claims: JwtClaims
): Promise<(Assignment & { pairStatus: string })[]> {
	return db.asUser(claims, (tx) =>
		tx.query<Assignment & { pairStatus: string }>(
			`select ${COLUMNS}, p.status as "pairStatus" from public.assignments a
			 join public.pairs p on p.id = a.pair_id
			 where a.assignee_id = auth.uid() and a.done_at is null and p.status in ('active', 'exit_requested')
			 order by a.due_on, a.created_at`
		)
	);
}

/** An open assignment due on a given day, with what a reminder needs. */
export interface DueAssignment extends Assignment {
	programId: string;
	assigneeEmail: string;
	assigneeName: string;
	assigneeLocale: string;
}

/**
 * Open assignments due on `day` ('YYYY-MM-DD') in pairs that still run, for the reminder job
 * (server-internal: it runs as the service role).
 */
export async function assignmentsDueOn(db: Database, day: string): Promise<DueAssignment[]> {
	return db.asService((tx) =>
		tx.query<DueAssignment>(
			`select ${COLUMNS}, p.program_id as "programId", pr.email as "assigneeEmail",
				pr.display_name as "assigneeName", pr.locale as "assigneeLocale"
			 from public.assignments a
			 join public.pairs p on p.id = a.pair_id
			 join public.profiles pr on pr.id = a.assignee_id
			 where a.due_on = $1::date and a.done_at is null and p.status in ('active', 'exit_requested')
			 order by a.created_at`,
			[day]
		)
	);
}
