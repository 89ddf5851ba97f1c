import type { CheckinSummary, CheckinSummaryCell } from '$lib/domain/care';
import type { Database, JwtClaims } from '$lib/server/db/types';

/**
 * The check-in answers of a programme as the coordinator may see them: per quarter and per phase,
 * counted in respondents, suppressed below the minimum group size (`care_checkin_summary`, a
 * security-definer function; the coordinator has no read access to the rows themselves).
 */
export async function loadCheckinSummary(
	db: Database,
	claims: JwtClaims,
	programId: string,
	minGroupSize: number
): Promise<CheckinSummary> {
	const rows = await db.asUser(claims, (tx) =>
		tx.query<{
			breakdown: 'period' | 'phase';
			category: string;
			respondents: number | null;
			satisfaction: string | number | null;
			progress: string | number | null;
			suppressed: boolean;
		}>('select * from public.care_checkin_summary($1)', [programId])
	);
	const num = (v: string | number | null) => (v === null ? null : Number(v));
	const cell = (row: (typeof rows)[number]): CheckinSummaryCell => ({
		category: row.category,
		respondents: row.respondents,
		satisfaction: num(row.satisfaction),
		progress: num(row.progress),
		suppressed: row.suppressed
	});
	return {
		periods: rows.filter((r) => r.breakdown === 'period').map(cell),
		phases: rows.filter((r) => r.breakdown === 'phase').map(cell),
		minGroupSize
	};
}
