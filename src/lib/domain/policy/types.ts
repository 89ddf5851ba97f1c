import type { GroupRef, ReflectionRef } from './groups';
import type { MentorGroupRef } from './mentor-groups';
import type { PairRef } from './pairs';

export const PROGRAM_ROLES = ['coordinator', 'supporter', 'mentor', 'mentee', 'observer'] as const;
export type ProgramRole = (typeof PROGRAM_ROLES)[number];

export const ORGANISATION_ROLES = ['owner', 'coordinator'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** Who is asking: their programme and organisation roles, as the database holds them. */
export interface Actor {
	userId: string;
	programRoles: Readonly<Record<string, ProgramRole>>;
	organisationRoles: Readonly<Record<string, OrganisationRole>>;
}

export type Entity =
	| { type: 'organisation'; id: string }
	| { type: 'program'; id: string; organisationId: string }
	| { type: 'membership'; programId: string; userId: string; role: ProgramRole }
	| { type: 'invitation'; programId: string }
	| { type: 'audit'; programId: string }
	| { type: 'pair'; pair: PairRef }
	| { type: 'sheet'; pair: PairRef; templateKey: string }
	| { type: 'logbook'; pair: PairRef; authorId: string }
	| { type: 'group'; group: GroupRef }
	| { type: 'group_doc'; group: GroupRef }
	| { type: 'reflection'; reflection: ReflectionRef }
	| { type: 'mentor_group'; group: MentorGroupRef }
	| { type: 'mentor_group_sheet'; group: MentorGroupRef; templateKey: string }
	| { type: 'mentor_group_log'; group: MentorGroupRef; authorId: string };

export type Action =
	| 'view'
	| 'edit'
	| 'create_program'
	| 'view_people'
	| 'invite'
	| 'revoke'
	| 'change_role'
	| 'remove'
	| 'open_workspace'
	| 'plan_meetings'
	| 'sign'
	| 'sign_as_coordinator'
	| 'submit_log'
	| 'view_inbox'
	| 'request_exit'
	| 'handle_exit'
	| 'assign_supporter'
	| 'fill_intake'
	| 'manage_groups'
	| 'open_space'
	| 'hand_over'
	| 'view_engagement'
	| 'keep_reflection'
	| 'share'
	| 'delete';

export const ANONYMOUS: Actor = { userId: '', programRoles: {}, organisationRoles: {} };
