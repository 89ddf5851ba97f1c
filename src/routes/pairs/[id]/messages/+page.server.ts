import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { pairRole, pairWritable } from '$lib/domain/policy';
import { isUuid } from '$lib/server/db/transaction';
import { readForm } from '$lib/server/http';
import {
	deleteMessage,
	editMessage,
	EDIT_WINDOW_MS,
	listMessages,
	MAX_BODY_CHARS,
	mentionOptions,
	MessageError,
	postMessage
} from '$lib/server/messages';
import { requirePair } from '$lib/server/pairs/load';
import { getWorkspace } from '$lib/server/pairs/queries';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	event.depends('app:messages');
	const { session, actor, pair } = await requirePair(event, 'open_workspace');
	const role = pairRole(actor, pair);
	if (!role) error(403, 'forbidden');
	const before = event.url.searchParams.get('before');
	if (before !== null && !isUuid(before)) error(400, 'bad_request');
	const { db } = event.locals.runtime;
	const [page, workspace] = await Promise.all([
		listMessages(db, session.claims, pair.id, { before: before ?? undefined }),
		getWorkspace(db, session.claims, pair.id)
	]);
	if (!workspace) error(404, 'not_found');
	const partner = role === 'mentor' ? workspace.mentee : workspace.mentor;
	return {
		pairId: pair.id,
		me: session.user.id,
		partner: { id: role === 'mentor' ? pair.menteeId : pair.mentorId, name: partner.name },
		writable: pairWritable(pair),
		history: before !== null,
		...page,
		mentions: mentionOptions(),
		editWindowMs: EDIT_WINDOW_MS,
		maxChars: MAX_BODY_CHARS,
		fileMaxMb: event.locals.runtime.config.FILE_MAX_MB
	};
};

const idInput = z.object({ id: z.string().refine(isUuid) });

async function run<T>(
	event: RequestEvent,
	work: (ctx: Awaited<ReturnType<typeof requirePair>>, form: FormData) => Promise<T>
) {
	const ctx = await requirePair(event, 'open_workspace');
	const form = await readForm(event.request);
	try {
		return await work(ctx, form);
	} catch (e) {
		if (e instanceof MessageError)
			return fail(e.status, {
				error: e.key,
				params: e.params,
				body: String(form.get('body') ?? '').slice(0, MAX_BODY_CHARS)
			});
		throw e;
	}
}

export const actions: Actions = {
	post: (event) =>
		run(event, async ({ session, actor, pair }, form) => {
			const uploads = await Promise.all(
				form
					.getAll('files')
					.filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''))
					.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))
			);
			const message = await postMessage(
				event.locals.runtime.messaging,
				{ claims: session.claims, actor },
				pair,
				{ body: String(form.get('body') ?? ''), files: uploads }
			);
			return { posted: message };
		}),
	edit: (event) =>
		run(event, async ({ session, actor, pair }, form) => {
			const parsed = idInput.safeParse({ id: form.get('id') });
			if (!parsed.success) throw new MessageError(400, 'bad_request');
			const message = await editMessage(
				event.locals.runtime.messaging,
				{ claims: session.claims, actor },
				pair,
				{ messageId: parsed.data.id, body: String(form.get('body') ?? '') }
			);
			return { edited: message };
		}),
	delete: (event) =>
		run(event, async ({ session, actor, pair }, form) => {
			const parsed = idInput.safeParse({ id: form.get('id') });
			if (!parsed.success) throw new MessageError(400, 'bad_request');
			const message = await deleteMessage(
				event.locals.runtime.messaging,
				{ claims: session.claims, actor },
				pair,
				parsed.data.id
			);
			return { deleted: message };
		})
};
