/**
 * The programme's anonymised statistics (the monitoring aggregates: pairs by pseudonym, small
 * cells suppressed) as a zip of CSV files, for the coordinator to keep before the retention
 * deletion. Reading them is audited like the monitoring page, and the download as an export.
 */
import { strToU8 } from 'fflate';
import { DATASETS, type MonitoringTable } from '$lib/domain/monitoring';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { loadMonitoring, recordMonitoringAccess } from '$lib/server/monitoring';
import { zipEntries } from './export';

export async function statisticsZip(
	db: Database,
	claims: JwtClaims,
	programId: string,
	toCsv: (table: MonitoringTable) => string
): Promise<Uint8Array<ArrayBuffer>> {
	const { tables } = await loadMonitoring(db, claims, programId);
	await recordMonitoringAccess({ db, claims }, programId, 'monitoring.export', {
		datasets: DATASETS,
		format: 'csv'
	});
	const entries = new Map<string, Uint8Array>();
	for (const table of tables) entries.set(`${table.dataset}.csv`, strToU8(toCsv(table)));
	return zipEntries(entries);
}
