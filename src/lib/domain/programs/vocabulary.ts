/**
 * Programme kinds, defaults, date and name limits, password lengths and list statuses without the
 * input schemas (schemas.ts holds them). No zod, so the browser can import it (zod's
 * `new Function` is refused by the Content-Security-Policy).
 */

export const PROGRAM_KINDS = [
	'school_leader',
	'teacher_induction',
	'youth',
	'learning_community'
] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];
/** Programme settings and their defaults (the VM-PRO standard schedule). */
export const PROGRAM_DEFAULTS = {
	plannedSessions: 10,
	cadenceDays: 15,
	sessionMinutes: 120,
	maxMenteesPerMentor: 3,
	minGroupSize: 5,
	retentionMonths: 12,
	/** Days without a held meeting after which both people of a pair get a reminder. */
	stallDays: 21,
	/** Days between two check-ins (the evaluation forms of agreement 01), after the first meeting. */
	checkinEveryDays: 60
} as const;
/**
 * The dates a programme may have; the migration 20261130000200_bounded_inputs.sql enforces the
 * same. The monitoring charts count fortnights over the whole programme, so its length is what
 * one page view costs.
 */
export const PROGRAM_DATES = {
	earliest: '2000-01-01',
	latest: '2100-12-31',
	maxYears: 10
} as const;
/** The longest programme name; longer names are refused, never cut. */
export const PROGRAM_NAME_MAX = 200;
/** The shortest password accepted (also the password fields' `minlength`). */
export const PASSWORD_MIN_LENGTH = 10;
/** The longest password accepted, new or typed to prove who one is. */
export const PASSWORD_MAX_LENGTH = 200;
/** Rows per page in the coordinator's long lists (people, inbox). */
export const PAGE_SIZE = 25;
export const PERSON_STATUSES = ['active', 'invited', 'expired', 'removed'] as const;
