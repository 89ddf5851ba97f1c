import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { intakeInput } from '$lib/domain/groups/engagement';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { isUuid } from '$lib/server/db/transaction';
import { loadSchoolEngagement, recordIntake } from '$lib/server/groups/engagement';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad } from './$types';

/** The coordinator of a learning-community programme and one of its schools; else 404. */
async function requireSchool(event: RequestEvent) {
	const found = await requireProgram(event, 'manage_groups');
	if (found.program.kind !== 'learning_community') error(404, 'not_found');
	const schoolId = event.params.schoolId ?? '';
	if (!isUuid(schoolId)) error(404, 'not_found');
	return { ...found, schoolId };
}

export const load: PageServerLoad = async (event) => {
	const { session, program, schoolId } = await requireSchool(event);
	const engagement = await loadSchoolEngagement(
		commandContext(event, session),
		program.id,
		schoolId
	);
	if (!engagement) error(404, 'not_found');
	return { engagement };
};

export const actions: Actions = {
	save: async (event) => {
		const { session, program, schoolId } = await requireSchool(event);
		const form = await readForm(event.request);
		const parsed = intakeInput.safeParse(Object.fromEntries(form));
		if (!parsed.success) {
			return fail(400, { errors: fieldErrors(parsed.error), error: 'required' });
		}
		try {
			await recordIntake(commandContext(event, session), program.id, schoolId, parsed.data);
		} catch (e) {
			return domainFailure(e);
		}
		return { saved: true };
	}
};
