import { z } from 'zod';

/** Days without a held meeting after which an active pair counts as stalled. */
export const DEFAULT_STALLED_DAYS = 21;

export const stalledDaysSchema = z.coerce.number().int().min(1).max(365);

/** The `days` query parameter of the monitoring page and CSV files; the default when absent or invalid. */
export function stalledDaysOf(params: URLSearchParams): number {
	const parsed = stalledDaysSchema.safeParse(params.get('days') ?? undefined);
	return parsed.success ? parsed.data : DEFAULT_STALLED_DAYS;
}
