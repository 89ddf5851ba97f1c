import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '$lib/server/db/types';
import { GROUPS_DEMO_MEMBERS } from '$lib/server/demo/groups-demo';
import { MONITORING_DEMO_PAIRS, MONITORING_DEMO_PEOPLE } from '$lib/server/demo/monitoring-demo';
import { DEMO_ACCOUNTS, DEMO_PAIRS, seedDemo } from '$lib/server/demo/seed';
import { GROUP_MENTORING_DEMO_ACCOUNTS } from '$lib/server/demo/group-mentoring-demo';
import { TEACHER_DEMO_ACCOUNTS, TEACHER_DEMO_PAIRS } from '$lib/server/demo/teacher-demo';
import { POOL_DEMO_ACCOUNTS, POOL_DEMO_PAIRS } from '$lib/server/demo/mentor-pool-demo';
import { pairSheets } from '$lib/domain/templates';
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
		// The youth programme also gets the monitoring demo's pairs and people; the teacher-induction
		// programme its own pair of two people.
		const pairCount =
			Object.values(DEMO_PAIRS).flat().length +
			MONITORING_DEMO_PAIRS +
			TEACHER_DEMO_PAIRS +
			POOL_DEMO_PAIRS;
		expect(counts[0]).toMatchObject({
			programs: 4,
			kinds: 4,
			members:
				4 * DEMO_ACCOUNTS.length +
				MONITORING_DEMO_PEOPLE +
				GROUPS_DEMO_MEMBERS +
				TEACHER_DEMO_ACCOUNTS.length +
				GROUP_MENTORING_DEMO_ACCOUNTS.length +
				POOL_DEMO_ACCOUNTS.length,
			pairs: pairCount,
			meetings: pairCount * 10
		});
		expect(counts[0].sheets).toBe(pairCount * pairSheets.length);
	});

	it('gives the learning community two groups of four schools, a coach, documents and reflections', async () => {
		const rows = await db.asService((tx) =>
			tx.query<{
				kind: string;
				schools: number;
				coaches: number;
				docs: number;
				refl: number;
				shared: number;
			}>(
				`select g.kind,
					(select count(distinct school_id)::int from public.group_members m where m.group_id = g.id and m.role = 'member') as schools,
					(select count(*)::int from public.group_members m where m.group_id = g.id and m.role = 'facilitator') as coaches,
					(select count(*)::int from public.group_documents d
						where d.group_id = g.id and exists (select 1 from public.yjs_updates u where u.doc_name = d.doc_name)) as docs,
					(select count(*)::int from public.reflections r where r.group_id = g.id) as refl,
					(select count(*)::int from public.reflections r where r.group_id = g.id and r.shared_at is not null) as shared
				 from public.groups g order by g.kind`
			)
		);
		expect(rows.map((r) => r.kind)).toEqual(['LGLB', 'LGSL']);
		for (const row of rows) {
			expect(row.schools).toBe(4);
			expect(row.coaches).toBe(1);
			expect(row.docs).toBe(4);
		}
		expect(rows[1]).toMatchObject({ refl: 4, shared: 3 });
	});

	it("hosts the groups' meetings on location at their schools in turn, the online one nowhere", async () => {
		const rows = await db.asService((tx) =>
			tx.query<{ group: string; mode: string; host: string | null; inGroup: boolean }>(
				`select m.group_id as "group", m.mode, m.host_school_id as host,
					exists (select 1 from public.group_members gm
						where gm.group_id = m.group_id and gm.school_id = m.host_school_id) as "inGroup"
				 from public.group_meetings m order by m.group_id, m.starts_at`
			)
		);
		for (const group of new Set(rows.map((r) => r.group))) {
			const mine = rows.filter((r) => r.group === group);
			const onLocation = mine.filter((r) => r.mode === 'face_to_face');
			expect(onLocation.length).toBeGreaterThanOrEqual(3);
			expect(onLocation.every((r) => r.host && r.inGroup)).toBe(true);
			expect(new Set(onLocation.map((r) => r.host)).size).toBe(onLocation.length);
			expect(mine.filter((r) => r.mode === 'online').every((r) => r.host === null)).toBe(true);
		}
	});

	it('does nothing the second time', async () => {
		expect(await seedDemo(db)).toBeNull();
	});
});
