/**
 * The coordinator's follow-up of the programme's groups: counts only (meetings planned and held,
 * reflections kept and shared, intervision rounds held, the self-steering date), never content.
 * `public.group_activity` returns nothing to anyone but the coordinator and no counts for a group
 * smaller than the programme's minimum group size; a group is named by its pseudonym only.
 */
import type { GroupKind } from '$lib/domain/policy';
import type { Database, JwtClaims } from '$lib/server/db/types';

export interface GroupActivity {
	groupId: string;
	/** The group's stable pseudonym in its programme (G-01 …); monitoring never shows its name. */
	pseudonym: string;
	kind: GroupKind;
	selfSteeringSince: string | null;
	members: number;
	suppressed: boolean;
	meetingsPlanned: number | null;
	meetingsHeld: number | null;
	reflectionsKept: number | null;
	reflectionsShared: number | null;
	intervisionRounds: number | null;
	needsAnalyses: number | null;
}

export async function loadGroupActivity(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<GroupActivity[]> {
	return db.asUser(claims, (tx) =>
		tx.query<GroupActivity>(
			`select group_id as "groupId", pseudonym, kind,
				to_char(self_steering_since, 'YYYY-MM-DD') as "selfSteeringSince", members, suppressed,
				meetings_planned as "meetingsPlanned", meetings_held as "meetingsHeld",
				reflections_kept as "reflectionsKept", reflections_shared as "reflectionsShared",
				intervision_rounds as "intervisionRounds", needs_analyses as "needsAnalyses"
			 from public.group_activity($1)`,
			[programId]
		)
	);
}
