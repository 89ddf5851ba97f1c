import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import {
	groupInput,
	groupMemberInput,
	placeInput,
	removeGroupMemberInput,
	schoolEditInput,
	schoolInput
} from '$lib/domain/groups/schemas';
import { fieldErrors } from '$lib/domain/programs/schemas';
import {
	createGroup,
	createSchool,
	placeParticipant,
	removeGroupMember,
	setGroupMember,
	updateSchool
} from '$lib/server/groups/commands';
import { loadGroupActivity } from '$lib/server/groups/activity';
import { listEngagementStatuses } from '$lib/server/groups/engagement';
import { loadGroupsAdmin } from '$lib/server/groups/queries';
import { readForm, domainFailure } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import type { Actions, PageServerLoad } from './$types';

/** The coordinator of a learning-community programme; anything else is not a page here. */
async function requireGroupsAdmin(event: RequestEvent) {
	const found = await requireProgram(event, 'manage_groups');
	if (found.program.kind !== 'learning_community') error(404, 'not_found');
	return found;
}

export const load: PageServerLoad = async (event) => {
	const { session, program } = await requireGroupsAdmin(event);
	const { db } = event.locals.runtime;
	const [admin, activity, engagement] = await Promise.all([
		loadGroupsAdmin(db, session.claims, program.id),
		loadGroupActivity(db, session.claims, program.id),
		listEngagementStatuses(db, session.claims, program.id)
	]);
	return { ...admin, activity, engagement };
};

/** Validates the form with `schema`, runs `command`, and turns refusals into 4xx answers. */
async function act<S extends z.ZodType, R>(
	event: RequestEvent,
	action: string,
	schema: S,
	command: (input: z.infer<S>, ctx: Awaited<ReturnType<typeof requireGroupsAdmin>>) => Promise<R>
) {
	const ctx = await requireGroupsAdmin(event);
	const form = await readForm(event.request);
	const parsed = schema.safeParse(Object.fromEntries(form));
	if (!parsed.success) {
		return fail(400, { action, errors: fieldErrors(parsed.error), error: 'required' });
	}
	try {
		const result = await command(parsed.data, ctx);
		return { action, done: true, result };
	} catch (e) {
		return domainFailure(e, (key) => ({ action, error: key }));
	}
}

export const actions: Actions = {
	addSchool: (event) =>
		act(event, 'addSchool', schoolInput, (input, { session, program }) =>
			createSchool(event.locals.runtime.db, session.claims, program.id, input)
		),
	editSchool: (event) =>
		act(event, 'editSchool', schoolEditInput, (input, { session, program }) =>
			updateSchool(event.locals.runtime.db, session.claims, program.id, input)
		),
	place: (event) =>
		act(event, 'place', placeInput, async (input, { session, program }) => {
			const affected = await placeParticipant(
				event.locals.runtime.db,
				session.claims,
				program.id,
				input
			);
			for (const userId of affected) await event.locals.runtime.onAccessChanged(userId);
		}),
	createGroup: (event) =>
		act(event, 'createGroup', groupInput, (input, { session, program }) =>
			createGroup(event.locals.runtime.db, session.claims, program.id, input)
		),
	setMember: (event) =>
		act(event, 'setMember', groupMemberInput, async (input, { session, program }) => {
			const userId = await setGroupMember(
				event.locals.runtime.db,
				session.claims,
				program.id,
				input
			);
			await event.locals.runtime.onAccessChanged(userId);
		}),
	removeMember: (event) =>
		act(event, 'removeMember', removeGroupMemberInput, async (input, { session, program }) => {
			const userId = await removeGroupMember(
				event.locals.runtime.db,
				session.claims,
				program.id,
				input
			);
			await event.locals.runtime.onAccessChanged(userId);
		})
};
