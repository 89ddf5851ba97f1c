import {
	DATASETS,
	DEFAULT_STALLED_DAYS,
	shapeDifficulties,
	shapeExitRequests,
	shapeInstruments,
	shapeLogbook,
	shapeMeetings,
	shapePairs,
	shapeStalled,
	type DatasetKey,
	type MonitoringTable
} from '$lib/domain/monitoring';
import type { Database, JwtClaims } from '$lib/server/db/types';
import { getProgramInstruments } from '$lib/server/programs/instruments';
import { recordMonitoringAccess } from './audit';
import { monitoringTurn } from './limit';
import {
	difficultiesFlagged,
	programHasPairs,
	exitRequests,
	instrumentCompletion,
	logbookSubmissions,
	meetingsPerFortnight,
	pairsByPhaseAndStatus,
	stalledPairs
} from './queries';
import type { CommandContext } from '$lib/server/context';

export * from './queries';
export { recordMonitoringAccess, type MonitoringAccess } from './audit';

export interface MonitoringOptions {
	/** Days without a held meeting after which an active pair counts as stalled. */
	stalledDays?: number;
}

/**
 * The instruments chart counts the instruments the programme uses, in its order: a sheet row
 * every pair has for an instrument that is switched off would otherwise count as never completed.
 */
async function programInstrumentKeys(db: Database, claims: JwtClaims, programId: string) {
	const set = await getProgramInstruments(db, claims, programId);
	return (set?.choices ?? []).filter((c) => c.enabled).map((c) => c.key);
}

function instrumentsTable(
	rows: Awaited<ReturnType<typeof instrumentCompletion>>,
	keys: readonly string[]
) {
	return shapeInstruments(
		rows.filter((r) => keys.includes(r.template_key)),
		keys
	);
}

type Loader = (
	db: Database,
	claims: JwtClaims,
	programId: string,
	options: MonitoringOptions
) => Promise<MonitoringTable>;

const LOADERS: Record<DatasetKey, Loader> = {
	'pairs-by-phase': async (db, claims, id) =>
		shapePairs(await pairsByPhaseAndStatus(db, claims, id), 'phase'),
	'pairs-by-status': async (db, claims, id) =>
		shapePairs(await pairsByPhaseAndStatus(db, claims, id), 'status'),
	meetings: async (db, claims, id) => shapeMeetings(await meetingsPerFortnight(db, claims, id)),
	instruments: async (db, claims, id) =>
		instrumentsTable(
			await instrumentCompletion(db, claims, id),
			await programInstrumentKeys(db, claims, id)
		),
	logbook: async (db, claims, id) => shapeLogbook(await logbookSubmissions(db, claims, id)),
	difficulties: async (db, claims, id) =>
		shapeDifficulties(await difficultiesFlagged(db, claims, id)),
	'stalled-pairs': async (db, claims, id, options) =>
		shapeStalled(
			await stalledPairs(db, claims, id, { days: options.stalledDays ?? DEFAULT_STALLED_DAYS })
		),
	'exit-requests-by-status': async (db, claims, id) =>
		shapeExitRequests(await exitRequests(db, claims, id), 'status'),
	'exit-requests-by-fortnight': async (db, claims, id) =>
		shapeExitRequests(await exitRequests(db, claims, id), 'fortnight')
};

export interface Monitoring {
	tables: MonitoringTable[];
	/** Whether the programme has any pair at all (else the page says how to start). */
	hasPairs: boolean;
}

/** Every monitoring dataset of a programme for its coordinator; the reading is audited first. */
export async function loadMonitoring(
	db: Database,
	claims: JwtClaims,
	programId: string,
	options: MonitoringOptions = {}
): Promise<Monitoring> {
	const stalledDays = options.stalledDays ?? DEFAULT_STALLED_DAYS;
	return monitoringTurn(db, async () => {
		await recordMonitoringAccess({ db, claims }, programId, 'monitoring.view', {
			datasets: DATASETS,
			stalledDays
		});
		// One query after the other, not all at once: a page view then holds one connection of the
		// pool at a time, and on PGlite (one connection, queries queued in order) another person's
		// request waits for at most one of these queries instead of all eight.
		// The pairs and exit-request functions each serve two charts: read them once.
		const hasPairs = await programHasPairs(db, claims, programId);
		const pairs = await pairsByPhaseAndStatus(db, claims, programId);
		const exits = await exitRequests(db, claims, programId);
		const meetings = await meetingsPerFortnight(db, claims, programId);
		const instruments = await instrumentCompletion(db, claims, programId);
		const instrumentKeys = await programInstrumentKeys(db, claims, programId);
		const logbook = await logbookSubmissions(db, claims, programId);
		const difficulties = await difficultiesFlagged(db, claims, programId);
		const stalled = await stalledPairs(db, claims, programId, { days: stalledDays });
		const shaped: Record<DatasetKey, MonitoringTable> = {
			'pairs-by-phase': shapePairs(pairs, 'phase'),
			'pairs-by-status': shapePairs(pairs, 'status'),
			instruments: instrumentsTable(instruments, instrumentKeys),
			meetings: shapeMeetings(meetings),
			logbook: shapeLogbook(logbook),
			difficulties: shapeDifficulties(difficulties),
			'stalled-pairs': shapeStalled(stalled),
			'exit-requests-by-status': shapeExitRequests(exits, 'status'),
			'exit-requests-by-fortnight': shapeExitRequests(exits, 'fortnight')
		};
		const tables = DATASETS.map((key) => shaped[key]);
		return { tables, hasPairs };
	});
}

/** One dataset for a download; the export is audited first. */
export async function exportMonitoringDataset(
	ctx: CommandContext,
	programId: string,
	dataset: DatasetKey,
	options: MonitoringOptions = {}
): Promise<MonitoringTable> {
	const { db, claims } = ctx;
	const stalledDays = options.stalledDays ?? DEFAULT_STALLED_DAYS;
	return monitoringTurn(db, async () => {
		await recordMonitoringAccess({ db, claims }, programId, 'monitoring.export', {
			datasets: [dataset],
			format: 'csv',
			...(dataset === 'stalled-pairs' ? { stalledDays } : {})
		});
		return LOADERS[dataset](db, claims, programId, { stalledDays });
	});
}
