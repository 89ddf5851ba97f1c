/**
 * Live intervision rounds: one open round per group, its roles (case owner, chair, timekeeper),
 * the current step of the method and the step's timer. The server's clock stamps every change
 * (`now()` in SQL), so each participant computes the same remaining time; pages learn of a change
 * over the live stream and read the state again.
 */
import { randomUUID } from 'node:crypto';
import {
	EXTEND_SECONDS,
	MAX_STEP_SECONDS,
	METHODS,
	type IntervisionMethod
} from '$lib/domain/groups/intervision';
import type { Database, JwtClaims } from '$lib/server/db/types';
import type { LiveHub } from '$lib/server/live/hub';
import { DomainError } from '$lib/server/errors';
import { publishToGroup } from './live';
import type { CommandContext } from '$lib/server/context';

export interface RoundState {
	id: string;
	method: IntervisionMethod;
	step: number;
	caseOwnerId: string;
	chairId: string;
	timekeeperId: string | null;
	/** Epoch milliseconds on the server's clock. */
	stepStartedAt: number;
	stepSeconds: number;
	pausedRemaining: number | null;
	/** The server's clock when this was read, so a page can correct its own. */
	serverNow: number;
}

export const ROUND_CONTROLS = ['next', 'previous', 'pause', 'resume', 'extend', 'end'] as const;
export type RoundControl = (typeof ROUND_CONTROLS)[number];

const stepSeconds = (method: IntervisionMethod, step: number) =>
	(METHODS[method].steps[step]?.minutes ?? 0) * 60;

/** The group's open round, or null; read as the person (the group's members only). */
export async function loadOpenRound(
	db: Database,
	claims: JwtClaims,
	groupId: string
): Promise<RoundState | null> {
	return db.asUser(claims, async (tx) => {
		const rows = await tx.query<{
			id: string;
			method: IntervisionMethod;
			step: number;
			case_owner_id: string;
			chair_id: string;
			timekeeper_id: string | null;
			started_ms: string;
			step_seconds: number;
			paused_remaining: number | null;
			now_ms: string;
		}>(
			`select id, method, step, case_owner_id, chair_id, timekeeper_id,
				floor(extract(epoch from step_started_at) * 1000)::bigint::text as started_ms,
				step_seconds, paused_remaining,
				floor(extract(epoch from clock_timestamp()) * 1000)::bigint::text as now_ms
			 from public.intervision_rounds where group_id = $1 and ended_at is null`,
			[groupId]
		);
		const r = rows[0];
		if (!r) return null;
		return {
			id: r.id,
			method: r.method,
			step: r.step,
			caseOwnerId: r.case_owner_id,
			chairId: r.chair_id,
			timekeeperId: r.timekeeper_id,
			stepStartedAt: Number(r.started_ms),
			stepSeconds: r.step_seconds,
			pausedRemaining: r.paused_remaining,
			serverNow: Number(r.now_ms)
		};
	});
}

/** Starts a round with its roles; one open round per group (409 while another runs). */
export async function startRound(
	db: Database,
	claims: JwtClaims,
	groupId: string,
	input: {
		method: IntervisionMethod;
		caseOwnerId: string;
		chairId: string;
		timekeeperId: string | null;
	}
): Promise<string> {
	const id = randomUUID();
	await db.asUser(claims, async (tx) => {
		const members = await tx.query<{ user_id: string }>(
			'select user_id from public.group_members where group_id = $1',
			[groupId]
		);
		const inGroup = new Set(members.map((row) => row.user_id));
		if (!inGroup.has(claims.sub)) throw new DomainError('not_found', 'not_found');
		for (const person of [input.caseOwnerId, input.chairId, input.timekeeperId]) {
			if (person !== null && !inGroup.has(person))
				throw new DomainError('invalid', 'lg_not_in_group');
		}
		const open = await tx.query(
			'select 1 from public.intervision_rounds where group_id = $1 and ended_at is null',
			[groupId]
		);
		if (open.length) throw new DomainError('conflict', 'lg_round_open');
		await tx.query(
			`insert into public.intervision_rounds
				(id, group_id, method, case_owner_id, chair_id, timekeeper_id, step_seconds, started_by)
			 values ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[
				id,
				groupId,
				input.method,
				input.caseOwnerId,
				input.chairId,
				input.timekeeperId,
				stepSeconds(input.method, 0),
				claims.sub
			]
		);
	});
	return id;
}

/**
 * The chair moves the round on (next or previous step, end); the chair or the timekeeper pauses,
 * resumes or extends the step's time. Anyone else gets a 403.
 */
export async function controlRound(
	ctx: CommandContext,
	groupId: string,
	roundId: string,
	control: RoundControl
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query<{
			method: IntervisionMethod;
			step: number;
			chair_id: string;
			timekeeper_id: string | null;
			paused_remaining: number | null;
		}>(
			`select method, step, chair_id, timekeeper_id, paused_remaining
			 from public.intervision_rounds where id = $1 and group_id = $2 and ended_at is null`,
			[roundId, groupId]
		);
		const round = rows[0];
		if (!round) throw new DomainError('not_found', 'lg_round_gone');
		const chair = round.chair_id === claims.sub;
		const clock = chair || round.timekeeper_id === claims.sub;
		const steps = METHODS[round.method].steps.length;
		const where = ' where id = $1';
		switch (control) {
			case 'next':
			case 'previous': {
				if (!chair) throw new DomainError('forbidden', 'lg_chair_only');
				const step = round.step + (control === 'next' ? 1 : -1);
				if (step < 0 || step >= steps) throw new DomainError('invalid', 'lg_no_such_step');
				await tx.query(
					`update public.intervision_rounds set step = $2, step_started_at = now(), step_seconds = $3,
						paused_remaining = null, updated_at = now()${where}`,
					[roundId, step, stepSeconds(round.method, step)]
				);
				break;
			}
			case 'end':
				if (!chair) throw new DomainError('forbidden', 'lg_chair_only');
				await tx.query(
					`update public.intervision_rounds set ended_at = now(), updated_at = now()${where}`,
					[roundId]
				);
				break;
			case 'pause':
				if (!clock) throw new DomainError('forbidden', 'lg_chair_only');
				await tx.query(
					`update public.intervision_rounds
					 set paused_remaining = greatest(0, least($2, step_seconds
							- floor(extract(epoch from now() - step_started_at))::integer)),
						updated_at = now()${where} and paused_remaining is null`,
					[roundId, MAX_STEP_SECONDS]
				);
				break;
			case 'resume':
				if (!clock) throw new DomainError('forbidden', 'lg_chair_only');
				await tx.query(
					`update public.intervision_rounds
					 set step_started_at = now(), step_seconds = paused_remaining, paused_remaining = null,
						updated_at = now()${where} and paused_remaining is not null`,
					[roundId]
				);
				break;
			case 'extend':
				if (!clock) throw new DomainError('forbidden', 'lg_chair_only');
				await tx.query(
					`update public.intervision_rounds
					 set step_seconds = case when paused_remaining is null
							then least($2, step_seconds + $3) else step_seconds end,
						paused_remaining = case when paused_remaining is null
							then null else least($2, paused_remaining + $3) end,
						updated_at = now()${where}`,
					[roundId, MAX_STEP_SECONDS, EXTEND_SECONDS]
				);
				break;
		}
	});
}

/** Tells the group's open pages that the round changed. */
export async function roundChanged(
	deps: { db: Database; live: LiveHub },
	groupId: string
): Promise<void> {
	await publishToGroup(deps, groupId, 'intervision');
}
