import { z } from 'zod';
import { isoDate, plainText } from '$lib/domain/input';
import { GROUP_KINDS, SHARE_SCOPES } from '$lib/domain/policy/groups';
import { GROUP_DOCUMENT_KINDS, SCHOOL_FUNCTIONS, type GroupDocumentKind } from './vocabulary';
export * from './vocabulary';

/** The documents every new group starts with (the school pages follow its schools). */
export const STARTING_DOCUMENTS: readonly Exclude<GroupDocumentKind, 'school_actions'>[] = [
	'agenda',
	'intervision_notes',
	'action_plan'
];

const name = (max = 200) => plainText().trim().min(1, 'required').max(max, 'too_long');
const optional = (max = 200) => plainText().trim().max(max, 'too_long').default('');

/** Error keys: 'required', 'too_long', 'control_characters'. */
export const schoolInput = z.object({
	name: name(),
	schoolGroup: optional(),
	region: optional()
});
export type SchoolInput = z.infer<typeof schoolInput>;

export const schoolEditInput = schoolInput.extend({ schoolId: z.uuid('required') });

export const placeInput = z.object({
	userId: z.uuid('required'),
	schoolId: z.uuid('required'),
	function: z.enum(SCHOOL_FUNCTIONS, 'required')
});

export const groupInput = z.object({
	kind: z.enum(GROUP_KINDS, 'required'),
	name: name()
});
export type GroupInput = z.infer<typeof groupInput>;

export const groupMemberInput = z.object({
	groupId: z.uuid('required'),
	userId: z.uuid('required'),
	role: z.enum(['member', 'facilitator'], 'required')
});

export const removeGroupMemberInput = z.object({
	groupId: z.uuid('required'),
	userId: z.uuid('required')
});

export const documentInput = z.object({
	kind: z.enum(GROUP_DOCUMENT_KINDS, 'required'),
	title: name()
});

export const reflectionInput = z.object({ title: name() });

export const shareInput = z.object({ scope: z.enum(SHARE_SCOPES, 'required') });

export const handOverInput = z.object({ on: isoDate() });

/** Seed 004: a group brings together at least four schools, with two or three people each. */
export const MIN_SCHOOLS_PER_GROUP = 4;
export const MAX_PER_SCHOOL = 3;

export type CompositionWarning =
	| { kind: 'few_schools'; schools: number }
	| { kind: 'many_from_school'; schoolId: string; count: number };

/** What the coordinator is warned about when composing a group (shown, not enforced). */
export function compositionWarnings(
	members: readonly { role: string; schoolId: string | null }[]
): CompositionWarning[] {
	const perSchool = new Map<string, number>();
	for (const m of members) {
		if (m.role === 'member' && m.schoolId) {
			perSchool.set(m.schoolId, (perSchool.get(m.schoolId) ?? 0) + 1);
		}
	}
	const warnings: CompositionWarning[] = [];
	if (perSchool.size < MIN_SCHOOLS_PER_GROUP) {
		warnings.push({ kind: 'few_schools', schools: perSchool.size });
	}
	for (const [schoolId, count] of perSchool) {
		if (count > MAX_PER_SCHOOL) warnings.push({ kind: 'many_from_school', schoolId, count });
	}
	return warnings;
}
