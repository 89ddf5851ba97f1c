import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { GROUP_SHEET_KEYS, mentorGroupInput } from '$lib/domain/mentor-groups';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { getTemplate } from '$lib/domain/templates';
import { domainFailure, readForm } from '$lib/server/http';
import { createMentorGroup, groupCandidates, programMentorGroups } from '$lib/server/mentor-groups';
import { requireProgram } from '$lib/server/programs/load';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

/** The coordinator of a teacher-induction programme; anything else is not a page here. */
async function requireMentorGroupsAdmin(event: RequestEvent) {
	const found = await requireProgram(event, 'manage_groups');
	if (found.program.kind !== 'teacher_induction') error(404, 'not_found');
	return found;
}

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireMentorGroupsAdmin(event);
	const { db } = event.locals.runtime;
	const [groups, candidates] = await Promise.all([
		programMentorGroups(db, session.claims, program.id),
		groupCandidates(db, session.claims, program.id)
	]);
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	return {
		groups,
		mentors: candidates.filter((c) => c.role === 'mentor').map(({ id, name }) => ({ id, name })),
		teachers: candidates.filter((c) => c.role === 'mentee').map(({ id, name }) => ({ id, name })),
		sheetTitles: GROUP_SHEET_KEYS.map((key) => getTemplate(key)?.title[locale] ?? key)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { session, program } = await requireMentorGroupsAdmin(event);
		const form = await readForm(event.request);
		const values = {
			name: String(form.get('name') ?? ''),
			mentorId: String(form.get('mentorId') ?? ''),
			teacherIds: form.getAll('teacherIds').map(String)
		};
		const parsed = mentorGroupInput.safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
		try {
			const id = await createMentorGroup(
				event.locals.runtime.db,
				session.claims,
				program.id,
				parsed.data
			);
			return { created: id };
		} catch (e) {
			return domainFailure(e, (key) => ({ errors: { form: key }, values }));
		}
	}
};
