export { erasePerson, identifiers, type ErasureDeps, type ErasureResult } from './erasure';
export {
	collectExport,
	exportKey,
	requestExport,
	runExport,
	zipEntries,
	EXPORT_JOB,
	type SheetPdfRenderer
} from './export';
export { rightsJobs, type RightsJobsOptions } from './jobs';
export * from './queries';
export { decideErasure, requestErasure, withdrawErasure, RightsError, ERASE_JOB } from './requests';
export {
	purgeProgram,
	retentionScan,
	retentionDue,
	RETENTION_PURGE_JOB,
	RETENTION_SCAN_JOB
} from './retention';
export { statisticsZip } from './statistics';
export type { LiveDocuments } from './documents';
export { DELETED_PARTICIPANT } from './scrub-doc';
export { liveDocuments } from './live';
