/**
 * The path of a pair: its phase history, the open phase proposal, and the commands that move it
 * (a person proposes, the other confirms or declines, the coordinator sets) or change its status
 * (the mentor pauses and resumes, a person ends it in MO, the coordinator sets any). Every write
 * runs as the person through the database's functions, which check the caller themselves; the
 * history is written by the database (trigger on `pairs`), never by this code.
 */
import type { PathPhase } from '$lib/domain/phases';
import type { PairStatusValue } from '$lib/domain/path';
import type { PairRef } from '$lib/domain/policy';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import { setPairStatus } from '$lib/server/pairs/commands';
import { displayName, notify, notifyPair, pairPeople } from '$lib/server/notifications/notify';
import { notifyPairStatus } from '$lib/server/notifications/events';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import { CLOSING_SHEET_KEY } from '$lib/domain/templates/keys';
import type { CommandContext } from '$lib/server/context';

export interface PathEvent {
	kind: 'phase' | 'status';
	from: string | null;
	to: string;
	/** Who changed it, as the reader may know: 'mentor', 'mentee', 'coordinator' or null. */
	byRole: 'mentor' | 'mentee' | 'coordinator' | null;
	at: Date;
}

export interface PhaseProposal {
	id: string;
	fromPhase: PathPhase;
	toPhase: PathPhase;
	proposerRole: 'mentor' | 'mentee';
	mine: boolean;
	createdAt: Date;
}

export interface PathView {
	phase: PathPhase;
	status: PairStatusValue;
	history: PathEvent[];
	proposal: PhaseProposal | null;
	/** The last pause was made by the reader. */
	pausedByMe: boolean;
	/** Who made the last pause, while the pair is paused. */
	pausedBy: 'mentor' | 'mentee' | 'coordinator' | null;
	closing: { filled: number; total: number } | null;
}

/** The database's refusals carry a `path_…` key; anything else is not ours to translate. */
function refusal(error: unknown): never {
	const message = error instanceof Error ? error.message : '';
	const key = /^(path_[a-z_]+)$/.exec(message)?.[1];
	if (!key) throw error;
	throw new DomainError(key === 'path_not_allowed' ? 'forbidden' : 'conflict', key);
}

async function asPerson<T>(db: Database, claims: JwtClaims, work: (tx: Tx) => Promise<T>) {
	try {
		return await db.asUser(claims, work);
	} catch (error) {
		refusal(error);
	}
}

/** The path as the reader (a pair member or the coordinator) may see it. */
export async function getPath(
	db: Database,
	claims: JwtClaims,
	pairId: string
): Promise<PathView | null> {
	return db.asUser(claims, async (tx) => {
		const pairs = await tx.query<{
			phase: PathPhase;
			status: PairStatusValue;
			mentor_id: string;
			mentee_id: string;
		}>('select phase, status, mentor_id, mentee_id from public.pairs where id = $1', [pairId]);
		const pair = pairs[0];
		if (!pair) return null;
		const rows = await tx.query<{
			kind: 'phase' | 'status';
			from_value: string | null;
			to_value: string;
			changed_by: string | null;
			changed_at: Date;
		}>(
			`select kind, from_value, to_value, changed_by, changed_at from public.pair_path_history
			 where pair_id = $1 order by changed_at, id`,
			[pairId]
		);
		const roleOf = (id: string | null) =>
			id === null
				? null
				: id === pair.mentor_id
					? 'mentor'
					: id === pair.mentee_id
						? 'mentee'
						: 'coordinator';
		const proposals = await tx.query<{
			id: string;
			from_phase: PathPhase;
			to_phase: PathPhase;
			proposer_role: 'mentor' | 'mentee';
			proposed_by: string;
			created_at: Date;
		}>(
			`select id, from_phase, to_phase, proposer_role, proposed_by, created_at
			 from public.phase_proposals where pair_id = $1 and status = 'open'`,
			[pairId]
		);
		const closing = await tx.query<{ filled: number; total: number }>(
			'select filled, total from public.sheet_progress where pair_id = $1 and template_key = $2',
			[pairId, CLOSING_SHEET_KEY]
		);
		const lastPause = rows.filter((r) => r.kind === 'status' && r.to_value === 'paused').at(-1);
		const open = proposals[0];
		return {
			phase: pair.phase,
			status: pair.status,
			history: rows
				// The creation rows are the start, not a change.
				.filter((r) => r.from_value !== null)
				.map((r) => ({
					kind: r.kind,
					from: r.from_value,
					to: r.to_value,
					byRole: roleOf(r.changed_by),
					at: r.changed_at
				})),
			proposal: open
				? {
						id: open.id,
						fromPhase: open.from_phase,
						toPhase: open.to_phase,
						proposerRole: open.proposer_role,
						mine: open.proposed_by === claims.sub,
						createdAt: open.created_at
					}
				: null,
			pausedByMe: pair.status === 'paused' && lastPause?.changed_by === claims.sub,
			pausedBy: pair.status === 'paused' && lastPause ? roleOf(lastPause.changed_by) : null,
			closing: closing[0] ?? null
		};
	});
}

function phaseNotice(
	db: Database,
	pair: PairRef,
	actorId: string,
	event: 'phase_proposed' | 'phase_confirmed' | 'phase_declined',
	phase: PathPhase
): Promise<void> {
	return displayName(db, actorId)
		.then((name) =>
			notifyPair(db, {
				kind: 'pair_status',
				pairId: pair.id,
				actorId,
				link: `/pairs/${pair.id}`,
				params: { name, status: event, phase }
			})
		)
		.then(
			() => undefined,
			() => undefined
		);
}

/** A person of the pair proposes the next phase; the other is told and asked to confirm. */
export async function proposePhase(
	db: Database,
	claims: JwtClaims,
	pair: PairRef,
	phase: PathPhase
): Promise<string> {
	const id = await asPerson(db, claims, async (tx) => {
		const rows = await tx.query<{ id: string }>('select public.propose_phase($1, $2) as id', [
			pair.id,
			phase
		]);
		await audit(tx, 'path.propose', 'pair', pair.id, pair.programId, { phase });
		return rows[0].id;
	});
	await phaseNotice(db, pair, claims.sub, 'phase_proposed', phase);
	return id;
}

/** The other person confirms (the pair moves) or declines the open proposal. */
export async function answerPhaseProposal(
	ctx: CommandContext,
	pair: PairRef,
	proposalId: string,
	confirm: boolean
): Promise<PathPhase> {
	const { db, claims } = ctx;
	const phase = await asPerson(db, claims, async (tx) => {
		const belongs = await tx.query<{ id: string }>(
			'select id from public.phase_proposals where id = $1 and pair_id = $2',
			[proposalId, pair.id]
		);
		if (!belongs[0]) throw new DomainError('not_found', 'not_found');
		const rows = await tx.query<{ phase: PathPhase }>(
			'select public.answer_phase_proposal($1, $2) as phase',
			[proposalId, confirm]
		);
		await audit(tx, confirm ? 'path.confirm' : 'path.decline', 'pair', pair.id, pair.programId, {
			phase: rows[0].phase
		});
		return rows[0].phase;
	});
	await phaseNotice(db, pair, claims.sub, confirm ? 'phase_confirmed' : 'phase_declined', phase);
	return phase;
}

/** The proposer takes the open proposal back. */
export async function withdrawPhaseProposal(
	db: Database,
	claims: JwtClaims,
	pair: PairRef,
	proposalId: string
): Promise<void> {
	await asPerson(db, claims, async (tx) => {
		const belongs = await tx.query<{ id: string }>(
			'select id from public.phase_proposals where id = $1 and pair_id = $2',
			[proposalId, pair.id]
		);
		if (!belongs[0]) throw new DomainError('not_found', 'not_found');
		await tx.query('select public.withdraw_phase_proposal($1)', [proposalId]);
	});
}

/**
 * The mentor pauses or resumes, a person of the pair ends it in MO once the closing conversation
 * has content. The other person is told; the caller re-checks the pair's open sockets.
 */
export async function setStatusAsMember(
	db: Database,
	claims: JwtClaims,
	pair: PairRef,
	status: 'active' | 'paused' | 'ended'
): Promise<void> {
	await asPerson(db, claims, async (tx) => {
		await tx.query('select public.set_pair_status_as_member($1, $2)', [pair.id, status]);
		await audit(tx, `pair.${status}`, 'pair', pair.id, pair.programId, { by: 'pair' });
	});
	await notifyPairStatus(db, { pairId: pair.id, actorId: claims.sub, status });
}

/** The coordinator sets the phase directly (history and notifications as for a confirmed move). */
export async function setPhaseAsCoordinator(
	ctx: CommandContext,
	programId: string,
	pairId: string,
	phase: PathPhase
): Promise<void> {
	const { db, claims } = ctx;
	const changed = await db.asUser(claims, async (tx) => {
		const rows = await tx.query<{ before: string }>(
			`update public.pairs p set phase = $3, updated_at = now()
			 from (select id, phase as before from public.pairs where id = $1 and program_id = $2) old
			 where p.id = old.id returning old.before`,
			[pairId, programId, phase]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		if (rows[0].before !== phase) await audit(tx, 'path.set', 'pair', pairId, programId, { phase });
		return rows[0].before !== phase;
	});
	if (!changed) return;
	const people = await pairPeople(db, pairId);
	if (!people) return;
	const name = await displayName(db, claims.sub);
	await notify(db, {
		kind: 'pair_status',
		recipients: [people.mentorId, people.menteeId],
		actorId: claims.sub,
		programId,
		pairId,
		link: `/pairs/${pairId}`,
		params: { name, status: 'phase_set', phase }
	}).catch(() => undefined);
}

/** The coordinator pauses, resumes or ends a pair of their programme. */
export async function setStatusAsCoordinator(
	ctx: CommandContext,
	programId: string,
	pairId: string,
	status: 'active' | 'paused' | 'ended'
): Promise<void> {
	const { db, claims } = ctx;
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{ status: string }>(
			'select status from public.pairs where id = $1 and program_id = $2',
			[pairId, programId]
		)
	);
	if (!rows[0]) throw new DomainError('not_found', 'not_found');
	if (rows[0].status === 'ended') throw new DomainError('conflict', 'path_ended');
	if (rows[0].status === status) return;
	await setPairStatus(db, claims, pairId, status);
}

export interface PhaseDaysRow {
	phase: PathPhase;
	pairs: number | null;
	medianDays: number | null;
	suppressed: boolean;
}

/**
 * Monitoring: the median days the programme's pairs spent per phase, from the history; a phase
 * with fewer pairs than the minimum group size comes back suppressed. Coordinators only (the SQL
 * function returns nothing to anyone else); read as part of the monitoring page, which is audited.
 */
export async function phaseDays(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<PhaseDaysRow[]> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{
			phase: PathPhase;
			pairs: number | null;
			median_days: string | number | null;
			suppressed: boolean;
		}>('select phase, pairs, median_days, suppressed from public.monitoring_phase_days($1)', [
			programId
		])
	);
	return rows.map((r) => ({
		phase: r.phase,
		pairs: r.pairs,
		medianDays: r.median_days === null ? null : Number(r.median_days),
		suppressed: r.suppressed
	}));
}
