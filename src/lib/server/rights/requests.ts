/**
 * Erasure requests: the person asks; where nothing must be kept (no pair, no group) the erasure
 * is automatic, otherwise the coordinator of the programme decides (confirm or refuse, with a
 * note), within the programme's rules. A confirmed request is carried out by a job.
 */
import { m } from '$lib/paraglide/messages.js';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { enqueue } from '$lib/server/jobs/queue';
import type { Mailer } from '$lib/server/mail/mailer';
import { audit } from '$lib/server/audit';
import type { CommandContext } from '$lib/server/context';

export const ERASE_JOB = 'rights.erase';

export class RightsError extends Error {
	constructor(
		readonly code: 'already_requested' | 'not_found' | 'not_allowed',
		readonly status: 400 | 403 | 404 | 409
	) {
		super(code);
	}
}

export interface ErasureRequestResult {
	id: string;
	automatic: boolean;
}

/**
 * Asks for erasure. Automatic (confirmed at once, carried out by the job) when the person shares
 * nothing with anyone: no pair (in any role or state), no learning-community group, no staff role
 * in a programme. Otherwise the request goes to the coordinators of the programme of the person's
 * most recent pair, group or staff membership.
 */
export async function requestErasure(
	db: Database,
	claims: JwtClaims,
	reason: string,
	options: { mailer?: Mailer; origin?: string } = {}
): Promise<ErasureRequestResult> {
	const userId = claims.sub;
	const [open] = await db.asUser(claims, (tx) =>
		tx.query<{ id: string }>(
			"select id from public.erasure_requests where user_id = $1 and status in ('requested', 'confirmed')",
			[userId]
		)
	);
	if (open) throw new RightsError('already_requested', 409);
	const [shared] = await db.asService((tx) =>
		tx.query<{ program_id: string }>(
			`select program_id from (
				select program_id, created_at from public.pairs where $1 in (mentor_id, mentee_id, supporter_id)
				union all select g.program_id, gm.created_at from public.group_members gm
				join public.groups g on g.id = gm.group_id where gm.user_id = $1
				-- Staff of a running programme: its coordinators decide (the programme keeps its trail).
				union all select program_id, created_at from public.memberships
				where user_id = $1 and role in ('coordinator', 'supporter') and status = 'active'
			 ) s order by created_at desc limit 1`,
			[userId]
		)
	);
	if (!shared) {
		const id = await db.asService(async (tx) => {
			const [row] = await tx.query<{ id: string }>(
				`insert into public.erasure_requests (user_id, program_id, status, reason, decided_at)
				 values ($1, null, 'confirmed', $2, now()) returning id`,
				[userId, reason]
			);
			await enqueue(tx, {
				kind: ERASE_JOB,
				key: `${ERASE_JOB}:${row.id}`,
				payload: { requestId: row.id }
			});
			return row.id;
		});
		return { id, automatic: true };
	}
	const id = await db.asUser(claims, async (tx) => {
		const [row] = await tx.query<{ id: string }>(
			'insert into public.erasure_requests (user_id, program_id, reason) values ($1, $2, $3) returning id',
			[userId, shared.program_id, reason]
		);
		await audit(tx, 'erasure.request', 'erasure_request', row.id, shared.program_id);
		return row.id;
	});
	if (options.mailer)
		await mailCoordinators(db, options.mailer, shared.program_id, id, options.origin);
	return { id, automatic: false };
}

async function mailCoordinators(
	db: Database,
	mailer: Mailer,
	programId: string,
	requestId: string,
	origin = ''
) {
	const people = await db.asService((tx) =>
		tx.query<{ id: string; email: string; display_name: string; locale: string; program: string }>(
			`select pr.id, pr.email, pr.display_name, pr.locale, pg.name as program
			 from public.memberships ms join public.profiles pr on pr.id = ms.user_id
			 join public.programs pg on pg.id = ms.program_id
			 where ms.program_id = $1 and ms.role = 'coordinator' and ms.status = 'active'`,
			[programId]
		)
	);
	for (const person of people) {
		const locale = person.locale === 'en' ? 'en' : 'nl';
		await mailer.send({
			to: person.email,
			kind: 'erasure_request',
			key: `erasure-request:${requestId}:${person.id}`,
			subject: m.rights_erasure_mail_subject({ program: person.program }, { locale }),
			text: [
				m.mail_greeting({ name: person.display_name }, { locale }),
				'',
				m.rights_erasure_mail_body({ program: person.program }, { locale }),
				'',
				`${origin}/programs/${programId}/audit`
			].join('\n')
		});
	}
}

/** Withdraws the person's own open request (not yet decided). */
export async function withdrawErasure(db: Database, claims: JwtClaims): Promise<boolean> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query(
			"delete from public.erasure_requests where user_id = $1 and status = 'requested' returning id",
			[claims.sub]
		)
	);
	return rows.length > 0;
}

/** The coordinator's decision; a confirmation enqueues the erasure. */
export async function decideErasure(
	ctx: CommandContext,
	programId: string,
	requestId: string,
	decision: 'confirmed' | 'refused',
	note: string
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`update public.erasure_requests set status = $3, decision_note = $4, decided_by = $5,
				decided_at = now()
			 where id = $1 and program_id = $2 and status = 'requested' returning id`,
			[requestId, programId, decision, note, claims.sub]
		);
		if (rows.length === 0) throw new RightsError('not_found', 404);
		await audit(
			tx,
			decision === 'confirmed' ? 'erasure.confirm' : 'erasure.refuse',
			'erasure_request',
			requestId,
			programId
		);
	});
	if (decision === 'confirmed') {
		await db.asService((tx) =>
			enqueue(tx, {
				kind: ERASE_JOB,
				key: `${ERASE_JOB}:${requestId}`,
				programId,
				payload: { requestId }
			})
		);
	}
}
