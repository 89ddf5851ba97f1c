import {
	DEFAULT_STALLED_DAYS,
	type DifficultiesRow,
	type ExitRequestsRow,
	type InstrumentRow,
	type LogbookRow,
	type MeetingsRow,
	type PairsRow,
	type StalledRow
} from '$lib/domain/monitoring';
import type { Database, JwtClaims } from '$lib/server/db/types';

/**
 * One function per monitoring dataset. Each calls its SQL function as the coordinator, so the
 * database decides (it returns nothing to anyone else) and suppresses small cells. Dates come
 * back as 'YYYY-MM-DD' text and shares as numbers, the same from PGlite and node-postgres.
 */

export interface Period {
	/** The last day counted ('YYYY-MM-DD'); the database's today when absent. */
	until?: string;
}

export async function pairsByPhaseAndStatus(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<PairsRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<PairsRow>(
			'select breakdown, category, pairs, suppressed from public.monitoring_pairs($1)',
			[programId]
		)
	);
}

export async function meetingsPerFortnight(
	db: Database,
	claims: JwtClaims,
	programId: string,
	period: Period = {}
): Promise<MeetingsRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<MeetingsRow>(
			`select fortnight, starts_on::text as starts_on, held, held_suppressed, planned, planned_suppressed
			 from public.monitoring_meetings($1, coalesce($2::date, current_date))`,
			[programId, period.until ?? null]
		)
	);
}

export async function instrumentCompletion(
	db: Database,
	claims: JwtClaims,
	programId: string,
	threshold = 1
): Promise<InstrumentRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<InstrumentRow>(
			`select template_key, pairs, completed, share::float8 as share, suppressed
			 from public.monitoring_instruments($1, $2::numeric)`,
			[programId, threshold]
		)
	);
}

export async function logbookSubmissions(
	db: Database,
	claims: JwtClaims,
	programId: string,
	period: Period = {}
): Promise<LogbookRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<LogbookRow>(
			`select author_role, fortnight, starts_on::text as starts_on, submissions, suppressed
			 from public.monitoring_logbook($1, coalesce($2::date, current_date))`,
			[programId, period.until ?? null]
		)
	);
}

export async function difficultiesFlagged(
	db: Database,
	claims: JwtClaims,
	programId: string,
	period: Period = {}
): Promise<DifficultiesRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<DifficultiesRow>(
			`select fortnight, starts_on::text as starts_on, flagged, suppressed
			 from public.monitoring_difficulties($1, coalesce($2::date, current_date))`,
			[programId, period.until ?? null]
		)
	);
}

export async function stalledPairs(
	db: Database,
	claims: JwtClaims,
	programId: string,
	options: Period & { days?: number } = {}
): Promise<StalledRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<StalledRow>(
			`select pseudonym, last_held_on::text as last_held_on, days_without_meeting
			 from public.monitoring_stalled_pairs($1, $2::integer, coalesce($3::date, current_date))`,
			[programId, options.days ?? DEFAULT_STALLED_DAYS, options.until ?? null]
		)
	);
}

export async function exitRequests(
	db: Database,
	claims: JwtClaims,
	programId: string,
	period: Period = {}
): Promise<ExitRequestsRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<ExitRequestsRow>(
			`select breakdown, category, fortnight, starts_on::text as starts_on, requests, suppressed
			 from public.monitoring_exit_requests($1, coalesce($2::date, current_date))`,
			[programId, period.until ?? null]
		)
	);
}

/** Whether the programme has a pair at all: a yes or no, which no suppression is needed for. */
export async function programHasPairs(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<boolean> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ any: boolean }>(
			'select exists (select 1 from public.pairs where program_id = $1) as any',
			[programId]
		)
	);
	return rows[0]?.any ?? false;
}
