import type { Actor } from './types';

export const PAIR_STATUSES = ['proposed', 'active', 'paused', 'exit_requested', 'ended'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

/** What the policy needs to know about a pair. */
export interface PairRef {
	id: string;
	programId: string;
	mentorId: string;
	menteeId: string;
	supporterId: string | null;
	status: PairStatus;
	/**
	 * Who evaluates the pair's mentee in its programme (the school leader's dual role): never a
	 * reader of the pair, whatever other role they hold. Loaded with the pair (loadPairRef).
	 */
	evaluatorIds?: readonly string[];
}

/** Statuses in which the pair may still change its workspace; otherwise it is read-only. */
export const WRITABLE_PAIR_STATUSES: readonly PairStatus[] = ['active', 'exit_requested'];

const memberAs = (a: Actor, p: PairRef, role: string) =>
	Object.hasOwn(a.programRoles, p.programId) && a.programRoles[p.programId] === role;

/** Whether the actor evaluates the pair's mentee: then they read nothing of the pair. */
export const evaluatesPair = (a: Actor, p: PairRef) =>
	!!a.userId && (p.evaluatorIds ?? []).includes(a.userId);

/** The pair's mentor or mentee, still in the programme with that role (never its evaluator). */
export const isPartner = (a: Actor, p: PairRef) =>
	!evaluatesPair(a, p) &&
	((a.userId === p.mentorId && memberAs(a, p, 'mentor')) ||
		(a.userId === p.menteeId && memberAs(a, p, 'mentee')));
export const coordinatesPair = (a: Actor, p: PairRef) =>
	!evaluatesPair(a, p) && memberAs(a, p, 'coordinator');
export const supportsPair = (a: Actor, p: PairRef) =>
	!evaluatesPair(a, p) && p.supporterId === a.userId && memberAs(a, p, 'supporter');
export const pairWritable = (p: PairRef) => WRITABLE_PAIR_STATUSES.includes(p.status);

/** The actor's place in the pair. */
export function pairRole(actor: Actor, pair: PairRef): 'mentor' | 'mentee' | null {
	if (!isPartner(actor, pair)) return null;
	return actor.userId === pair.mentorId ? 'mentor' : 'mentee';
}
