import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { requireGroup } from '$lib/server/groups/load';
import {
	deleteGroupMeeting,
	groupMeetingInput,
	groupMeetingPlanned,
	groupMeetingsChanged,
	listGroupMeetings,
	markGroupMeetingHeld,
	planGroupMeeting
} from '$lib/server/groups/meetings';
import { loadGroupSpace } from '$lib/server/groups/queries';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, group } = await requireGroup(event);
	const { db } = event.locals.runtime;
	const [space, list] = await Promise.all([
		loadGroupSpace(db, session.claims, group.id),
		listGroupMeetings(db, session.claims, group.id)
	]);
	if (!space) error(404, 'not_found');
	return { group: space.group, ...list };
};

const meetingId = z.object({ meetingId: z.uuid('required') });

async function guarded(action: string, work: () => Promise<void>) {
	try {
		await work();
	} catch (e) {
		return domainFailure(e, (key) => ({ action, error: key }));
	}
	return { action, done: true };
}

const changed = (event: RequestEvent) =>
	groupMeetingsChanged(
		{ db: event.locals.runtime.db, live: event.locals.runtime.live },
		event.params.id ?? ''
	);

export const actions: Actions = {
	plan: async (event) => {
		const { session, group } = await requireGroup(event);
		const parsed = groupMeetingInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'plan', errors: fieldErrors(parsed.error) });
		const { db, live } = event.locals.runtime;
		return guarded('plan', async () => {
			const made = await planGroupMeeting(db, session.claims, group.id, parsed.data);
			await groupMeetingPlanned(
				{ db, live },
				{
					groupId: group.id,
					programId: made.programId,
					by: session.user.id,
					date: parsed.data.date
				}
			);
		});
	},
	held: async (event) => {
		const { session, group } = await requireGroup(event);
		const form = Object.fromEntries(await readForm(event.request));
		const parsed = meetingId.safeParse(form);
		if (!parsed.success) return fail(400, { action: 'held', error: 'required' });
		const result = await guarded('held', () =>
			markGroupMeetingHeld(
				commandContext(event, session),
				group.id,
				parsed.data.meetingId,
				form.held === 'true'
			)
		);
		await changed(event);
		return result;
	},
	delete: async (event) => {
		const { session, group } = await requireGroup(event);
		const parsed = meetingId.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'delete', error: 'required' });
		const result = await guarded('delete', () =>
			deleteGroupMeeting(event.locals.runtime.db, session.claims, group.id, parsed.data.meetingId)
		);
		await changed(event);
		return result;
	}
};
