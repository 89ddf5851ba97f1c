import type { Database, JwtClaims } from '$lib/server/db/types';
import { audit } from '$lib/server/audit';
import { DomainError } from '$lib/server/errors';
import type { CommandContext } from '$lib/server/context';

export interface MentorSupport {
	mentorId: string;
	mentorName: string;
	supporterId: string | null;
	pairs: number;
}

export async function listMentorSupport(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<{ mentors: MentorSupport[]; supporters: { id: string; name: string }[] }> {
	return db.asUser(claims, async (tx) => {
		const mentors = await tx.query<MentorSupport>(
			`select m.user_id as "mentorId", coalesce(p.display_name, '—') as "mentorName", ms.supporter_id as "supporterId",
				(select count(*)::int from public.pairs x where x.program_id = $1 and x.mentor_id = m.user_id and x.status <> 'ended') as pairs
			 from public.memberships m
			 left join public.profiles p on p.id = m.user_id
			 left join public.mentor_supporters ms on ms.program_id = m.program_id and ms.mentor_id = m.user_id
			 where m.program_id = $1 and m.role = 'mentor' and m.status = 'active'
			 order by p.display_name`,
			[programId]
		);
		const supporters = await tx.query<{ id: string; name: string }>(
			`select m.user_id as id, coalesce(p.display_name, '—') as name
			 from public.memberships m left join public.profiles p on p.id = m.user_id
			 where m.program_id = $1 and m.role = 'supporter' and m.status = 'active' order by p.display_name`,
			[programId]
		);
		return { mentors, supporters };
	});
}

/** Assigns (or clears) a mentor's supporter; the mentor's open pairs follow. */
export async function assignSupporter(
	ctx: CommandContext,
	programId: string,
	mentorId: string,
	supporterId: string | null
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, async (tx) => {
		const roles = await tx.query<{ user_id: string; role: string }>(
			"select user_id, role from public.memberships where program_id = $1 and status = 'active' and user_id = any($2::uuid[])",
			[programId, [mentorId, supporterId].filter(Boolean)]
		);
		const roleOf = (id: string) => roles.find((r) => r.user_id === id)?.role;
		if (roleOf(mentorId) !== 'mentor' || (supporterId && roleOf(supporterId) !== 'supporter'))
			throw new DomainError('invalid', 'pair_roles');
		if (supporterId) {
			await tx.query(
				`insert into public.mentor_supporters (program_id, mentor_id, supporter_id) values ($1, $2, $3)
				 on conflict (program_id, mentor_id) do update set supporter_id = excluded.supporter_id, assigned_at = now()`,
				[programId, mentorId, supporterId]
			);
		} else {
			await tx.query(
				'delete from public.mentor_supporters where program_id = $1 and mentor_id = $2',
				[programId, mentorId]
			);
		}
		await tx.query(
			"update public.pairs set supporter_id = $3, updated_at = now() where program_id = $1 and mentor_id = $2 and status <> 'ended'",
			[programId, mentorId, supporterId]
		);
		await audit(tx, 'supporter.assign', 'mentor', mentorId, programId, { supporterId });
	});
}
