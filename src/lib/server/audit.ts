/**
 * The audit trail (public.audit_events): who did what to which entity, in which programme. Every
 * module that changes something a coordinator or the person concerned may later ask about records
 * it here, in the same transaction as the change.
 */
import type { AuditAction } from '$lib/domain/audit-actions';
import type { Tx } from '$lib/server/db/types';

/** Records an audit event as the person in the transaction (the actor cannot be forged). */
export async function audit(
	tx: Tx,
	action: AuditAction,
	entityType: string,
	entityId: string | null,
	programId: string | null,
	details: Record<string, unknown> = {}
): Promise<void> {
	await tx.query('select public.record_audit_event($1, $2, $3, $4, $5)', [
		action,
		entityType,
		entityId,
		programId,
		details
	]);
}

/**
 * Records an audit event from server-internal work (the service role has no `auth.uid()`): the
 * actor is the person the server acted for, or null for the server itself.
 */
export async function auditAsService(
	tx: Tx,
	actorId: string | null,
	action: AuditAction,
	entityType: string,
	entityId: string,
	programId: string,
	details: Record<string, unknown> = {}
): Promise<void> {
	await tx.query(
		`insert into public.audit_events (organisation_id, program_id, actor_id, action, entity_type, entity_id, details)
		 values (private.program_organisation($1), $1, $2, $3, $4, $5, $6)`,
		[programId, actorId, action, entityType, entityId, details]
	);
}
