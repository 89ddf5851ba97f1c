import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { can } from '$lib/domain/policy';
import { z } from 'zod';
import { shareInput } from '$lib/domain/groups/schemas';
import { plainText } from '$lib/domain/input';
import { deleteReflection, setReflectionSharing } from '$lib/server/groups/commands';
import { addComment, commentAdded, deleteComment, listComments } from '$lib/server/groups/comments';
import { REACTION_KINDS } from '$lib/domain/groups/reflection';
import { decideSharing } from '$lib/server/groups/prompts';
import { listReactions, reactionChanged, setReaction } from '$lib/server/groups/reactions';
import { collabMe, requireReflection } from '$lib/server/groups/load';
import { loadReflection } from '$lib/server/groups/queries';
import { readForm, domainFailure } from '$lib/server/http';
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
	const [comments, reactions] = await Promise.all([
		listComments(event.locals.runtime.db, session.claims, reflection.id),
		listReactions(event.locals.runtime.db, session.claims, reflection.id)
	]);
	return {
		comments,
		reactions,
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
		return domainFailure(e);
	}
	return { shared: scope };
}

const commentInput = z.object({
	body: plainText().trim().min(1, 'required').max(2000, 'too_long')
});

const reactInput = z.object({ kind: z.enum(REACTION_KINDS, 'required') });
const decideInput = z.object({ choice: z.enum(['group', 'school', 'private'], 'required') });

export const actions: Actions = {
	react: async (event) => {
		const { session, reflection } = await requireReflection(event);
		const form = Object.fromEntries(await readForm(event.request));
		const parsed = reactInput.safeParse(form);
		if (!parsed.success) return fail(400, { action: 'react', error: 'required' });
		// The page says whether the reaction is mine now: a click gives or takes it back.
		const on = form[`mine-${parsed.data.kind}`] !== '1';
		const { db, live } = event.locals.runtime;
		try {
			const target = await setReaction(
				{ db, claims: session.claims },
				reflection.id,
				parsed.data.kind,
				on
			);
			await reactionChanged(
				{ db, live },
				{ ...target, reflectionId: reflection.id, by: session.user.id }
			);
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'react', error: key }));
		}
		return { action: 'react', done: true };
	},
	/** The one-click answer to "share with the group?" of a reflection after a meeting. */
	decide: async (event) => {
		const { session, actor, reflection } = await requireReflection(event);
		if (!can(actor, 'share', { type: 'reflection', reflection }))
			return fail(403, { error: 'forbidden' });
		const parsed = decideInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'required' });
		try {
			const others = await decideSharing(
				event.locals.runtime.db,
				session.claims,
				reflection.id,
				parsed.data.choice
			);
			for (const userId of others) await event.locals.runtime.onAccessChanged(userId);
		} catch (e) {
			return domainFailure(e);
		}
		return { decided: parsed.data.choice };
	},
	comment: async (event) => {
		const { session, reflection } = await requireReflection(event);
		const parsed = commentInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success)
			return fail(400, { action: 'comment', error: parsed.error.issues[0]?.message ?? 'required' });
		const { db, live } = event.locals.runtime;
		try {
			const target = await addComment(db, session.claims, reflection.id, parsed.data.body);
			await commentAdded(
				{ db, live },
				{ reflectionId: reflection.id, ...target, by: session.user.id }
			);
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'comment', error: key }));
		}
		return { action: 'comment', done: true };
	},
	deleteComment: async (event) => {
		const { session } = await requireReflection(event);
		const parsed = z
			.object({ commentId: z.uuid('required') })
			.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'deleteComment', error: 'required' });
		try {
			await deleteComment(event.locals.runtime.db, session.claims, parsed.data.commentId);
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'deleteComment', error: key }));
		}
		return { action: 'deleteComment', done: true };
	},
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
