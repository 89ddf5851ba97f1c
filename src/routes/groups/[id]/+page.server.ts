import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { can } from '$lib/domain/policy';
import { documentInput, handOverInput, reflectionInput } from '$lib/domain/groups/schemas';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { todayInProgramZone } from '$lib/domain/time';
import { createGroupDocument, createReflection, handOverGroup } from '$lib/server/groups/commands';
import { requireGroup } from '$lib/server/groups/load';
import { createDuo, endDuo, listDuos } from '$lib/server/groups/duos';
import { groupHostRotation, groupMeetingsChanged } from '$lib/server/groups/meetings';
import { loadGroupSpace } from '$lib/server/groups/queries';
import { listMeetingPrompts, startMeetingReflection } from '$lib/server/groups/prompts';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, group } = await requireGroup(event);
	const [space, duos, prompts, hostRotation] = await Promise.all([
		loadGroupSpace(event.locals.runtime.db, session.claims, group.id),
		listDuos(event.locals.runtime.db, session.claims, group.id),
		listMeetingPrompts(event.locals.runtime.db, session.claims, group.id),
		groupHostRotation(event.locals.runtime.db, session.claims, group.id)
	]);
	if (!space) error(404, 'not_found');
	const entity = { type: 'group', group } as const;
	return {
		...space,
		duos,
		meetingPrompt: prompts[0] ?? null,
		hostRotation,
		me: session.user.id,
		can: {
			handOver: can(actor, 'hand_over', entity),
			keepReflection: can(actor, 'keep_reflection', entity)
		}
	};
};

const duoInput = z.object({ memberA: z.uuid('required'), memberB: z.uuid('required') });

export const actions: Actions = {
	newDuo: async (event) => {
		const { session, group } = await requireGroup(event);
		const parsed = duoInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'newDuo', error: 'lg_not_in_group' });
		let docId: string;
		try {
			({ docId } = await createDuo(event.locals.runtime.db, session.claims, group.id, {
				...parsed.data,
				locale: session.user.locale === 'en' ? 'en' : 'nl'
			}));
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'newDuo', error: key }));
		}
		redirect(303, `/groups/${group.id}/docs/${docId}`);
	},
	endDuo: async (event) => {
		const { session, group } = await requireGroup(event);
		const parsed = z
			.object({ duoId: z.uuid('required') })
			.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'endDuo', error: 'required' });
		try {
			const two = await endDuo(
				event.locals.runtime.db,
				session.claims,
				group.id,
				parsed.data.duoId
			);
			for (const userId of two) await event.locals.runtime.onAccessChanged(userId);
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'endDuo', error: key }));
		}
		return { action: 'endDuo', done: true };
	},
	newDocument: async (event) => {
		const { session, group } = await requireGroup(event);
		const parsed = documentInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success)
			return fail(400, { action: 'newDocument', errors: fieldErrors(parsed.error) });
		let docId: string;
		try {
			docId = await createGroupDocument(
				event.locals.runtime.db,
				session.claims,
				group.id,
				parsed.data
			);
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'newDocument', error: key }));
		}
		redirect(303, `/groups/${group.id}/docs/${docId}`);
	},
	newReflection: async (event) => {
		const { session, group } = await requireGroup(event, 'keep_reflection');
		const parsed = reflectionInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success)
			return fail(400, { action: 'newReflection', errors: fieldErrors(parsed.error) });
		const id = await createReflection(commandContext(event, session), group.id, parsed.data.title);
		redirect(303, `/groups/${group.id}/reflections/${id}`);
	},
	/** Starts (or reopens) my reflection on a meeting that took place, with its questions. */
	meetingReflection: async (event) => {
		const { session, group } = await requireGroup(event, 'keep_reflection');
		const parsed = z
			.object({ meetingId: z.uuid('required') })
			.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'meetingReflection', error: 'required' });
		let id: string;
		try {
			id = await startMeetingReflection(event.locals.runtime.db, session.claims, group.id, {
				meetingId: parsed.data.meetingId,
				locale: session.user.locale === 'en' ? 'en' : 'nl'
			});
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'meetingReflection', error: key }));
		}
		redirect(303, `/groups/${group.id}/reflections/${id}`);
	},
	handOver: async (event) => {
		const { session, group } = await requireGroup(event, 'hand_over');
		const parsed = handOverInput.safeParse({ on: todayInProgramZone() });
		if (!parsed.success) return fail(400, { action: 'handOver', error: 'date' });
		const { db, live } = event.locals.runtime;
		await handOverGroup(db, session.claims, group.id, parsed.data.on);
		// The members may plan meetings now: their open meetings pages show the planner at once.
		await groupMeetingsChanged({ db, live }, group.id);
		return { action: 'handOver', done: true };
	}
};
