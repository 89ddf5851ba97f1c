import { can } from './index';
import type { Actor, ProgramRole } from './types';

/** What the people page may offer for one row: a member or an open invitation. */
export interface PersonPermissions {
	/** Choose another role for the member (never for oneself). */
	readonly changeRole: boolean;
	/** Take the member out of the programme (never oneself). */
	readonly remove: boolean;
	/** Open the mentor's or mentee's intake and matching answers. */
	readonly seeAnswers: boolean;
	/** Send the invitation again with a fresh link. */
	readonly renewInvitation: boolean;
	/** Withdraw the invitation. */
	readonly revokeInvitation: boolean;
}

/** A row of the people page as the policy needs it. */
export interface PersonRow {
	readonly membershipId: string | null;
	readonly invitationId: string | null;
	readonly userId: string | null;
	readonly role: ProgramRole;
	readonly status: 'active' | 'removed' | 'invited' | 'expired';
}

/**
 * The people page's permissions for one row, so the page never re-derives a rule: only an active
 * member's role and membership can change, only a mentor's or mentee's answers exist to read,
 * and an invitation can be renewed or revoked by whoever may invite.
 */
export function personPermissions(
	actor: Actor,
	program: { readonly id: string; readonly organisationId: string },
	person: PersonRow
): PersonPermissions {
	const programEntity = { type: 'program', ...program } as const;
	const activeMember = !!person.membershipId && !!person.userId && person.status === 'active';
	const membership = activeMember
		? ({
				type: 'membership',
				programId: program.id,
				userId: person.userId ?? '',
				role: person.role
			} as const)
		: null;
	const invitation = !!person.invitationId;
	return {
		changeRole: !!membership && can(actor, 'change_role', membership),
		remove: !!membership && can(actor, 'remove', membership),
		seeAnswers:
			activeMember &&
			(person.role === 'mentor' || person.role === 'mentee') &&
			can(actor, 'edit', programEntity),
		renewInvitation: invitation && can(actor, 'invite', programEntity),
		revokeInvitation:
			invitation && can(actor, 'revoke', { type: 'invitation', programId: program.id })
	};
}
