import type { ProgramRole } from '$lib/domain/policy/types';
import type { AuthProvider, CookieChange, Session, SignInMeta } from '$lib/server/auth/types';
import { hashToken } from '$lib/server/auth/tokens';
import type { Database, Tx } from '$lib/server/db/types';
import { DomainError } from '$lib/server/errors';
import { auditAsService } from '$lib/server/audit';

export interface InvitationView {
	id: string;
	programId: string;
	programName: string;
	email: string;
	role: ProgramRole;
	state: 'open' | 'expired' | 'revoked' | 'accepted';
	accountExists: boolean;
}

/** What the invitation page shows; looked up by the secret token, so it runs as the service. */
export async function describeInvitation(
	db: Database,
	token: string
): Promise<InvitationView | null> {
	if (!token || token.length > 100) return null;
	const rows = await db.asService((tx) =>
		tx.query<InvitationView>(
			`select i.id, i.program_id as "programId", p.name as "programName", i.email, i.role,
				case when i.accepted_at is not null then 'accepted' when i.revoked_at is not null then 'revoked'
					when i.expires_at <= now() then 'expired' else 'open' end as state,
				exists (select 1 from auth.users u where lower(u.email) = i.email) as "accountExists"
			 from public.invitations i join public.programs p on p.id = i.program_id
			 where i.token_hash = $1`,
			[hashToken(token)]
		)
	);
	return rows[0] ?? null;
}

async function join(tx: Tx, invitation: InvitationView, userId: string): Promise<void> {
	const claimed = await tx.query(
		`update public.invitations set accepted_at = now(), accepted_by = $2
		 where id = $1 and accepted_at is null and revoked_at is null and expires_at > now() returning id`,
		[invitation.id, userId]
	);
	if (!claimed[0]) throw new DomainError('gone', 'invitation_used');
	await tx.query(
		`insert into public.memberships (program_id, user_id, role) values ($1, $2, $3)
		 on conflict (program_id, user_id) do update
		 set role = excluded.role, status = 'active', removed_at = null, updated_at = now()`,
		[invitation.programId, userId, invitation.role]
	);
	await auditAsService(
		tx,
		userId,
		'invitation.accept',
		'invitation',
		invitation.id,
		invitation.programId,
		{
			role: invitation.role
		}
	);
}

/** A signed-in person accepts an invitation addressed to their own e-mail. */
export async function acceptAsSignedIn(
	db: Database,
	token: string,
	session: Session
): Promise<string> {
	const invitation = await describeInvitation(db, token);
	if (!invitation) throw new DomainError('not_found', 'invitation_unknown');
	if (invitation.state !== 'open') throw new DomainError('gone', `invitation_${invitation.state}`);
	if (invitation.email !== session.user.email.toLowerCase())
		throw new DomainError('forbidden', 'invitation_other_account');
	await db.asService((tx) => join(tx, invitation, session.user.id));
	return invitation.programId;
}

/**
 * A newcomer sets a name and password: the account is created, joined and signed in. Signed
 * out, so no claims: the service connection and the auth provider do the work.
 */
export async function acceptWithNewAccount(
	services: { db: Database; auth: AuthProvider },
	token: string,
	input: { displayName: string; password: string },
	meta: SignInMeta
): Promise<{ programId: string; cookies: CookieChange[] }> {
	const { db, auth } = services;
	const invitation = await describeInvitation(db, token);
	if (!invitation) throw new DomainError('not_found', 'invitation_unknown');
	if (invitation.state !== 'open') throw new DomainError('gone', `invitation_${invitation.state}`);
	if (invitation.accountExists) throw new DomainError('conflict', 'invitation_sign_in_first');
	const userId = await auth.createAccount(invitation.email, input.password, input.displayName);
	await db.asService((tx) => join(tx, invitation, userId));
	const signIn = await auth.signIn(invitation.email, input.password, meta);
	return { programId: invitation.programId, cookies: signIn.ok ? signIn.cookies : [] };
}
