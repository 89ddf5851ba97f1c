import type { Actor } from './types';

export const GROUP_KINDS = ['LGSL', 'LGLB'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const GROUP_ROLES = ['facilitator', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export const SHARE_SCOPES = ['group', 'school'] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];

/** What the policy needs to know about a group: its programme and who is in it, as what. */
export interface GroupRef {
	id: string;
	programId: string;
	selfSteeringSince: string | null;
	members: readonly { userId: string; role: GroupRole; schoolId: string | null }[];
}

/** What the policy needs to know about a reflection. */
export interface ReflectionRef {
	id: string;
	authorId: string;
	group: GroupRef;
	/** null while private. */
	shareScope: ShareScope | null;
}

const inProgram = (a: Actor, g: GroupRef) => Object.hasOwn(a.programRoles, g.programId);
const entryOf = (g: GroupRef, userId: string) => g.members.find((m) => m.userId === userId);

/** The actor's role in the group, while they are still in its programme. */
export function groupRole(a: Actor, g: GroupRef): GroupRole | null {
	return inProgram(a, g) ? (entryOf(g, a.userId)?.role ?? null) : null;
}

export const coordinatesGroup = (a: Actor, g: GroupRef) =>
	inProgram(a, g) && a.programRoles[g.programId] === 'coordinator';

/** Whether a shared reflection reaches the actor (never a private one; the author is separate). */
export function reflectionReaches(a: Actor, r: ReflectionRef): boolean {
	if (r.shareScope === null || a.userId === r.authorId) return false;
	const mine = groupRole(a, r.group);
	const author = entryOf(r.group, r.authorId);
	if (!mine || !author) return false;
	if (r.shareScope === 'group') return true;
	return mine === 'member' && entryOf(r.group, a.userId)?.schoolId === author.schoolId;
}

/** The author, while still a member of the group. */
export const writesReflection = (a: Actor, r: ReflectionRef) =>
	a.userId === r.authorId && groupRole(a, r.group) === 'member';
