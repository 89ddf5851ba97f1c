import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { readForm } from '$lib/server/http';
import { markRead } from '$lib/server/messages';
import { requirePair } from '$lib/server/pairs/load';
import type { RequestHandler } from './$types';

const input = z.object({ upTo: z.uuid().optional() });

/** Marks the conversation read up to the newest message the page showed (a form post, so CSRF-checked). */
export const POST: RequestHandler = async (event) => {
	const { session, actor, pair } = await requirePair(event, 'open_workspace');
	const form = await readForm(event.request);
	const parsed = input.safeParse({ upTo: form.get('upTo') ?? undefined });
	if (!parsed.success) error(400, 'bad_request');
	await markRead(
		event.locals.runtime.messaging,
		{ claims: session.claims, actor },
		pair,
		parsed.data.upTo
	);
	return json({ ok: true });
};
