import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';
import { INTAKE_TEXT_MAX } from './vocabulary';
export { INTAKE_TEXT_MAX } from './vocabulary';

/**
 * The intake per school of a learning-community programme (seed 004): the intake conversation
 * tests the school's expectations, whether they can be met (feasibility) and its commitment;
 * after it the coordinating director(s) sign the engagement statement.
 */

const text = () => plainText().trim().max(INTAKE_TEXT_MAX, 'too_long').default('');

/** Error keys: 'required', 'date', 'too_long', 'control_characters'. */
export const intakeInput = z.object({
	conversationOn: isoDate(),
	expectations: text(),
	feasibility: text(),
	commitments: text()
});
export type IntakeInput = z.infer<typeof intakeInput>;

/** The commitments of the engagement statement, in the seed's order (messages engage_commit_*). */
export const STATEMENT_COMMITMENTS = [
	'intensive',
	'participants',
	'surveys',
	'reflections'
] as const;
export type StatementCommitment = (typeof STATEMENT_COMMITMENTS)[number];

export type EngagementStatus = 'not_started' | 'intake_recorded' | 'signed' | 'changed';

/**
 * Where a school is: no intake yet; intake recorded, not signed; signed by at least one of its
 * directors as the statement reads now; or signed, but the statement changed since (every
 * signature stale).
 */
export function engagementStatus(facts: {
	hasIntake: boolean;
	currentSignatures: number;
	staleSignatures: number;
}): EngagementStatus {
	if (!facts.hasIntake) return 'not_started';
	if (facts.currentSignatures > 0) return 'signed';
	if (facts.staleSignatures > 0) return 'changed';
	return 'intake_recorded';
}
