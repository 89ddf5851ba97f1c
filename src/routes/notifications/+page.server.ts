import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { readForm, requireSession } from '$lib/server/http';
import { listNotifications, markMeetingHeld, markRead } from '$lib/server/notifications/queries';
import type { Actions, PageServerLoad } from './$types';

/** `?before=<created at>~<id>`: the page after the one that ended there. */
const cursor = z
	.string()
	.regex(/^[0-9T:.+\-Z]{10,40}~[0-9a-f-]{36}$/)
	.transform((value) => {
		const [createdAt, id] = value.split('~');
		return { createdAt, id };
	})
	.refine((c) => !Number.isNaN(Date.parse(c.createdAt)) && z.uuid().safeParse(c.id).success);

export const load: PageServerLoad = async (event) => {
	const session = requireSession(event);
	const raw = event.url.searchParams.get('before');
	const before = raw === null ? undefined : cursor.safeParse(raw);
	if (before && !before.success) error(400, 'bad_request');
	const list = await listNotifications(event.locals.runtime.db, session.claims, getLocale(), {
		before: before?.data
	});
	const last = list.items.at(-1);
	return {
		...list,
		next: list.more && last ? `${last.createdAt}~${last.id}` : null,
		paged: raw !== null
	};
};

const idInput = z.object({ id: z.uuid() });

export const actions: Actions = {
	read: async (event) => {
		const session = requireSession(event);
		const parsed = idInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'bad_request' });
		await markRead(event.locals.runtime.db, session.claims, [parsed.data.id]);
		return { done: 'read' };
	},
	readAll: async (event) => {
		const session = requireSession(event);
		await readForm(event.request);
		await markRead(event.locals.runtime.db, session.claims, 'all');
		return { done: 'read' };
	},
	held: async (event) => {
		const session = requireSession(event);
		const parsed = idInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'bad_request' });
		const marked = await markMeetingHeld(event.locals.runtime.db, session.claims, parsed.data.id);
		if (!marked) return fail(404, { error: 'not_found' });
		return { done: 'held' };
	}
};
