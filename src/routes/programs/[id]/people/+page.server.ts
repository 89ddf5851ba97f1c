import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	fieldErrors,
	inviteInput,
	peopleQuery,
	roleInput,
	searchParamsObject
} from '$lib/domain/programs/schemas';
import {
	changeRole,
	inviteMember,
	removeMember,
	renewInvitationLink,
	revokeInvitation
} from '$lib/server/programs/commands';
import { personPermissions } from '$lib/domain/policy/people-permissions';
import { DomainError } from '$lib/server/errors';
import { requireProgram } from '$lib/server/programs/load';
import { searchPeople } from '$lib/server/programs/people';
import { commandContext, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, program } = await requireProgram(event, 'view_people');
	const query = peopleQuery.parse(searchParamsObject(event.url.searchParams));
	const list = await searchPeople(event.locals.runtime.db, session.claims, program.id, query);
	return {
		query,
		// Each row with what the page may offer for it: the page re-derives no rule.
		list: {
			...list,
			people: list.people.map((person) => ({
				...person,
				can: personPermissions(actor, program, person)
			}))
		},
		me: session.user.id,
		mailKind: event.locals.runtime.mailer.kind,
		created: event.url.searchParams.has('created')
	};
};

const idInput = z.object({ id: z.uuid() });

/** Runs a command; a refusal becomes a form error instead of an error page. */
async function attempt<T>(action: string, run: () => Promise<T>) {
	try {
		return { ok: true as const, value: await run() };
	} catch (e) {
		if (e instanceof DomainError)
			return { ok: false as const, failure: fail(e.status, { action, error: e.key }) };
		throw e;
	}
}

export const actions: Actions = {
	invite: async (event) => {
		const { session, program } = await requireProgram(event, 'invite');
		const form = await readForm(event.request);
		const values = { email: String(form.get('email') ?? ''), role: String(form.get('role') ?? '') };
		const parsed = inviteInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { action: 'invite', errors: fieldErrors(parsed.error), values });
		const result = await attempt('invite', () =>
			inviteMember(commandContext(event, session), program.id, parsed.data)
		);
		if (!result.ok) return result.failure;
		return { action: 'invite', invited: { ...parsed.data, link: result.value.link } };
	},
	renew: async (event) => {
		const { session, program } = await requireProgram(event, 'invite');
		const parsed = idInput.safeParse({ id: (await readForm(event.request)).get('id') });
		if (!parsed.success) return fail(400, { action: 'renew', error: 'not_found' });
		const result = await attempt('renew', () =>
			renewInvitationLink(commandContext(event, session), program.id, parsed.data.id)
		);
		if (!result.ok) return result.failure;
		return { action: 'renew', renewed: { id: parsed.data.id, link: result.value.link } };
	},
	revoke: async (event) => {
		const { session, program } = await requireProgram(event, 'invite');
		const parsed = idInput.safeParse({ id: (await readForm(event.request)).get('id') });
		if (!parsed.success) return fail(400, { action: 'revoke', error: 'not_found' });
		const result = await attempt('revoke', () =>
			revokeInvitation(event.locals.runtime.db, session.claims, program.id, parsed.data.id)
		);
		return result.ok ? { action: 'revoke', done: true } : result.failure;
	},
	role: async (event) => {
		const { session, program } = await requireProgram(event, 'view_people');
		const form = await readForm(event.request);
		const parsed = roleInput.safeParse({ membershipId: form.get('id'), role: form.get('role') });
		if (!parsed.success) return fail(400, { action: 'role', error: 'required' });
		const result = await attempt('role', () =>
			changeRole(
				commandContext(event, session),
				program.id,
				parsed.data.membershipId,
				parsed.data.role
			)
		);
		if (!result.ok) return result.failure;
		// A new role may close (or open) documents: re-check the person's open sockets.
		await event.locals.runtime.onAccessChanged(result.value);
		return { action: 'role', done: true };
	},
	remove: async (event) => {
		const { session, program } = await requireProgram(event, 'view_people');
		const form = await readForm(event.request);
		const parsed = idInput.safeParse({ id: form.get('id') });
		if (!parsed.success) return fail(400, { action: 'remove', error: 'not_found' });
		const result = await attempt('remove', () =>
			removeMember(event.locals.runtime.db, session.claims, program.id, parsed.data.id)
		);
		if (!result.ok) return result.failure;
		await event.locals.runtime.onAccessChanged(result.value);
		return { action: 'remove', done: true, name: String(form.get('name') ?? '') };
	}
};
