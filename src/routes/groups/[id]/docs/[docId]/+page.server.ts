import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/policy';
import { isUuid } from '$lib/server/db/transaction';
import { collabMe, requireGroup } from '$lib/server/groups/load';
import { loadGroupDocument } from '$lib/server/groups/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, group } = await requireGroup(event);
	if (!isUuid(event.params.docId)) error(404, 'not_found');
	const document = await loadGroupDocument(
		event.locals.runtime.db,
		session.claims,
		group.id,
		event.params.docId
	);
	if (!document) error(404, 'not_found');
	return {
		groupId: group.id,
		document,
		me: collabMe(session),
		writable: can(actor, 'edit', { type: 'group_doc', group })
	};
};
