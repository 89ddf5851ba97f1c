import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { can } from '$lib/domain/policy';
import { shareInput } from '$lib/domain/groups/schemas';
import { deleteReflection, setReflectionSharing } from '$lib/server/groups/commands';
import { collabMe, requireReflection } from '$lib/server/groups/load';
import { loadReflection } from '$lib/server/groups/queries';
import { readForm } from '$lib/server/http';
import { DomainError } from '$lib/server/programs/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, reflection } = await requireReflection(event);
	const row = await loadReflection(
		event.locals.runtime.db,
		session.claims,
		reflection.group.id,
		reflection.id
	);
	if (!row) error(404, 'not_found');
	const entity = { type: 'reflection', reflection } as const;
	return {
		groupId: reflection.group.id,
		reflection: row,
		me: collabMe(session),
		writable: can(actor, 'edit', entity),
		canShare: can(actor, 'share', entity)
	};
};

/** The author's sharing change, then the re-check of everyone else's open sockets. */
async function share(event: RequestEvent, scope: 'group' | 'school' | null) {
	const { session, actor, reflection } = await requireReflection(event);
	if (!can(actor, 'share', { type: 'reflection', reflection }))
		return fail(403, { error: 'forbidden' });
	try {
		const others = await setReflectionSharing(
			event.locals.runtime.db,
			session.claims,
			reflection.id,
			scope
		);
		for (const userId of others) await event.locals.runtime.onAccessChanged(userId);
	} catch (e) {
		if (e instanceof DomainError) return fail(e.status, { error: e.key });
		throw e;
	}
	return { shared: scope };
}

export const actions: Actions = {
	share: async (event) => {
		const parsed = shareInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'required' });
		return share(event, parsed.data.scope);
	},
	unshare: (event) => share(event, null),
	delete: async (event) => {
		const { session, actor, reflection } = await requireReflection(event);
		if (!can(actor, 'delete', { type: 'reflection', reflection }))
			return fail(403, { error: 'forbidden' });
		const affected = await deleteReflection(event.locals.runtime.db, session.claims, reflection.id);
		for (const userId of affected) await event.locals.runtime.onAccessChanged(userId);
		redirect(303, `/groups/${reflection.group.id}`);
	}
};
