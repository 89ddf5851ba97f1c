import { coordinatesGroup, groupRole, reflectionReaches, writesReflection } from './groups';
import { coordinatesMentorGroup, mentorGroupRole } from './mentor-groups';
import { coordinatesPair, isPartner, pairWritable, supportsPair } from './pairs';
import type { Action, Actor, Entity, ProgramRole } from './types';
import { CONFIDENTIALITY_KEY } from '../templates/keys';

export * from './groups';
export * from './mentor-groups';
export * from './pairs';
export * from './types';

type EntityOf<T extends Entity['type']> = Extract<Entity, { type: T }>;

interface Rule<T extends Entity['type']> {
	entity: T;
	actions: readonly Action[];
	allow: (actor: Actor, entity: EntityOf<T>) => boolean;
}

const roleIn = (actor: Actor, programId: string): ProgramRole | undefined =>
	Object.hasOwn(actor.programRoles, programId) ? actor.programRoles[programId] : undefined;
const coordinates = (actor: Actor, programId: string) => roleIn(actor, programId) === 'coordinator';

function rule<T extends Entity['type']>(
	entity: T,
	actions: readonly Action[],
	allow: Rule<T>['allow']
): Rule<Entity['type']> {
	return { entity, actions, allow } as unknown as Rule<Entity['type']>;
}

/**
 * Every permission, as a list. Anything not allowed here is denied. The database's row-level
 * security enforces the same boundaries independently; these rules decide what the UI offers
 * and what routes and the WebSocket server accept.
 */
export const RULES: readonly Rule<Entity['type']>[] = [
	rule('organisation', ['create_program'], (a, e) => Object.hasOwn(a.organisationRoles, e.id)),
	rule('program', ['view'], (a, e) => roleIn(a, e.id) !== undefined),
	rule(
		'program',
		['edit', 'view_people', 'invite', 'handle_exit', 'assign_supporter', 'manage_groups'],
		(a, e) => coordinates(a, e.id)
	),
	// Intake and matching-day forms are filled by the programme's mentors and mentees.
	rule('program', ['fill_intake'], (a, e) => ['mentor', 'mentee'].includes(roleIn(a, e.id) ?? '')),
	// Logbook part-2 submissions and exit requests: coordinators, and supporters for their mentors.
	rule('program', ['view_inbox'], (a, e) =>
		['coordinator', 'supporter'].includes(roleIn(a, e.id) ?? '')
	),
	rule('invitation', ['view', 'revoke'], (a, e) => coordinates(a, e.programId)),
	rule('membership', ['view'], (a, e) => a.userId === e.userId || coordinates(a, e.programId)),
	// A coordinator manages everyone but themselves, so a programme never loses its last
	// coordinator by accident; another coordinator can change or remove them.
	rule(
		'membership',
		['change_role', 'remove'],
		(a, e) => coordinates(a, e.programId) && a.userId !== e.userId
	),
	rule('audit', ['view'], (a, e) => coordinates(a, e.programId)),

	// A pair's metadata: the pair, its coordinators and its supporter. Its content: the pair only.
	rule(
		'pair',
		['view'],
		(a, e) => isPartner(a, e.pair) || coordinatesPair(a, e.pair) || supportsPair(a, e.pair)
	),
	rule('pair', ['open_workspace'], (a, e) => isPartner(a, e.pair)),
	rule(
		'pair',
		['plan_meetings', 'submit_log'],
		(a, e) => isPartner(a, e.pair) && pairWritable(e.pair)
	),
	// Either person may ask to end the pair at any time while it runs.
	rule(
		'pair',
		['request_exit'],
		(a, e) => isPartner(a, e.pair) && e.pair.status !== 'ended' && e.pair.status !== 'proposed'
	),
	rule('sheet', ['view'], (a, e) => isPartner(a, e.pair)),
	rule('sheet', ['edit', 'sign'], (a, e) => isPartner(a, e.pair) && pairWritable(e.pair)),
	// The coordinator co-signs the confidentiality agreement, from a screen showing only its text.
	rule(
		'sheet',
		['sign_as_coordinator'],
		(a, e) => e.templateKey === CONFIDENTIALITY_KEY && coordinatesPair(a, e.pair)
	),
	// Logbook part 1 is private to its author, who must be in the pair.
	rule('logbook', ['view'], (a, e) => a.userId === e.authorId && isPartner(a, e.pair)),
	rule(
		'logbook',
		['edit'],
		(a, e) => a.userId === e.authorId && isPartner(a, e.pair) && pairWritable(e.pair)
	),

	// A learning-community group: its members and facilitator use it; the coordinator composes it
	// and follows engagement (counts), never opening its documents or unshared reflections.
	rule('group', ['view'], (a, e) => groupRole(a, e.group) !== null || coordinatesGroup(a, e.group)),
	rule('group', ['open_space'], (a, e) => groupRole(a, e.group) !== null),
	rule('group', ['keep_reflection'], (a, e) => groupRole(a, e.group) === 'member'),
	rule(
		'group',
		['view_engagement'],
		(a, e) => groupRole(a, e.group) === 'facilitator' || coordinatesGroup(a, e.group)
	),
	// The process coach hands the group over once; afterwards the members steer it themselves.
	rule(
		'group',
		['hand_over'],
		(a, e) => groupRole(a, e.group) === 'facilitator' && e.group.selfSteeringSince === null
	),
	rule('group_doc', ['view', 'edit'], (a, e) => groupRole(a, e.group) !== null),
	// A reflection is its author's; once shared the group (or the author's school in it) reads it.
	rule(
		'reflection',
		['view'],
		(a, e) => a.userId === e.reflection.authorId || reflectionReaches(a, e.reflection)
	),
	rule('reflection', ['edit', 'share', 'delete'], (a, e) => writesReflection(a, e.reflection)),

	// Group mentoring (003…): the coordinator composes the group and sees who is in it; the mentor
	// and the teachers share its sheets; each person's logbook part 1 is theirs alone.
	rule(
		'mentor_group',
		['view'],
		(a, e) => mentorGroupRole(a, e.group) !== null || coordinatesMentorGroup(a, e.group)
	),
	rule('mentor_group', ['open_space'], (a, e) => mentorGroupRole(a, e.group) !== null),
	rule('mentor_group_sheet', ['view', 'edit'], (a, e) => mentorGroupRole(a, e.group) !== null),
	rule(
		'mentor_group_log',
		['view', 'edit'],
		(a, e) => a.userId === e.authorId && mentorGroupRole(a, e.group) !== null
	)
];

/** Deny by default: true only when a rule for this entity and action allows it. */
export function can(actor: Actor, action: Action, entity: Entity): boolean {
	if (!actor.userId) return false;
	return RULES.some(
		(r) => r.entity === entity.type && r.actions.includes(action) && r.allow(actor, entity)
	);
}

/** What the UI may offer on a programme page, computed once on the server. */
export function programPermissions(actor: Actor, program: { id: string; organisationId: string }) {
	const entity: Entity = { type: 'program', ...program };
	return {
		view: can(actor, 'view', entity),
		edit: can(actor, 'edit', entity),
		viewPeople: can(actor, 'view_people', entity),
		invite: can(actor, 'invite', entity),
		viewAudit: can(actor, 'view', { type: 'audit', programId: program.id }),
		viewInbox: can(actor, 'view_inbox', entity),
		fillIntake: can(actor, 'fill_intake', entity),
		handleExit: can(actor, 'handle_exit', entity)
	};
}
export type ProgramPermissions = ReturnType<typeof programPermissions>;
