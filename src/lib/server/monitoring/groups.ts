/**
 * The coordinator's monitoring of a learning community's groups: the change in the needs analysis
 * per group and theme (`public.group_needs_change`, which returns nothing to anyone but the
 * programme's coordinator and suppresses small cohorts) and the averages of their
 * self-evaluation. Groups are named by pseudonym only. Reading and downloading are audited like
 * the other monitoring datasets.
 */
import {
	shapeNeedsChange,
	type GroupNeedsChange,
	type NeedsChangeRow
} from '$lib/domain/groups/needs-change';
import type { Database, JwtClaims } from '$lib/server/db/types';
import {
	loadProgramSelfEvaluationSummary,
	type GroupSelfEvaluationSummary
} from '$lib/server/groups/self-evaluation';
import { recordMonitoringAccess, type MonitoringAccess } from './audit';
import { monitoringTurn } from './limit';

/** The dataset's name in the audit trail and in its download's URL. */
export const GROUP_NEEDS_DATASET = 'group-needs-change';

/** The rows of `group_needs_change`, averages as numbers (PGlite and node-postgres alike). */
export async function groupNeedsChangeRows(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<NeedsChangeRow[]> {
	return db.asUser(claims, (tx) =>
		tx.query<NeedsChangeRow>(
			`select group_id, pseudonym, kind, first_moment, last_moment, theme, respondents,
				first_average::float8 as first_average, last_average::float8 as last_average,
				change::float8 as change, suppressed
			 from public.group_needs_change($1)`,
			[programId]
		)
	);
}

/** The change per group, for the page (`monitoring.view`) or a download (`monitoring.export`). */
export async function loadGroupNeedsChange(
	db: Database,
	claims: JwtClaims,
	programId: string,
	access: MonitoringAccess = 'monitoring.view'
): Promise<GroupNeedsChange[]> {
	return monitoringTurn(db, async () => {
		await recordMonitoringAccess({ db, claims }, programId, access, {
			datasets: [GROUP_NEEDS_DATASET],
			...(access === 'monitoring.export' ? { format: 'csv' as const } : {})
		});
		return shapeNeedsChange(await groupNeedsChangeRows(db, claims, programId));
	});
}

/** The dataset's name of the groups' self-evaluation averages in the audit trail. */
export const GROUP_SELF_EVALUATION_DATASET = 'group-self-evaluation';

/** The self-evaluation averages per group (by pseudonym) for the page; audited as a view. */
export async function loadGroupSelfEvaluation(
	db: Database,
	claims: JwtClaims,
	programId: string
): Promise<GroupSelfEvaluationSummary[]> {
	return monitoringTurn(db, async () => {
		await recordMonitoringAccess({ db, claims }, programId, 'monitoring.view', {
			datasets: [GROUP_SELF_EVALUATION_DATASET]
		});
		return loadProgramSelfEvaluationSummary(db, claims, programId);
	});
}
