import type { Database } from '$lib/server/db/types';

/**
 * How many monitoring pages (or CSV exports) one process computes at once. Each is a handful of
 * queries run one after the other; the rest wait their turn here, not in the database's queue.
 * PGlite runs one query at a time for the whole process, so every computation in progress puts a
 * query ahead of anyone else's request: with ten views at once a /healthz waited 2.3 s, with one
 * at a time it waits for at most one monitoring query. PostgreSQL runs queries side by side, but
 * the pool is shared with everybody else's requests.
 */
const CONCURRENCY = { pglite: 1, postgres: 4 } as const;

interface Gate {
	running: number;
	waiting: (() => void)[];
}

const gates = new WeakMap<Database, Gate>();

/** Runs `work` once fewer than the allowed number of monitoring computations are running on `db`. */
export async function monitoringTurn<T>(db: Database, work: () => Promise<T>): Promise<T> {
	let gate = gates.get(db);
	if (!gate) {
		gate = { running: 0, waiting: [] };
		gates.set(db, gate);
	}
	if (gate.running >= CONCURRENCY[db.mode]) {
		await new Promise<void>((resolve) => gate.waiting.push(resolve));
	} else {
		gate.running += 1;
	}
	try {
		return await work();
	} finally {
		// Hand the slot straight to the next in line, or give it back.
		const next = gate.waiting.shift();
		if (next) next();
		else gate.running -= 1;
	}
}
