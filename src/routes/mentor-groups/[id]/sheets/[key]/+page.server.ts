import { error } from '@sveltejs/kit';
import { GROUP_SHEET_KEYS } from '$lib/domain/mentor-groups';
import { can } from '$lib/domain/policy';
import { getTemplate } from '$lib/domain/templates';
import { instrumentFacts } from '$lib/domain/templates/instrument-sets';
import {
	groupSheetPeople,
	mentorGroupWorkspace,
	requireMentorGroup
} from '$lib/server/mentor-groups';
import { programmeNames } from '$lib/server/pairs/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, group } = await requireMentorGroup(event);
	const key = event.params.key;
	const template = (GROUP_SHEET_KEYS as readonly string[]).includes(key)
		? getTemplate(key)
		: undefined;
	if (!template) error(404, 'not_found');
	const { db } = event.locals.runtime;
	const [workspace, names] = await Promise.all([
		mentorGroupWorkspace(db, session.claims, group.id),
		programmeNames(db, session.claims, group.programId)
	]);
	const sheet = workspace?.sheets.find((s) => s.key === key);
	if (!workspace || !sheet) error(404, 'not_found');
	const entity = { type: 'mentor_group_sheet', group, templateKey: key } as const;
	const facts = instrumentFacts(template);
	return {
		...groupSheetPeople(workspace, session, actor, group),
		group: { id: group.id, name: workspace.name },
		sheet: { key, docName: sheet.docName },
		// The template travels with the page data, as on a pair's sheet page.
		template,
		instrument: { use: facts.use, stage: facts.stage },
		access: can(actor, 'edit', entity) ? ('write' as const) : ('read' as const),
		placeholders: names ?? undefined
	};
};
