import type { ConcernInput, ConcernStatus, ConcernUrgency } from '$lib/domain/care';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { notify } from '$lib/server/notifications/notify';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '$lib/server/context';

/**
 * Concerns: the exception of agreement 02. A pair's mentor or mentee tells the coordinator
 * something that cannot stay within the pair. The reason is what the raiser writes, nothing is
 * taken from a sheet; the audit trail records that a concern was raised and its status changes,
 * never the reason; the coordinators are notified at once and mailed whatever their preferences.
 */

export interface Concern {
	id: string;
	pairId: string;
	pseudonym: string;
	raisedBy: string;
	raiserName: string;
	raiserRole: 'mentor' | 'mentee';
	reason: string;
	urgency: ConcernUrgency;
	status: ConcernStatus;
	createdAt: string;
	statusChangedAt: string | null;
}

const PG_RLS_VIOLATION = '42501';
const isRlsRefusal = (e: unknown) =>
	typeof e === 'object' && e !== null && (e as { code?: string }).code === PG_RLS_VIOLATION;

/** Raises a concern from a pair I am in, of the programme given; returns its id and programme. */
export async function raiseConcern(
	db: Database,
	claims: JwtClaims,
	programId: string,
	input: ConcernInput
): Promise<{ id: string; programId: string }> {
	const made = await db.asUser(claims, async (tx) => {
		const [pair] = await tx.query<{ role: string | null; programId: string | null }>(
			`select private.my_running_pair_role($1) as role, private.pair_program($1) as "programId"`,
			[input.pairId]
		);
		if (!pair?.role || pair.programId !== programId)
			throw new DomainError('not_found', 'not_found');
		try {
			const [row] = await tx.query<{ id: string }>(
				`insert into public.concerns (program_id, pair_id, raised_by, raiser_role, reason, urgency)
				 values ($1, $2, $3, $4, $5, $6) returning id`,
				[programId, input.pairId, claims.sub, pair.role, input.reason, input.urgency]
			);
			await tx.query('select public.record_audit_event($1, $2, $3, $4, $5)', [
				'concern.raise',
				'concern',
				row.id,
				programId,
				{ urgency: input.urgency, role: pair.role }
			]);
			return { id: row.id, programId };
		} catch (e) {
			if (isRlsRefusal(e)) throw new DomainError('forbidden', 'forbidden');
			throw e;
		}
	});
	const coordinators = await db.asService((tx) =>
		tx.query<{ id: string }>(
			`select user_id as id from public.memberships
			 where program_id = $1 and role = 'coordinator' and status = 'active'`,
			[made.programId]
		)
	);
	await notify(db, {
		kind: 'concern_raised',
		recipients: coordinators.map((c) => c.id),
		actorId: claims.sub,
		programId: made.programId,
		link: `/programs/${made.programId}/concerns`,
		params: { urgency: input.urgency },
		key: `concern-raised:${made.id}`
	});
	return made;
}

/** The coordinator sets a concern's status; the raiser is told (not what anyone wrote). */
export async function setConcernStatus(
	ctx: CommandContext,
	programId: string,
	concernId: string,
	status: ConcernStatus
): Promise<void> {
	const { db, claims } = ctx;
	const changed = await db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ raisedBy: string; changed: boolean }>(
			`with before as (select status from public.concerns where id = $1 and program_id = $2)
			 update public.concerns c set status = $3
			 from before
			 where c.id = $1 and c.program_id = $2 and public.is_program_coordinator(c.program_id)
			 returning c.raised_by as "raisedBy", before.status is distinct from $3 as changed`,
			[concernId, programId, status]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		if (rows[0].changed)
			await tx.query('select public.record_audit_event($1, $2, $3, $4, $5)', [
				'concern.status',
				'concern',
				concernId,
				programId,
				{ status }
			]);
		return rows[0];
	});
	if (!changed.changed) return;
	await notify(db, {
		kind: 'concern_status',
		recipients: [changed.raisedBy],
		actorId: claims.sub,
		programId,
		link: `/programs/${programId}/concerns`,
		params: { status }
	});
}

/**
 * The concerns of a programme I may read: a coordinator reads all of them, anyone else their
 * own (row-level security decides). Open and urgent first.
 */
export async function listConcerns(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<Concern[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<
			Omit<Concern, 'createdAt' | 'statusChangedAt'> & {
				createdAt: Date;
				statusChangedAt: Date | null;
			}
		>(
			`select c.id, c.pair_id as "pairId", coalesce(p.pseudonym, '') as pseudonym,
				c.raised_by as "raisedBy", coalesce(pr.display_name, '') as "raiserName",
				c.raiser_role as "raiserRole", c.reason, c.urgency, c.status,
				c.created_at as "createdAt", c.status_changed_at as "statusChangedAt"
			 from public.concerns c
			 left join public.pairs p on p.id = c.pair_id
			 left join public.profiles pr on pr.id = c.raised_by
			 where c.program_id = $1
			 order by c.status = 'closed', c.urgency = 'urgent' desc, c.created_at desc
			 limit 200`,
			[programId]
		)
	);
	return rows.map((row) => ({
		...row,
		createdAt: new Date(row.createdAt).toISOString(),
		statusChangedAt: row.statusChangedAt ? new Date(row.statusChangedAt).toISOString() : null
	}));
}
