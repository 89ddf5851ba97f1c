import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { MONITORING_DEMO_PAIRS, MONITORING_DEMO_PEOPLE } from '$lib/server/demo/monitoring-demo';
import { DEMO_ACCOUNTS, DEMO_PAIRS, seedDemo } from '$lib/server/demo/seed';
import { createTestDatabase, testEngine } from '../helpers/db';

let db: Database;
beforeAll(async () => {
	db = await createTestDatabase();
});
afterAll(() => db.close());

describe(`demo data (${testEngine()})`, () => {
	it('creates one programme per kind with every demo person, and the demo pairs with their workspace', async () => {
		expect(await seedDemo(db)).not.toBeNull();
		const counts = await db.asService((tx) =>
			tx.query<{
				programs: number;
				kinds: number;
				members: number;
				pairs: number;
				sheets: number;
				meetings: number;
			}>(
				`select (select count(*)::int from public.programs) as programs,
					(select count(distinct kind)::int from public.programs) as kinds,
					(select count(*)::int from public.memberships) as members,
					(select count(*)::int from public.pairs) as pairs,
					(select count(*)::int from public.sheets) as sheets,
					(select count(*)::int from public.meetings) as meetings`
			)
		);
		// The youth programme also gets the monitoring demo's pairs and people.
		const pairCount = Object.values(DEMO_PAIRS).flat().length + MONITORING_DEMO_PAIRS;
		expect(counts[0]).toMatchObject({
			programs: 4,
			kinds: 4,
			members: 4 * DEMO_ACCOUNTS.length + MONITORING_DEMO_PEOPLE,
			pairs: pairCount,
			meetings: pairCount * 10
		});
		expect(counts[0].sheets).toBe(pairCount * 17);
	});

	it('does nothing the second time', async () => {
		expect(await seedDemo(db)).toBeNull();
	});
});
