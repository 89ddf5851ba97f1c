import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '$lib/server/db/types';
import { collectExport, zipEntries } from '$lib/server/rights/export';
import { buildMembership, buildProgram, buildUser, type BuiltUser } from '../factories';
import { buildMentorGroup } from '../factories/mentor-groups';
import { createTestDatabase } from '../helpers/db';

/**
 * The data export of a member of a mentor group (group mentoring, issue #14): the group's shared
 * sheets, their own logbook and the part-2 entries they sent; never another member's logbook.
 */
let db: Database;
let mentor: BuiltUser;
let teacher: BuiltUser;
let colleague: BuiltUser;
let group: Awaited<ReturnType<typeof buildMentorGroup>>;

async function storeDoc(name: string, edit: (doc: Y.Doc) => void) {
	const doc = new Y.Doc();
	edit(doc);
	await db.asService((tx) =>
		tx.query('insert into public.yjs_updates (doc_name, "update") values ($1, $2)', [
			name,
			Y.encodeStateAsUpdate(doc)
		])
	);
}

async function exportOf(userId: string): Promise<Record<string, string>> {
	const unzipped = unzipSync(await zipEntries(await collectExport(db, userId)));
	return Object.fromEntries(
		Object.entries(unzipped).map(([path, data]) => [path, strFromU8(data)])
	);
}

beforeAll(async () => {
	db = await createTestDatabase();
	const program = await buildProgram(db, { kind: 'teacher_induction' });
	mentor = await buildUser(db);
	teacher = await buildUser(db);
	colleague = await buildUser(db);
	await buildMembership(db, program.id, mentor, 'mentor');
	await buildMembership(db, program.id, teacher, 'mentee');
	await buildMembership(db, program.id, colleague, 'mentee');
	group = await buildMentorGroup(db, program.id, mentor.id, [teacher.id, colleague.id], 'Starters');
	await storeDoc(group.sheets['02-confidentiality'].docName, (doc) => {
		doc.getText('mentee-name').insert(0, 'Wat hier gezegd wordt, blijft hier');
	});
	await storeDoc(`mgroup/${group.group}/log/${teacher.id}`, (doc) => {
		doc.getXmlFragment('remarks').insert(0, [new Y.XmlText('mijn eigen groepslogboek')]);
	});
	await storeDoc(`mgroup/${group.group}/log/${colleague.id}`, (doc) => {
		doc.getXmlFragment('remarks').insert(0, [new Y.XmlText('GEHEIM logboek van een collega')]);
	});
	await db.asService((tx) =>
		tx.query(
			`insert into public.log_submissions (mentor_group_id, author_id, author_role, met_on, difficulties)
			 values ($1, $2, 'mentee', '2026-11-20', 'mijn deel 2'),
				($1, $3, 'mentee', '2026-11-20', 'GEHEIM deel 2')`,
			[group.group, teacher.id, colleague.id]
		)
	);
});

describe('the export of a mentor group member', () => {
	it("holds the group's sheets, the own logbook and part 2, and no colleague's logbook", async () => {
		const texts = await exportOf(teacher.id);
		const paths = Object.keys(texts).filter((path) => path.startsWith('mentor-groups/'));
		expect(paths).toEqual(
			expect.arrayContaining([
				'mentor-groups/1-Starters/group.json',
				'mentor-groups/1-Starters/sheets/02-confidentiality.json',
				'mentor-groups/1-Starters/logbook-part1.json',
				'mentor-groups/1-Starters/logbook-part2.json'
			])
		);
		expect(JSON.parse(texts['mentor-groups/1-Starters/group.json'])).toMatchObject({
			name: 'Starters',
			role: 'teacher'
		});
		const all = paths.map((path) => texts[path]).join('\n');
		expect(all).toContain('Wat hier gezegd wordt, blijft hier');
		expect(all).toContain('mijn eigen groepslogboek');
		expect(all).toContain('mijn deel 2');
		expect(Object.values(texts).join('\n')).not.toContain('GEHEIM');
	});

	it("gives the mentor the group as its mentor, with the mentor's own (empty) logbook", async () => {
		const texts = await exportOf(mentor.id);
		expect(JSON.parse(texts['mentor-groups/1-Starters/group.json'])).toMatchObject({
			role: 'mentor'
		});
		expect(JSON.parse(texts['mentor-groups/1-Starters/logbook-part2.json'])).toEqual([]);
		expect(Object.values(texts).join('\n')).not.toContain('GEHEIM');
		expect(Object.values(texts).join('\n')).not.toContain('mijn eigen groepslogboek');
	});

	it('has no mentor-groups folder for someone outside every group', async () => {
		const outsider = await buildUser(db);
		const texts = await exportOf(outsider.id);
		expect(Object.keys(texts).some((path) => path.startsWith('mentor-groups/'))).toBe(false);
	});
});
