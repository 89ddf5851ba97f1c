import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { matchingAnswersOf } from '$lib/server/coordination/intake';
import { requireProgram } from '$lib/server/programs/load';
import type { PageServerLoad } from './$types';

const params = z.object({ userId: z.uuid() });
const from = z.enum(['people', 'matching', 'intake']).catch('people');

/** The coordinator reads what one mentor or mentee answered for matching. */
export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireProgram(event, 'edit');
	const parsed = params.safeParse(event.params);
	if (!parsed.success) error(404, 'not_found');
	const person = await matchingAnswersOf(
		event.locals.runtime.db,
		session.claims,
		program.id,
		parsed.data.userId
	);
	if (!person) error(404, 'not_found');
	return { person, from: from.parse(event.url.searchParams.get('from') ?? undefined) };
};
