/**
 * The keys of the templates that code outside this module names: a page that links to a sheet,
 * a query that looks one up, a rule about one. The template files take their `key` from here
 * too, so a key is written once. Imports nothing: safe for browser pages.
 */

export const CONFIDENTIALITY_KEY = '02-confidentiality';
export const DEVELOPMENT_PLAN_KEY = '04-development-plan';
/** The closing conversation in the MO stage. */
export const CLOSING_SHEET_KEY = 'MO-closing';

/** Logbooks: the live, private part 1 and the part 2 form, per role in the pair. */
export const MENTOR_LOG_KEY = 'A-mentor-log';
export const MENTOR_LOG_PART2_KEY = 'A-mentor-log-part2';
export const MENTEE_LOG_KEY = 'B-mentee-log';
export const MENTEE_LOG_PART2_KEY = 'B-mentee-log-part2';

/** Intake forms (answers, not sheets). */
export const MENTEE_INTAKE_KEY = 'mentee-intake';
export const MENTOR_SELF_ASSESSMENT_KEY = 'mentor-self-assessment';
export const MATCH_MENTEE_KEY = 'match-mentee';
export const MATCH_MENTOR_KEY = 'match-mentor';
export const TEACHER_NEEDS_KEY = 'teacher-needs';

/** The programme's own self-evaluation (a form of the coordinator). */
export const SELF_EVALUATION_KEY = 'program-self-evaluation';
