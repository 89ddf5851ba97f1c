/** The planned meeting dates of a new pair: every `cadenceDays` from the first date. */
export function plannedDates(firstIso: string, count: number, cadenceDays: number): string[] {
	const [y, m, d] = firstIso.split('-').map(Number);
	const start = Date.UTC(y, m - 1, d);
	return Array.from({ length: count }, (_, i) =>
		new Date(start + i * cadenceDays * 86_400_000).toISOString().slice(0, 10)
	);
}
