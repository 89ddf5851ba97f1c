import type { Exclusion, PairRef } from './types';

/** The coordinator's hand on a proposal: keep it, undo that, put in another mentor, rule out. */
export type SetupChange =
	| { readonly kind: 'lock'; readonly pair: PairRef }
	| { readonly kind: 'unlock'; readonly pair: PairRef }
	| { readonly kind: 'swap'; readonly pair: PairRef }
	| { readonly kind: 'exclude'; readonly pair: PairRef };

export interface PairingSetup {
	readonly exclusions: readonly Exclusion[];
	readonly locked: readonly PairRef[];
}

const same = (a: PairRef, b: PairRef) => a.menteeId === b.menteeId && a.mentorId === b.mentorId;

/**
 * The set-up after one change. A mentee has at most one locked mentor: locking (or swapping,
 * which is a lock on a mentor the engine did not propose) replaces theirs; unlocking removes it.
 * Excluding a pair rules it out and drops it from the locked pairs; other locks stay.
 */
export function applySetupChange(setup: PairingSetup, change: SetupChange): PairingSetup {
	const { pair } = change;
	const pairRef = { menteeId: pair.menteeId, mentorId: pair.mentorId };
	const otherMentees = setup.locked.filter((l) => l.menteeId !== pair.menteeId);
	switch (change.kind) {
		case 'lock':
		case 'swap':
			return { exclusions: setup.exclusions, locked: [...otherMentees, pairRef] };
		case 'unlock':
			return { exclusions: setup.exclusions, locked: otherMentees };
		case 'exclude':
			return {
				exclusions: [...setup.exclusions, pairRef],
				locked: setup.locked.filter((l) => !same(l, pair))
			};
	}
}
