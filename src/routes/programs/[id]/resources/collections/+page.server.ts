import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors } from '$lib/domain/programs/schemas';
import {
	collectionInput,
	collectionRenameInput,
	libraryFilters,
	libraryPermissions,
	moveDirection
} from '$lib/domain/resources';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import { requireProgram } from '$lib/server/programs/load';
import {
	addToCollection,
	createCollection,
	deleteCollection,
	listCollections,
	moveCollection,
	moveCollectionItem,
	removeFromCollection,
	renameCollection,
	searchLibrary,
	setDone
} from '$lib/server/resources';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event);
	const role = actor.programRoles[program.id];
	const { db } = event.locals.runtime;
	const can = libraryPermissions(role);
	const [collections, published] = await Promise.all([
		listCollections(db, session.claims, program.id, role),
		// The coordinator picks items from the published library.
		can.manage
			? searchLibrary({ db, claims: session.claims }, program.id, role, libraryFilters.parse({}))
			: Promise.resolve(null)
	]);
	return {
		collections,
		can,
		choices: (published?.items ?? [])
			.filter((r) => r.status === 'published')
			.map((r) => ({ id: r.id, title: r.title }))
	};
};

const doneInput = z.object({ itemId: z.uuid(), done: z.enum(['true', 'false']) });
const addInput = z.object({ collectionId: z.uuid(), resourceId: z.uuid('required') });
const removeInput = z.object({ itemId: z.uuid() });
const collectionIdInput = z.object({ collectionId: z.uuid() });
const moveInput = z.object({ id: z.uuid(), direction: moveDirection });

function refused(e: unknown) {
	return domainFailure(e);
}

/** Moves a collection, or an item within its collection, one place up or down. */
function moveAction(move: typeof moveCollection | typeof moveCollectionItem) {
	return async (event: RequestEvent) => {
		const { session, program } = await requireProgram(event, 'edit');
		const parsed = moveInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'bad_request' });
		try {
			await move(commandContext(event, session), program.id, parsed.data.id, parsed.data.direction);
		} catch (e) {
			return refused(e);
		}
		return { moved: parsed.data };
	};
}

export const actions: Actions = {
	done: async (event) => {
		const { session, program } = await requireProgram(event);
		const parsed = doneInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'bad_request' });
		try {
			await setDone(
				commandContext(event, session),
				program.id,
				parsed.data.itemId,
				parsed.data.done === 'true'
			);
		} catch (e) {
			return refused(e);
		}
		return { doneSaved: true };
	},
	create: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const form = await readForm(event.request);
		const values = {
			kind: form.get('kind') ?? undefined,
			title: form.get('title') ?? undefined,
			description: form.get('description') ?? undefined,
			audience: form.getAll('audience').filter((v) => typeof v === 'string')
		};
		const parsed = collectionInput.safeParse(values);
		if (!parsed.success) return fail(400, { collection: { errors: fieldErrors(parsed.error) } });
		try {
			await createCollection(event.locals.runtime.db, session.claims, program.id, parsed.data);
		} catch (e) {
			return refused(e);
		}
		return { created: true };
	},
	add: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const parsed = addInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'required' });
		try {
			await addToCollection(
				commandContext(event, session),
				program.id,
				parsed.data.collectionId,
				parsed.data.resourceId
			);
		} catch (e) {
			return refused(e);
		}
		return { added: true };
	},
	remove: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const parsed = removeInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'bad_request' });
		try {
			await removeFromCollection(
				event.locals.runtime.db,
				session.claims,
				program.id,
				parsed.data.itemId
			);
		} catch (e) {
			return refused(e);
		}
		return { removed: true };
	},
	rename: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const form = await readForm(event.request);
		const id = collectionIdInput.safeParse({ collectionId: form.get('collectionId') });
		if (!id.success) return fail(400, { error: 'bad_request' });
		const values = {
			title: form.get('title') ?? undefined,
			description: form.get('description') ?? undefined
		};
		const parsed = collectionRenameInput.safeParse(values);
		if (!parsed.success)
			return fail(400, {
				rename: { id: id.data.collectionId, errors: fieldErrors(parsed.error), values }
			});
		try {
			await renameCollection(
				commandContext(event, session),
				program.id,
				id.data.collectionId,
				parsed.data
			);
		} catch (e) {
			return refused(e);
		}
		return { renamed: true };
	},
	move: moveAction(moveCollection),
	moveItem: moveAction(moveCollectionItem),
	delete: async (event) => {
		const { session, program } = await requireProgram(event, 'edit');
		const parsed = collectionIdInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { error: 'bad_request' });
		try {
			await deleteCollection(
				event.locals.runtime.db,
				session.claims,
				program.id,
				parsed.data.collectionId
			);
		} catch (e) {
			return refused(e);
		}
		return { deleted: true };
	}
};
