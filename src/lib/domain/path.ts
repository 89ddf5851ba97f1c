/**
 * The rules of the path: which phase comes next, which of a phase's sheets are done (shown as
 * guidance when someone proposes the next phase, never enforced), and who may change the pair's
 * status. The database enforces the same rules in its functions (migration `pair_path`); this
 * module decides what the page offers.
 */
import { PATH_PHASES, type PathPhase } from './phases';

export type PairStatusValue = 'proposed' | 'active' | 'paused' | 'exit_requested' | 'ended';

/** The phase after `phase`, or null in the last one. */
export function nextPhase(phase: PathPhase): PathPhase | null {
	const index = PATH_PHASES.indexOf(phase);
	return index >= 0 && index < PATH_PHASES.length - 1 ? PATH_PHASES[index + 1] : null;
}

/** A sheet counts as done when every field has content (or the pair marked it completed). */
export interface SheetState {
	key: string;
	filled: number;
	total: number;
	completed?: boolean;
}

export const sheetDone = (sheet: SheetState): boolean =>
	sheet.completed === true || (sheet.total > 0 && sheet.filled >= sheet.total);

/** How far the sheets of a phase are: done, started, and how many there are. */
export function phaseReadiness(sheets: readonly SheetState[]): {
	done: number;
	started: number;
	total: number;
} {
	return {
		done: sheets.filter(sheetDone).length,
		started: sheets.filter((s) => !sheetDone(s) && s.filled > 0).length,
		total: sheets.length
	};
}

export interface PathFacts {
	role: 'mentor' | 'mentee';
	status: PairStatusValue;
	phase: PathPhase;
	/** An open proposal, if any, and whether the reader made it. */
	proposal: { mine: boolean } | null;
	/** The last pause was the reader's own (a pause by the coordinator is theirs to lift). */
	pausedByMe: boolean;
	/** The closing conversation has content. */
	closingStarted: boolean;
}

/** What the reader may do on the path now; the page shows exactly these. */
export function allowedPathActions(f: PathFacts): {
	propose: PathPhase | null;
	answer: boolean;
	withdraw: boolean;
	pause: boolean;
	resume: boolean;
	end: boolean;
	/** Ending is possible once the closing conversation is started: the page links to it first. */
	endNeedsClosing: boolean;
} {
	const active = f.status === 'active';
	const next = nextPhase(f.phase);
	const inMo = f.phase === 'MO';
	return {
		propose: active && !f.proposal && next ? next : null,
		answer: active && !!f.proposal && !f.proposal.mine,
		withdraw: !!f.proposal && f.proposal.mine && f.status !== 'ended',
		pause: active && f.role === 'mentor',
		resume: f.status === 'paused' && f.role === 'mentor' && f.pausedByMe,
		end: active && inMo && f.closingStarted,
		endNeedsClosing: active && inMo && !f.closingStarted
	};
}

/** The statuses a coordinator sets from the pair's path page. */
export const COORDINATOR_STATUSES = ['active', 'paused', 'ended'] as const;
