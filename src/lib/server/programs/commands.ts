import { randomUUID } from 'node:crypto';
import type { ProgramRole } from '$lib/domain/policy/types';
import type { ProgramInput } from '$lib/domain/programs/schemas';
import { hashToken, newToken } from '$lib/server/auth/tokens';
import { namedParams } from '$lib/server/db/params';
import { isUuid } from '$lib/server/db/transaction';
import type { Database, JwtClaims, Tx } from '$lib/server/db/types';
import type { CommandContext, ContextWith, MailContext } from '$lib/server/context';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';

export const INVITATION_DAYS = 14;

/** A programme's form, by column. */
const programColumns = (p: ProgramInput) => ({
	kind: p.kind,
	name: p.name,
	description: p.description,
	starts_on: p.startsOn,
	ends_on: p.endsOn,
	planned_sessions: p.plannedSessions,
	cadence_days: p.cadenceDays,
	session_minutes: p.sessionMinutes,
	max_mentees_per_mentor: p.maxMenteesPerMentor,
	min_group_size: p.minGroupSize,
	retention_months: p.retentionMonths,
	stall_days: p.stallDays,
	checkin_every_days: p.checkinEveryDays
});

/** Creates a programme and makes its creator the first coordinator. */
export async function createProgram(
	db: Database,
	claims: JwtClaims,
	organisationId: string,
	input: ProgramInput
): Promise<string> {
	// The id is made here: RLS would hide the new row from `returning` until the membership exists.
	const id = randomUUID();
	// The id comes from the form: anything but a UUID would fail the query, not be refused.
	if (!isUuid(organisationId)) throw new DomainError('forbidden', 'forbidden');
	await db.asUser(claims, async (tx) => {
		const allowed = await tx.query<{ ok: boolean }>(
			'select public.can_create_program_in($1) as ok',
			[organisationId]
		);
		if (!allowed[0]?.ok) throw new DomainError('forbidden', 'forbidden');
		const row = namedParams({
			id,
			organisation_id: organisationId,
			...programColumns(input),
			created_by: claims.sub
		});
		await tx.query(
			`insert into public.programs (${row.columns}) values (${row.placeholders})`,
			row.params
		);
		await tx.query(
			"insert into public.memberships (program_id, user_id, role) values ($1, $2, 'coordinator')",
			[id, claims.sub]
		);
		await audit(tx, 'program.create', 'program', id, id, { kind: input.kind });
	});
	return id;
}

export async function updateProgram(
	db: Database,
	claims: JwtClaims,
	id: string,
	input: ProgramInput
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const set = namedParams(programColumns(input), 2);
		const rows = await tx.query(
			`update public.programs set ${set.assignments}, updated_at = now() where id = $1 returning id`,
			[id, ...set.params]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'program.update', 'program', id, id);
	});
}

export interface InvitationLink {
	invitationId: string;
	link: string;
}

/** Invites an e-mail address with a role; replaces an open invitation for the same address. */
export async function inviteMember(
	ctx: MailContext,
	programId: string,
	input: { email: string; role: ProgramRole }
): Promise<InvitationLink> {
	const { db, mailer, origin, claims } = ctx;
	const token = newToken();
	const { invitationId, programName, inviterName } = await db.asUser(claims, async (tx) => {
		const program = await tx.query<{ name: string; coordinator: boolean }>(
			'select name, public.is_program_coordinator(id) as coordinator from public.programs where id = $1',
			[programId]
		);
		if (!program[0]) throw new DomainError('not_found', 'not_found');
		if (!program[0].coordinator) throw new DomainError('forbidden', 'forbidden');
		const member = await tx.query(
			`select 1 from public.memberships m join public.profiles p on p.id = m.user_id
			 where m.program_id = $1 and m.status = 'active' and p.email = $2`,
			[programId, input.email]
		);
		if (member[0]) throw new DomainError('conflict', 'already_member');
		await tx.query(
			`update public.invitations set revoked_at = now()
			 where program_id = $1 and email = $2 and accepted_at is null and revoked_at is null`,
			[programId, input.email]
		);
		const rows = await tx.query<{ id: string }>(
			`insert into public.invitations (program_id, email, role, token_hash, invited_by, expires_at)
			 values ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) returning id`,
			[programId, input.email, input.role, hashToken(token), claims.sub, INVITATION_DAYS]
		);
		const me = await tx.query<{ display_name: string }>(
			'select display_name from public.profiles where id = $1',
			[claims.sub]
		);
		await audit(tx, 'invitation.create', 'invitation', rows[0].id, programId, { role: input.role });
		return {
			invitationId: rows[0].id,
			programName: program[0].name,
			inviterName: me[0]?.display_name ?? ''
		};
	});
	const link = `${origin}/invite/${token}`;
	await mailer.send({
		to: input.email,
		kind: 'invitation',
		subject: `Uitnodiging voor ${programName} · Invitation to ${programName}`,
		text:
			`${inviterName} nodigt je uit voor het programma “${programName}” in Mentorpad. Open deze link binnen ${INVITATION_DAYS} dagen om je account aan te maken:\n\n${link}\n\n` +
			`---\n\n${inviterName} invites you to the programme “${programName}” on Mentorpad. Open this link within ${INVITATION_DAYS} days to set up your account:\n\n${link}\n`
	});
	return { invitationId, link };
}

/** Makes a new link for an open invitation (the old link stops working). */
export async function renewInvitationLink(
	ctx: ContextWith<'origin'>,
	programId: string,
	invitationId: string
): Promise<InvitationLink> {
	const { db, origin, claims } = ctx;
	const token = newToken();
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			`update public.invitations set token_hash = $3, expires_at = now() + make_interval(days => $4)
			 where id = $1 and program_id = $2 and accepted_at is null and revoked_at is null returning id`,
			[invitationId, programId, hashToken(token), INVITATION_DAYS]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'invitation.renew', 'invitation', invitationId, programId);
	});
	return { invitationId, link: `${origin}/invite/${token}` };
}

export async function revokeInvitation(
	db: Database,
	claims: JwtClaims,
	programId: string,
	invitationId: string
): Promise<void> {
	await db.asUser(claims, async (tx) => {
		const rows = await tx.query(
			`update public.invitations set revoked_at = now()
			 where id = $1 and program_id = $2 and accepted_at is null and revoked_at is null returning id`,
			[invitationId, programId]
		);
		if (!rows[0]) throw new DomainError('not_found', 'not_found');
		await audit(tx, 'invitation.revoke', 'invitation', invitationId, programId);
	});
}

async function otherActiveCoordinators(tx: Tx, programId: string, membershipId: string) {
	const rows = await tx.query<{ n: number }>(
		`select count(*)::int as n from public.memberships
		 where program_id = $1 and role = 'coordinator' and status = 'active' and id <> $2`,
		[programId, membershipId]
	);
	return rows[0]?.n ?? 0;
}

export async function changeRole(
	ctx: CommandContext,
	programId: string,
	membershipId: string,
	role: ProgramRole
): Promise<string> {
	const { db, claims } = ctx;
	return db.asUser(claims, async (tx) => {
		const current = await tx.query<{ role: ProgramRole; user_id: string }>(
			"select role, user_id from public.memberships where id = $1 and program_id = $2 and status = 'active'",
			[membershipId, programId]
		);
		if (!current[0]) throw new DomainError('not_found', 'not_found');
		if (current[0].user_id === claims.sub) throw new DomainError('forbidden', 'not_yourself');
		if (
			current[0].role === 'coordinator' &&
			role !== 'coordinator' &&
			(await otherActiveCoordinators(tx, programId, membershipId)) === 0
		)
			throw new DomainError('conflict', 'last_coordinator');
		await tx.query('update public.memberships set role = $2, updated_at = now() where id = $1', [
			membershipId,
			role
		]);
		await audit(tx, 'membership.change_role', 'membership', membershipId, programId, {
			from: current[0].role,
			to: role
		});
		return current[0].user_id;
	});
}

export async function removeMember(
	db: Database,
	claims: JwtClaims,
	programId: string,
	membershipId: string
): Promise<string> {
	return db.asUser(claims, async (tx) => {
		const current = await tx.query<{ role: ProgramRole; user_id: string }>(
			"select role, user_id from public.memberships where id = $1 and program_id = $2 and status = 'active'",
			[membershipId, programId]
		);
		if (!current[0]) throw new DomainError('not_found', 'not_found');
		if (current[0].user_id === claims.sub) throw new DomainError('forbidden', 'not_yourself');
		await tx.query(
			"update public.memberships set status = 'removed', removed_at = now(), updated_at = now() where id = $1",
			[membershipId]
		);
		await audit(tx, 'membership.remove', 'membership', membershipId, programId);
		return current[0].user_id;
	});
}
