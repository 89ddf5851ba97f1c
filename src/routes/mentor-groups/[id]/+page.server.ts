import { error } from '@sveltejs/kit';
import { mentorGroupRole } from '$lib/domain/policy';
import { GROUP_SHEET_KEYS } from '$lib/domain/mentor-groups';
import { getTemplate } from '$lib/domain/templates';
import { mentorGroupWorkspace, requireMentorGroup } from '$lib/server/mentor-groups';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, group } = await requireMentorGroup(event);
	const workspace = await mentorGroupWorkspace(event.locals.runtime.db, session.claims, group.id);
	if (!workspace) error(404, 'not_found');
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	const order = (key: string) => GROUP_SHEET_KEYS.indexOf(key as (typeof GROUP_SHEET_KEYS)[number]);
	return {
		group: {
			id: workspace.id,
			name: workspace.name,
			programName: workspace.programName,
			mentor: workspace.mentor,
			teachers: workspace.teachers
		},
		myRole: mentorGroupRole(actor, group),
		sheets: workspace.sheets
			.sort((a, b) => order(a.key) - order(b.key))
			.map((s) => {
				const template = getTemplate(s.key);
				return {
					key: s.key,
					title: template?.title[locale] ?? s.key,
					intro: template?.intro?.[locale] ?? ''
				};
			})
	};
};
