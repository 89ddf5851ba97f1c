import type { Database, JwtClaims } from '$lib/server/db/types';
import type { CommandContext } from '$lib/server/context';

export const AUDIT_PAGE_SIZE = 25;

export interface ExportRow {
	id: string;
	status: 'queued' | 'running' | 'done' | 'failed';
	progress: number;
	sizeBytes: number | null;
	createdAt: string;
	expiresAt: string;
}

export interface AboutMeEvent {
	id: string;
	createdAt: string;
	action: string;
	programName: string | null;
	actorName: string;
	actorRole: string;
}

export interface MyErasureRequest {
	id: string;
	status: 'requested' | 'confirmed' | 'refused' | 'done';
	automatic: boolean;
	decisionNote: string;
	createdAt: string;
	decidedAt: string | null;
}

/** The person's exports, newest first (the expired ones are gone). */
export async function myExports(db: Database, claims: JwtClaims): Promise<ExportRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<ExportRow>(
			`select id, status, progress, size_bytes::float8 as "sizeBytes", created_at::text as "createdAt",
				expires_at::text as "expiresAt"
			 from public.data_exports where user_id = $1 and expires_at > now()
			 order by created_at desc limit 5`,
			[claims.sub]
		)
	);
}

/** One export of the person, for the progress poll and the download. */
export async function myExport(
	db: Database,
	claims: JwtClaims,
	exportId: string
): Promise<(ExportRow & { fileKey: string | null }) | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<ExportRow & { fileKey: string | null }>(
			`select id, status, progress, size_bytes::float8 as "sizeBytes", created_at::text as "createdAt",
				expires_at::text as "expiresAt", file_key as "fileKey"
			 from public.data_exports where id = $1 and user_id = $2 and expires_at > now()`,
			[exportId, claims.sub]
		)
	);
	return rows[0] ?? null;
}

/** Who read monitoring data or exported or erased data concerning the person, paged. */
export async function auditAboutMe(
	db: Database,
	claims: JwtClaims,
	page: number
): Promise<{ events: AboutMeEvent[]; hasMore: boolean }> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<AboutMeEvent>(
			`select id::text, created_at::text as "createdAt", action, program_name as "programName",
				actor_name as "actorName", actor_role as "actorRole"
			 from public.audit_events_about_me($1, $2)`,
			[AUDIT_PAGE_SIZE + 1, page * AUDIT_PAGE_SIZE]
		)
	);
	return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

export async function myErasureRequest(
	db: Database,
	claims: JwtClaims
): Promise<MyErasureRequest | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<MyErasureRequest>(
			`select id, status, program_id is null as automatic, decision_note as "decisionNote",
				created_at::text as "createdAt", decided_at::text as "decidedAt"
			 from public.erasure_requests where user_id = $1 order by created_at desc limit 1`,
			[claims.sub]
		)
	);
	return rows[0] ?? null;
}

export interface TrailEvent {
	id: string;
	createdAt: string;
	action: string;
	entityType: string;
	actorName: string | null;
}

export interface ProgramErasureRequest {
	id: string;
	personName: string;
	role: string | null;
	status: 'requested' | 'confirmed' | 'refused' | 'done';
	reason: string;
	decisionNote: string;
	createdAt: string;
}

/** The audit actions a coordinator can filter the trail on. */
export const TRAIL_FILTERS = {
	all: null,
	monitoring: ['monitoring.view', 'monitoring.export'],
	exports: ['data.export', 'monitoring.export'],
	signatures: ['sheet.sign'],
	erasures: [
		'erasure.request',
		'erasure.confirm',
		'erasure.refuse',
		'person.erase',
		'retention.warn',
		'retention.purge'
	]
} as const satisfies Record<string, readonly string[] | null>;
export type TrailFilter = keyof typeof TRAIL_FILTERS;

/** The programme's audit trail for its coordinators (RLS decides), newest first, paged. */
export async function programTrail(
	ctx: CommandContext,
	programId: string,
	page: number,
	filter: TrailFilter
): Promise<{ events: TrailEvent[]; hasMore: boolean }> {
	const { db, claims } = ctx;
	const actions = TRAIL_FILTERS[filter];
	const rows = await db.asUser(claims, (tx) =>
		tx.query<TrailEvent>(
			`select e.id::text, e.created_at::text as "createdAt", e.action, e.entity_type as "entityType",
				pr.display_name as "actorName"
			 from public.audit_events e left join public.profiles pr on pr.id = e.actor_id
			 where e.program_id = $1 and ($2::text[] is null or e.action = any($2::text[]))
			 order by e.created_at desc, e.id desc limit $3 offset $4`,
			[programId, actions ? [...actions] : null, AUDIT_PAGE_SIZE + 1, page * AUDIT_PAGE_SIZE]
		)
	);
	return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}

/** The programme's erasure requests: open ones first. */
export async function programErasureRequests(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<ProgramErasureRequest[]> {
	return db.asUser(claims, (tx) =>
		tx.query<ProgramErasureRequest>(
			`select r.id, coalesce(pr.display_name, '') as "personName", ms.role, r.status, r.reason,
				r.decision_note as "decisionNote", r.created_at::text as "createdAt"
			 from public.erasure_requests r
			 left join public.profiles pr on pr.id = r.user_id
			 left join public.memberships ms on ms.program_id = r.program_id and ms.user_id = r.user_id
			 where r.program_id = $1
			 order by (r.status = 'requested') desc, r.created_at desc limit 50`,
			[programId]
		)
	);
}

export interface RetentionStatus {
	dueOn: string;
	warnedAt: string | null;
	purgedAt: string | null;
}

export async function retentionStatus(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<RetentionStatus | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<RetentionStatus>(
			`select (p.ends_on + make_interval(months => p.retention_months))::date::text as "dueOn",
				r.warned_at::text as "warnedAt", r.purged_at::text as "purgedAt"
			 from public.programs p left join public.retention_runs r on r.program_id = p.id
			 where p.id = $1`,
			[programId]
		)
	);
	return rows[0] ?? null;
}
