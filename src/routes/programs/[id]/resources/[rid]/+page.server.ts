import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { RESOURCE_AUDIENCES } from '$lib/domain/resources';
import { getLocale } from '$lib/paraglide/runtime';
import { isUuid } from '$lib/server/db/transaction';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import {
	caseStudyAction,
	deleteResource,
	getResource,
	instrumentOptions,
	reviewCaseStudy
} from '$lib/server/resources';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

function resourceId(event: RequestEvent | Parameters<PageServerLoad>[0]): string {
	const id = event.params.rid ?? '';
	if (!isUuid(id)) error(404, 'not_found');
	return id;
}

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event);
	const resource = await getResource(
		event.locals.runtime.db,
		session.claims,
		program.id,
		resourceId(event)
	);
	if (!resource) error(404, 'not_found');
	const role = actor.programRoles[program.id];
	const mine = resource.authorId === session.user.id;
	return {
		resource,
		instruments: instrumentOptions(getLocale()),
		can: {
			manage: role === 'coordinator' && resource.kind !== 'case_study',
			review: role === 'coordinator' && resource.kind === 'case_study',
			editCase:
				role === 'mentor' &&
				mine &&
				resource.kind === 'case_study' &&
				resource.status !== 'published',
			delete:
				role === 'coordinator' || (role === 'mentor' && mine && resource.status !== 'published')
		}
	};
};

/** Publishing names its audience: mentors, or mentors and mentees. */
const publishInput = z.object({
	audience: z
		.string()
		.transform((v) => v.split(','))
		.pipe(z.array(z.enum(RESOURCE_AUDIENCES)).min(1).max(3))
});

function refused(e: unknown) {
	return domainFailure(e);
}

export const actions: Actions = {
	case: async (event) => caseStudyAction(event, await requireProgram(event), resourceId(event)),
	publish: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const parsed = publishInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'bad_request' });
		try {
			await reviewCaseStudy(commandContext(event, session), program.id, resourceId(event), {
				publish: true,
				audience: [...new Set(parsed.data.audience)]
			});
		} catch (e) {
			return refused(e);
		}
		return { published: true };
	},
	return: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		try {
			await reviewCaseStudy(commandContext(event, session), program.id, resourceId(event), {
				publish: false
			});
		} catch (e) {
			return refused(e);
		}
		redirect(303, `/programs/${program.id}/resources?returned=1`);
	},
	delete: async (event) => {
		const { session, program } = await requireProgram(event);
		const { db, files } = event.locals.runtime;
		try {
			await deleteResource({ db, files }, session.claims, program.id, resourceId(event));
		} catch (e) {
			return refused(e);
		}
		redirect(303, `/programs/${program.id}/resources?deleted=1`);
	}
};
