/**
 * Learning-community words without the input schemas (schemas.ts, engagement.ts hold them). No
 * zod, so the browser can import it (zod's `new Function` is refused by the
 * Content-Security-Policy).
 */

/** A participant's function in their school (seed 004: schoolleider, zorgcoördinator, beleidsmedewerker). */
export const SCHOOL_FUNCTIONS = ['school_leader', 'pupil_support_lead', 'policy_member'] as const;
export type SchoolFunction = (typeof SCHOOL_FUNCTIONS)[number];
export const GROUP_DOCUMENT_KINDS = [
	'agenda',
	'intervision_notes',
	'action_plan',
	'school_actions'
] as const;
export type GroupDocumentKind = (typeof GROUP_DOCUMENT_KINDS)[number];
/** The longest text of one intake field (the database checks the same). */
export const INTAKE_TEXT_MAX = 4000;
