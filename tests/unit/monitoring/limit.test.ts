import { describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { monitoringTurn } from '$lib/server/monitoring/limit';

const fakeDb = (mode: Database['mode']) => ({ mode }) as Database;

async function peak(db: Database, jobs: number) {
	let running = 0;
	let most = 0;
	const order: number[] = [];
	await Promise.all(
		Array.from({ length: jobs }, (_, i) =>
			monitoringTurn(db, async () => {
				running += 1;
				most = Math.max(most, running);
				order.push(i);
				await new Promise((resolve) => setTimeout(resolve, 5));
				running -= 1;
			})
		)
	);
	return { most, order };
}

describe('monitoringTurn', () => {
	it('computes one monitoring page at a time on PGlite, in the order they came', async () => {
		const { most, order } = await peak(fakeDb('pglite'), 6);
		expect(most).toBe(1);
		expect(order).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('allows four at a time on PostgreSQL, and keeps databases apart', async () => {
		const [postgres, other] = await Promise.all([
			peak(fakeDb('postgres'), 10),
			peak(fakeDb('pglite'), 3)
		]);
		expect(postgres.most).toBe(4);
		expect(other.most).toBe(1);
	});

	it('frees the turn when the work fails', async () => {
		const db = fakeDb('pglite');
		await expect(monitoringTurn(db, () => Promise.reject(new Error('boom')))).rejects.toThrow(
			'boom'
		);
		expect(await monitoringTurn(db, async () => 'next')).toBe('next');
	});
});
