/**
 * A mentor group's sheets and size, without the input schemas (index.ts holds them). No zod, so
 * the browser can import it (zod's `new Function` is refused by the Content-Security-Policy).
 */

/**
 * The sheets of a group's workspace: the beginning-teacher set's sheets that are about the group
 * rather than one teacher (docs/architecture.md, "Group mentoring").
 * - `01-agreement`: the group agrees how it works (meetings, expectations, roles).
 * - `02-confidentiality`: what is said in the group stays in the group; in a group this matters
 *   more than between two people.
 * - `lesson-preparation`: 003 L271 "het gezamenlijk voorbereiden van lessen, co-teaching/team
 *   teaching": preparing a lesson together is what a group does best.
 * Not in a group: the self-assessment against the ten roles (`teacher-roles`) and the
 * development plan (`04`) are one teacher's own; the lesson observation and its debrief are about
 * one teacher's lesson; the closing conversation ends one person's path.
 * The same list is the check constraint of `mentor_group_sheets.template_key`.
 */
export const GROUP_SHEET_KEYS = [
	'01-agreement',
	'02-confidentiality',
	'lesson-preparation'
] as const;
export type GroupSheetKey = (typeof GROUP_SHEET_KEYS)[number];
/** At least two teachers make a group; more than eight no longer fits one conversation. */
export const MIN_TEACHERS = 2;
export const MAX_TEACHERS = 8;
