import { z } from 'zod';
import { plainText } from '$lib/domain/input';
import type { PairRef } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { setPairStatus } from '$lib/server/pairs/commands';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '$lib/server/context';

export const exitRequestInput = z.object({
	reason: plainText().trim().min(1, 'required').max(4000, 'too_long'),
	consentsTransfer: z.boolean()
});

/** Either person asks to end the pair; only the coordinator and the supporter read the reason. */
export async function requestExit(
	ctx: CommandContext,
	pair: PairRef,
	role: 'mentor' | 'mentee',
	input: z.infer<typeof exitRequestInput>
): Promise<string> {
	const { db, claims } = ctx;
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into public.exit_requests (pair_id, requested_by, requester_role, reason, mentee_consents_transfer)
			 values ($1, $2, $3, $4, $5) returning id`,
			[pair.id, claims.sub, role, input.reason, role === 'mentee' ? input.consentsTransfer : null]
		);
		// The audit trail records that a request exists, not its reason.
		await audit(tx, 'exit.request', 'exit_request', rows[0].id, pair.programId, { role });
		return rows[0].id;
	});
}

export interface ExitRequestView {
	id: string;
	pairId: string;
	pseudonym: string;
	pairStatus: string;
	mentorName: string;
	menteeName: string;
	requesterRole: 'mentor' | 'mentee';
	reason: string;
	status: 'open' | 'handled';
	outcome: 'paused' | 'ended' | 'kept' | null;
	menteeConsentsTransfer: boolean | null;
	createdAt: Date;
}

/** Exit requests of a programme, as RLS lets the reader see them (coordinator, supporter). */
export async function listExitRequests(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<ExitRequestView[]> {
	return db.asUser(claims, (tx) =>
		tx.query<ExitRequestView>(
			`select e.id, e.pair_id as "pairId", p.pseudonym, p.status as "pairStatus",
				coalesce(mentor.display_name, '—') as "mentorName", coalesce(mentee.display_name, '—') as "menteeName",
				e.requester_role as "requesterRole", e.reason, e.status, e.outcome,
				e.mentee_consents_transfer as "menteeConsentsTransfer", e.created_at as "createdAt"
			 from public.exit_requests e
			 join public.pairs p on p.id = e.pair_id
			 left join public.profiles mentor on mentor.id = p.mentor_id
			 left join public.profiles mentee on mentee.id = p.mentee_id
			 where p.program_id = $1
			 order by e.status, e.created_at desc`,
			[programId]
		)
	);
}

/** The coordinator decides: pause or end the pair, or keep it going. */
export async function handleExit(
	ctx: CommandContext,
	programId: string,
	requestId: string,
	outcome: 'paused' | 'ended' | 'kept'
): Promise<string> {
	const { db, claims } = ctx;
	const pairId = await db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ pair_id: string }>(
			`update public.exit_requests e set status = 'handled', outcome = $3, handled_at = now(), handled_by = $4
			 from public.pairs p
			 where e.id = $1 and p.id = e.pair_id and p.program_id = $2 and e.status = 'open'
			 returning e.pair_id`,
			[requestId, programId, outcome, claims.sub]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'exit.handle', 'exit_request', requestId, programId, { outcome });
		return rows[0].pair_id;
	});
	if (outcome !== 'kept') await setPairStatus(db, claims, pairId, outcome);
	return pairId;
}
