import type { DatasetKey } from '$lib/domain/monitoring';
import { audit } from '$lib/server/audit';
import type { CommandContext } from '$lib/server/context';

export type MonitoringAccess = 'monitoring.view' | 'monitoring.export';

/**
 * Records that the person read (`monitoring.view`) or downloaded (`monitoring.export`)
 * monitoring data of a programme, with which datasets and parameters, in the audit trail.
 */
export async function recordMonitoringAccess(
	ctx: CommandContext,
	programId: string,
	action: MonitoringAccess,
	details: {
		datasets: readonly (DatasetKey | 'group-needs-change' | 'group-self-evaluation')[];
		stalledDays?: number;
		format?: 'csv';
	}
): Promise<void> {
	const { db, claims } = ctx;
	await db.asUser(claims, (tx) =>
		audit(tx, action, 'monitoring', programId, programId, {
			...details,
			datasets: [...details.datasets]
		})
	);
}
