import { error } from '@sveltejs/kit';
import { can, mentorGroupRole } from '$lib/domain/policy';
import { getTemplate } from '$lib/domain/templates';
import { formatDocumentName } from '$lib/shared/collab';
import {
	groupSheetPeople,
	mentorGroupWorkspace,
	requireMentorGroup
} from '$lib/server/mentor-groups';
import type { PageServerLoad } from './$types';

/**
 * The person's own logbook (part 1) in the group: a live document only its author opens, as a
 * pair's logbook; the mentor keeps logbook A, a teacher logbook B.
 */
export const load: PageServerLoad = async (event) => {
	const { session, actor, group } = await requireMentorGroup(event);
	const workspace = await mentorGroupWorkspace(event.locals.runtime.db, session.claims, group.id);
	if (!workspace) error(404, 'not_found');
	const template = getTemplate(
		mentorGroupRole(actor, group) === 'mentor' ? 'A-mentor-log' : 'B-mentee-log'
	);
	if (!template) error(500, 'server_error');
	const entity = { type: 'mentor_group_log', group, authorId: session.user.id } as const;
	const people = groupSheetPeople(workspace, session, actor, group);
	// In a teacher's own logbook the "mentee" is that teacher alone.
	if (people.me.role === 'mentee') {
		people.pair.mentee = { id: people.me.id, name: people.me.name };
	}
	return {
		...people,
		group: { id: group.id, name: workspace.name },
		template,
		docName: formatDocumentName({
			kind: 'mgroup-log',
			mentorGroupId: group.id,
			userId: session.user.id
		}),
		access: can(actor, 'edit', entity) ? ('write' as const) : ('read' as const)
	};
};
