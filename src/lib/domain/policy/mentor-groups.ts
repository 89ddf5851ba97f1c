import type { Actor } from './types';

/** A person's place in a mentor group (group mentoring, 003…): its mentor or one of its teachers. */
export type MentorGroupRole = 'mentor' | 'teacher';

/** What the policy needs to know about a mentor group: its programme, mentor and teachers. */
export interface MentorGroupRef {
	id: string;
	programId: string;
	mentorId: string;
	teacherIds: readonly string[];
}

/**
 * The actor's place in the group, while they are still the programme's mentor (for the mentor)
 * or mentee (for a teacher): the same rule as `private.my_mentor_group_role` in SQL.
 */
export function mentorGroupRole(a: Actor, g: MentorGroupRef): MentorGroupRole | null {
	if (!Object.hasOwn(a.programRoles, g.programId)) return null;
	const role = a.programRoles[g.programId];
	if (a.userId === g.mentorId && role === 'mentor') return 'mentor';
	if (g.teacherIds.includes(a.userId) && role === 'mentee') return 'teacher';
	return null;
}

export const coordinatesMentorGroup = (a: Actor, g: MentorGroupRef) =>
	Object.hasOwn(a.programRoles, g.programId) && a.programRoles[g.programId] === 'coordinator';
