/**
 * The matching engine: scores mentor–mentee candidates on the programme's criteria and the
 * matching-day preferences, and solves the assignment exactly (minimum-cost flow) under the hard
 * constraints. Pure TypeScript; see README.md in this folder for the rules it follows.
 */
export { proposeMatching } from './solve';
export { evaluateAssignment } from './evaluate';
export { defaultWeights, validateWeights, WEIGHT_MAX, WEIGHT_MIN } from './weights';
export type { WeightsValidation } from './weights';
export { DEFAULT_MAX_MENTEES_PER_MENTOR } from './prepare';
export { CRITERIA } from './types';
export type * from './types';
export { menteeFromIntake, mentorFromSelfAssessment, preferencesFromRows } from './from-intake';
export type { Answers, PreferenceRow } from './from-intake';
export { hasData, shownReasons } from './reasons';
export { applySetupChange } from './setup-change';
export type { PairingSetup, SetupChange } from './setup-change';
