import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsChangeCsv } from '$lib/domain/groups/needs-change';
import { NEEDS_THEMES } from '$lib/domain/groups/needs';
import type { Database } from '$lib/server/db/types';
import { loadCheckinSummary } from '$lib/server/care';
import { loadGroupActivity } from '$lib/server/groups/activity';
import { saveNeeds } from '$lib/server/groups/needs';
import { saveSelfEvaluation } from '$lib/server/groups/self-evaluation';
import { loadMonitoring } from '$lib/server/monitoring';
import { loadGroupNeedsChange, loadGroupSelfEvaluation } from '$lib/server/monitoring/groups';
import { phaseDays } from '$lib/server/pairs/path';
import { buildGroupWithContent, buildStaffedProgram } from '../factories';
import { createTestDatabase, testEngine } from '../helpers/db';

/**
 * Issue #12: "Monitoring for the coordinator: per group (pseudonymised, small cells suppressed as
 * for pairs)". Groups carry a stable pseudonym per programme that the database assigns and never
 * reuses, and the data of the coordinator's monitoring page (every dataset its server load reads,
 * and the group download) names no group and no person.
 */
let db: Database;
let staffed: Awaited<ReturnType<typeof buildStaffedProgram>>;
let g: Awaited<ReturnType<typeof buildGroupWithContent>>;
const MIN = 3;

const pseudonymOf = async (groupId: string) =>
	(
		await db.asService((tx) =>
			tx.query<{ pseudonym: string }>('select pseudonym from public.groups where id = $1', [
				groupId
			])
		)
	)[0]?.pseudonym;
const insertGroup = (programId: string, name: string, pseudonym?: string) =>
	db.asService(async (tx) => {
		const rows = await tx.query<{ id: string; pseudonym: string }>(
			pseudonym
				? "insert into public.groups (program_id, kind, name, pseudonym) values ($1, 'LGLB', $2, $3) returning id, pseudonym"
				: "insert into public.groups (program_id, kind, name) values ($1, 'LGLB', $2) returning id, pseudonym",
			pseudonym ? [programId, name, pseudonym] : [programId, name]
		);
		return rows[0];
	});

beforeAll(async () => {
	db = await createTestDatabase();
	staffed = await buildStaffedProgram(db);
	g = await buildGroupWithContent(db, staffed);
	await db.asService((tx) =>
		tx.query(
			"update public.programs set kind = 'learning_community', min_group_size = $2 where id = $1",
			[staffed.program.id, MIN]
		)
	);
});
afterAll(() => db.close());

describe(`learning communities: group pseudonyms (${testEngine()})`, () => {
	it('the database gives each group the next pseudonym of its programme, whatever the insert says', async () => {
		expect(await pseudonymOf(g.group)).toBe('G-01');
		const second = await insertGroup(staffed.program.id, 'Tweede groep');
		expect(second.pseudonym).toBe('G-02');
		const chosen = await insertGroup(staffed.program.id, 'Derde groep', 'G-77');
		expect(chosen.pseudonym).toBe('G-03');
		// Another programme counts from G-01 on its own.
		const other = await buildStaffedProgram(db);
		expect((await insertGroup(other.program.id, 'Elders')).pseudonym).toBe('G-01');
	});

	it('never reuses a deleted group’s pseudonym and never changes one', async () => {
		const doomed = await insertGroup(staffed.program.id, 'Weg');
		expect(doomed.pseudonym).toBe('G-04');
		await db.asService((tx) => tx.query('delete from public.groups where id = $1', [doomed.id]));
		expect((await insertGroup(staffed.program.id, 'Nieuw')).pseudonym).toBe('G-05');
		await db.asService((tx) =>
			tx.query("update public.groups set pseudonym = 'G-99', name = 'Hernoemd' where id = $1", [
				g.group
			])
		);
		expect(await pseudonymOf(g.group)).toBe('G-01');
	});
});

describe(`learning communities: the monitoring page names nobody (${testEngine()})`, () => {
	it('carries pseudonyms and figures, but no group name, person name, e-mail or school', async () => {
		const { mentor, mentee, observer, coordinator } = staffed.people;
		const members = [mentor, mentee, observer];
		for (const [i, who] of members.entries()) {
			const answers = Object.fromEntries(NEEDS_THEMES.map((t) => [t.key, 2 + (i % 2)]));
			await saveNeeds(db, who.claims, g.group, { moment: 'start', answers });
			await saveNeeds(db, who.claims, g.group, { moment: 'year1_end', answers });
			await saveSelfEvaluation(db, who.claims, g.group, {
				moment: 'start',
				answers,
				goingWell: `Tekst van ${who.email}`,
				toGrow: null
			});
		}
		// What the page's server load reads (src/routes/programs/[id]/monitoring/+page.server.ts).
		const claims = coordinator.claims;
		const id = staffed.program.id;
		const page = {
			...(await loadMonitoring(db, claims, id, {})),
			pathPhaseDays: await phaseDays(db, claims, id),
			communities: {
				activity: await loadGroupActivity(db, claims, id),
				needs: await loadGroupNeedsChange(db, claims, id),
				selfEvaluation: await loadGroupSelfEvaluation(db, claims, id)
			},
			checkins: await loadCheckinSummary(db, claims, id, MIN)
		};
		const csv = needsChangeCsv(
			page.communities.needs,
			{
				group: 'Groep',
				kind: 'Soort',
				moment: 'Moment',
				respondents: 'N',
				theme: 'Thema',
				first: 'Start',
				last: 'Einde',
				change: 'Verschil',
				momentName: (m) => m,
				themeName: (k) => k
			},
			MIN
		);
		const text = JSON.stringify(page) + csv;

		// The figures are there (group 1 has three members: nothing suppressed) …
		const activity = page.communities.activity.find((x) => x.groupId === g.group);
		expect(activity).toMatchObject({ pseudonym: 'G-01', suppressed: false, needsAnalyses: 6 });
		const needs = page.communities.needs.find((x) => x.groupId === g.group);
		expect(needs?.themes.some((t) => !t.suppressed)).toBe(true);
		const selfEvaluation = page.communities.selfEvaluation.find((x) => x.groupId === g.group);
		expect(selfEvaluation?.rows.length).toBeGreaterThan(0);
		expect(csv).toContain('G-01');

		// … and no names: every group's name, every person's name and address, every school.
		const names = await db.asService(async (tx) => [
			...(await tx.query<{ v: string }>('select name as v from public.groups')),
			...(await tx.query<{ v: string }>(
				'select display_name as v from public.profiles where display_name is not null'
			)),
			...(await tx.query<{ v: string }>('select email as v from public.profiles')),
			...(await tx.query<{ v: string }>('select name as v from public.schools'))
		]);
		expect(names.length).toBeGreaterThan(5);
		for (const { v } of names) expect(text).not.toContain(v);
		expect(text).not.toContain('Tekst van');
		expect(text).not.toContain('"name"');
	});
});
