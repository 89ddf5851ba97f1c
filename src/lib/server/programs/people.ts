import type { PeopleQuery } from '$lib/domain/programs/schemas';
import { PAGE_SIZE } from '$lib/domain/programs/schemas';
import type { Database, JwtClaims } from '$lib/server/db/types';
import type { Person } from './queries';

export interface PeoplePage {
	people: Person[];
	/** How many match the filters (all pages). */
	total: number;
	page: number;
	pages: number;
}

/** `%` and `_` typed in a search box are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of a programme's people: members and open invitations, active first, then invited,
 * then removed; by role, then name. Filters by a name or e-mail fragment, role and status. A page
 * past the end returns the last page.
 */
export async function searchPeople(
	db: Database,
	claims: JwtClaims,
	programId: string,
	query: PeopleQuery
): Promise<PeoplePage> {
	return db.asUser(claims, async (tx) => {
		const filters = [
			programId,
			query.q ? likePattern(query.q) : null,
			query.role ?? null,
			query.status ?? null
		];
		const people = `
			with people as (
				select m.id as "membershipId", null::uuid as "invitationId", m.user_id as "userId",
					p.display_name as name, p.email, m.role::text as role, m.status::text as status,
					m.created_at as since, case when m.status::text = 'active' then 0 else 2 end as grp
				from public.memberships m left join public.profiles p on p.id = m.user_id
				where m.program_id = $1
				union all
				select null::uuid, i.id, null::uuid, null::text, i.email, i.role::text,
					case when i.expires_at > now() then 'invited' else 'expired' end, i.created_at, 1
				from public.invitations i
				where i.program_id = $1 and i.accepted_at is null and i.revoked_at is null
			)
			select * from people
			where ($2::text is null or name ilike $2 or email ilike $2)
				and ($3::text is null or role = $3)
				and ($4::text is null or status = $4)`;
		const [{ total }] = await tx.query<{ total: number }>(
			`select count(*)::int as total from (${people}) matched`,
			filters
		);
		const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
		const page = Math.min(query.page, pages);
		const rows = await tx.query<Person & { grp: number }>(
			`${people}
			order by grp,
				array_position(array['coordinator','supporter','mentor','mentee','observer'], role),
				name nulls last, email, since desc
			limit $5 offset $6`,
			[...filters, PAGE_SIZE, (page - 1) * PAGE_SIZE]
		);
		return { people: rows.map(({ grp: _grp, ...person }) => person), total, page, pages };
	});
}
