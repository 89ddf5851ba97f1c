import type { Actor, OrganisationRole, ProgramRole } from '$lib/domain/policy/types';
import type { Database, JwtClaims } from '$lib/server/db/types';
import type { ProgramKind } from '$lib/domain/programs/schemas';

export interface ProgramSummary {
	id: string;
	organisationId: string;
	organisationName: string;
	kind: ProgramKind;
	name: string;
	description: string;
	startsOn: string;
	endsOn: string;
	myRole: ProgramRole;
	memberCount: number | null;
}

export interface Program extends Omit<ProgramSummary, 'memberCount' | 'myRole'> {
	plannedSessions: number;
	cadenceDays: number;
	sessionMinutes: number;
	maxMenteesPerMentor: number;
	minGroupSize: number;
	retentionMonths: number;
	stallDays: number;
	checkinEveryDays: number;
}

export interface Person {
	membershipId: string | null;
	invitationId: string | null;
	userId: string | null;
	name: string | null;
	email: string;
	role: ProgramRole;
	status: 'active' | 'removed' | 'invited' | 'expired';
	since: Date;
}

/** The actor for the policy: roles as the database (under RLS) reports them. */
export async function loadActor(db: Database, claims: JwtClaims): Promise<Actor> {
	return db.asUser(claims, async (tx) => {
		const programs = await tx.query<{ program_id: string; role: ProgramRole }>(
			"select program_id, role from public.memberships where user_id = $1 and status = 'active'",
			[claims.sub]
		);
		const organisations = await tx.query<{ organisation_id: string; role: OrganisationRole }>(
			'select organisation_id, role from public.organisation_members where user_id = $1',
			[claims.sub]
		);
		return {
			userId: claims.sub,
			programRoles: Object.fromEntries(programs.map((r) => [r.program_id, r.role])),
			organisationRoles: Object.fromEntries(organisations.map((r) => [r.organisation_id, r.role]))
		};
	});
}

const PROGRAM_COLUMNS = `p.id, p.organisation_id as "organisationId", o.name as "organisationName", p.kind, p.name,
	p.description, p.starts_on as "startsOn", p.ends_on as "endsOn"`;

export async function listMyPrograms(db: Database, claims: JwtClaims): Promise<ProgramSummary[]> {
	return db.asUser(claims, (tx) =>
		tx.query<ProgramSummary>(
			`select ${PROGRAM_COLUMNS}, m.role as "myRole",
				case when m.role = 'coordinator' then
					(select count(*) from public.memberships x where x.program_id = p.id and x.status = 'active')
				end as "memberCount"
			 from public.programs p
			 join public.memberships m on m.program_id = p.id and m.user_id = $1 and m.status = 'active'
			 join public.organisations o on o.id = p.organisation_id
			 order by p.starts_on desc, p.name`,
			[claims.sub]
		)
	);
}

export async function getProgram(
	db: Database,
	claims: JwtClaims,
	id: string
): Promise<Program | null> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<Program>(
			`select ${PROGRAM_COLUMNS}, p.planned_sessions as "plannedSessions", p.cadence_days as "cadenceDays",
				p.session_minutes as "sessionMinutes", p.max_mentees_per_mentor as "maxMenteesPerMentor",
				p.min_group_size as "minGroupSize", p.retention_months as "retentionMonths",
				p.stall_days as "stallDays", p.checkin_every_days as "checkinEveryDays"
			 from public.programs p join public.organisations o on o.id = p.organisation_id
			 where p.id = $1`,
			[id]
		)
	);
	return rows[0] ?? null;
}

/** Organisations the person may create programmes in. */
export async function listOrganisationsForCreation(db: Database, claims: JwtClaims) {
	return db.asUser(claims, (tx) =>
		tx.query<{ id: string; name: string }>(
			`select o.id, o.name from public.organisations o
			 join public.organisation_members om on om.organisation_id = o.id and om.user_id = $1
			 order by o.name`,
			[claims.sub]
		)
	);
}

/** Members and open invitations of a programme; RLS returns rows only to its coordinators. */
export async function listPeople(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<Person[]> {
	return db.asUser(claims, async (tx) => {
		const members = await tx.query<Person>(
			`select m.id as "membershipId", null as "invitationId", m.user_id as "userId",
				p.display_name as name, p.email, m.role, m.status, m.created_at as since
			 from public.memberships m left join public.profiles p on p.id = m.user_id
			 where m.program_id = $1
			 order by m.status, array_position(array['coordinator','supporter','mentor','mentee','observer'], m.role), p.display_name`,
			[programId]
		);
		const invited = await tx.query<Person>(
			`select null as "membershipId", i.id as "invitationId", null as "userId", null as name, i.email, i.role,
				case when i.expires_at > now() then 'invited' else 'expired' end as status, i.created_at as since
			 from public.invitations i
			 where i.program_id = $1 and i.accepted_at is null and i.revoked_at is null
			 order by i.created_at desc`,
			[programId]
		);
		return [
			...members.filter((m) => m.status === 'active'),
			...invited,
			...members.filter((m) => m.status === 'removed')
		];
	});
}
