import { notifyPairStatus } from '$lib/server/notifications/events';
import { randomUUID } from 'node:crypto';
import { pairSheets } from '$lib/domain/templates';
import { formatDocumentName } from '$lib/shared/collab';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { plannedDates } from './schedule';

export interface NewPair {
	programId: string;
	mentorId: string;
	menteeId: string;
	/** The first planned meeting; defaults to today. */
	firstMeetingOn?: string;
	/** What both members and the coordinator call the pair ("vakmentor"); optional. */
	label?: string | null;
}

/** The database's own refusals of a pair (triggers of 20261204000100), as translated keys. */
const PAIR_RULES = ['eval_not_mentor', 'pool_not_allowed'] as const;

/** A trigger's refusal becomes the DomainError the route shows; anything else is rethrown. */
export function pairRuleError(e: unknown): unknown {
	const message = (e as { message?: unknown } | null)?.message;
	const key = PAIR_RULES.find((k) => message === k);
	if (key) return new DomainError('conflict', key);
	if ((e as { code?: unknown } | null)?.code === '23505')
		return new DomainError('conflict', 'pool_already_paired');
	return e;
}

/**
 * Whether this mentor may be paired with this mentee now, checked before writing so the
 * coordinator reads why (the database refuses the same with its triggers and unique index):
 * never the teacher's evaluator; one open pair per mentor and mentee; a second mentor only in a
 * programme that allows a pool.
 */
async function checkPairRules(tx: Tx, input: NewPair, pool: boolean): Promise<void> {
	const evaluator = await tx.query(
		`select 1 from public.teacher_evaluators
		 where program_id = $1 and evaluator_id = $2 and teacher_id = $3`,
		[input.programId, input.mentorId, input.menteeId]
	);
	if (evaluator.length) throw new DomainError('conflict', 'eval_not_mentor');
	const open = await tx.query<{ mentor_id: string }>(
		`select mentor_id from public.pairs
		 where program_id = $1 and mentee_id = $2 and status <> 'ended'`,
		[input.programId, input.menteeId]
	);
	if (open.some((p) => p.mentor_id === input.mentorId))
		throw new DomainError('conflict', 'pool_already_paired');
	if (open.length && !pool) throw new DomainError('conflict', 'pool_not_allowed');
}

/**
 * Inserts a pair with its planned meetings (the programme's schedule) and one sheet per pair
 * instrument. Runs in the caller's transaction: as the coordinator (RLS checks it) or the service.
 * The pair's supporter is the one assigned to its mentor (`mentor_supporters`, the one source of
 * truth the supporters page edits); `assignSupporter` keeps open pairs in step with it.
 */
export async function insertPair(tx: Tx, input: NewPair): Promise<string> {
	const program = await tx.query<{
		planned_sessions: number;
		cadence_days: number;
		session_minutes: number;
		mentor_pool: boolean;
	}>(
		'select planned_sessions, cadence_days, session_minutes, mentor_pool from public.programs where id = $1',
		[input.programId]
	);
	if (!program[0]) throw new DomainError('not_found', 'not_found');
	const members = await tx.query<{ user_id: string; role: string }>(
		"select user_id, role from public.memberships where program_id = $1 and status = 'active' and user_id = any($2::uuid[])",
		[input.programId, [input.mentorId, input.menteeId]]
	);
	const roleOf = (id: string) => members.find((m) => m.user_id === id)?.role;
	if (roleOf(input.mentorId) !== 'mentor' || roleOf(input.menteeId) !== 'mentee')
		throw new DomainError('invalid', 'pair_roles');
	await checkPairRules(tx, input, program[0].mentor_pool);

	const id = randomUUID();
	// Pseudonyms are per programme and never reused, so charts stay stable.
	const next = await tx.query<{ n: number }>(
		`select coalesce(max(substring(pseudonym from 3)::int), 0) + 1 as n
		 from public.pairs where program_id = $1`,
		[input.programId]
	);
	const pseudonym = `P-${String(next[0].n).padStart(2, '0')}`;
	await tx.query(
		`insert into public.pairs (id, program_id, mentor_id, mentee_id, supporter_id, pseudonym, label)
		 values ($1, $2, $3, $4,
			(select ms.supporter_id from public.mentor_supporters ms
			 join public.memberships m on m.program_id = ms.program_id and m.user_id = ms.supporter_id
				and m.role = 'supporter' and m.status = 'active'
			 where ms.program_id = $2 and ms.mentor_id = $3),
			$5, $6)`,
		[id, input.programId, input.mentorId, input.menteeId, pseudonym, input.label || null]
	);
	const { planned_sessions, cadence_days, session_minutes } = program[0];
	const dates = plannedDates(
		input.firstMeetingOn ?? new Date().toISOString().slice(0, 10),
		planned_sessions,
		cadence_days
	);
	for (const [index, date] of dates.entries()) {
		await tx.query(
			'insert into public.meetings (pair_id, number, planned_on, duration_minutes) values ($1, $2, $3, $4)',
			[id, index + 1, date, session_minutes]
		);
	}
	for (const template of pairSheets) {
		const sheetId = randomUUID();
		await tx.query(
			`insert into public.sheets (id, pair_id, template_key, template_version, doc_name)
			 values ($1, $2, $3, $4, $5)`,
			[
				sheetId,
				id,
				template.key,
				template.version,
				formatDocumentName({ kind: 'sheet', pairId: id, sheetId })
			]
		);
	}
	return id;
}

/** The coordinator creates a pair (matching confirms pairs through this). */
export async function createPair(db: Database, claims: JwtClaims, input: NewPair): Promise<string> {
	return db.asUser(claims, async (tx) => {
		const id = await insertPair(tx, input);
		await audit(tx, 'pair.create', 'pair', id, input.programId);
		return id;
	});
}

/** Ends or pauses a pair: its workspace becomes read-only; open sockets are re-checked by the caller. */
export async function setPairStatus(
	db: Database,
	claims: JwtClaims,
	pairId: string,
	status: 'active' | 'paused' | 'ended'
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ program_id: string }>(
			`update public.pairs set status = $2, updated_at = now(),
				ended_at = case when $2 = 'ended' then now() else ended_at end
			 where id = $1 returning program_id`,
			[pairId, status]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, `pair.${status}`, 'pair', pairId, rows[0].program_id);
	});
	await notifyPairStatus(db, { pairId, actorId: claims.sub, status });
}
