import { allowedPathActions, type PairStatusValue } from '../path';
import type { PathPhase } from '../phases';
import { can } from './index';
import { pairRole, pairWritable, type PairRef } from './pairs';
import type { Actor } from './types';

/** What the reader may do on the path now (propose, answer, pause, end, …). */
export type PathPermissions = ReturnType<typeof allowedPathActions>;

/** What the pair page may offer a person, computed once on the server from the policy. */
export interface PairPagePermissions {
	/** The workspace only shows what it holds: the pair is neither running nor winding down. */
	readonly readOnly: boolean;
	/** Plan and mark meetings, set the call link, ask for a sheet and mark one's own as done. */
	readonly plan: boolean;
	/** Start a lesson observation or a co-prepared lesson (a new sheet of the pair). */
	readonly addLesson: boolean;
	/** Take a worry to the coordinator: only from a pair that runs (the database refuses others). */
	readonly raiseConcern: boolean;
	/** The path's actions; all off for anyone outside the pair. */
	readonly path: PathPermissions;
	/** The path is in its last phase and running: nothing left to propose. */
	readonly lastPhase: boolean;
}

/** The path as the page read it: the facts its actions depend on. */
export interface PathState {
	readonly status: PairStatusValue;
	readonly phase: PathPhase;
	readonly proposal: { readonly mine: boolean } | null;
	readonly pausedByMe: boolean;
	/** The closing conversation has content. */
	readonly closingStarted: boolean;
}

const RUNNING: readonly PairStatusValue[] = ['active', 'paused', 'exit_requested'];

const NO_PATH_ACTIONS: PathPermissions = {
	propose: null,
	answer: false,
	withdraw: false,
	pause: false,
	resume: false,
	end: false,
	endNeedsClosing: false
};

/** The pair page's permissions for `actor`, so neither the page nor its cards re-derive a rule. */
export function pairPagePermissions(
	actor: Actor,
	pair: PairRef,
	path: PathState
): PairPagePermissions {
	const role = pairRole(actor, pair);
	return {
		readOnly: !pairWritable(pair),
		plan: can(actor, 'plan_meetings', { type: 'pair', pair }),
		addLesson: can(actor, 'edit', { type: 'sheet', pair, templateKey: 'lesson-observation' }),
		raiseConcern: role !== null && RUNNING.includes(pair.status),
		path: role
			? allowedPathActions({
					role,
					status: path.status,
					phase: path.phase,
					proposal: path.proposal ? { mine: path.proposal.mine } : null,
					pausedByMe: path.pausedByMe,
					closingStarted: path.closingStarted
				})
			: NO_PATH_ACTIONS,
		lastPhase: path.phase === 'MO' && path.status === 'active'
	};
}

/** What the reader may do with one assignment ("prepare this sheet before …"). */
export interface AssignmentPermissions {
	/** The assignee marks it done, or reopens it. */
	readonly markDone: boolean;
	/** Whoever asked for it takes it back while it is not done. */
	readonly withdraw: boolean;
}

export function assignmentPermissions(
	page: Pick<PairPagePermissions, 'plan'>,
	userId: string | null,
	assignment: { readonly assigneeId: string; readonly createdBy: string; readonly doneAt: unknown }
): AssignmentPermissions {
	return {
		markDone: page.plan && userId !== null && assignment.assigneeId === userId,
		withdraw: page.plan && userId !== null && assignment.createdBy === userId && !assignment.doneAt
	};
}
