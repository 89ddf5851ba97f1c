import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { INTERVISION_METHODS } from '$lib/domain/groups/intervision';
import { can } from '$lib/domain/policy';
import {
	controlRound,
	loadOpenRound,
	roundChanged,
	ROUND_CONTROLS,
	startRound
} from '$lib/server/groups/intervision';
import { collabMe, requireGroup } from '$lib/server/groups/load';
import { loadClosingReflection, saveClosingReflection } from '$lib/server/groups/prompts';
import { plainText } from '$lib/domain/input';
import { loadGroupSpace } from '$lib/server/groups/queries';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session, actor, group } = await requireGroup(event);
	const { db } = event.locals.runtime;
	const [space, round] = await Promise.all([
		loadGroupSpace(db, session.claims, group.id),
		loadOpenRound(db, session.claims, group.id)
	]);
	if (!space) error(404, 'not_found');
	const closing =
		round && round.caseOwnerId === session.user.id
			? await loadClosingReflection(db, session.claims, round.id)
			: null;
	return {
		closing,
		canKeepReflection: can(actor, 'keep_reflection', { type: 'group', group }),
		group: space.group,
		members: space.members,
		notes: space.documents.find((d) => d.kind === 'intervision_notes') ?? null,
		round,
		me: collabMe(session),
		writable: can(actor, 'edit', { type: 'group_doc', group })
	};
};

const person = z.uuid('required');
const startInput = z.object({
	method: z.enum(INTERVISION_METHODS, 'required'),
	caseOwnerId: person,
	chairId: person,
	timekeeperId: z.union([z.literal(''), person]).default('')
});
const closingInput = z.object({
	roundId: z.uuid('required'),
	text: plainText().trim().min(1, 'required').max(5000, 'too_long')
});
const controlInput = z.object({ roundId: z.uuid('required'), control: z.enum(ROUND_CONTROLS) });

async function run(event: RequestEvent, action: string, work: () => Promise<unknown>) {
	try {
		await work();
	} catch (e) {
		return domainFailure(e, (key) => ({ action, error: key }));
	}
	const { db, live } = event.locals.runtime;
	await roundChanged({ db, live }, event.params.id ?? '');
	return { action, done: true };
}

export const actions: Actions = {
	start: async (event) => {
		const { session, group } = await requireGroup(event);
		const parsed = startInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'start', error: 'lg_roles_required' });
		const { timekeeperId, ...rest } = parsed.data;
		return run(event, 'start', () =>
			startRound(event.locals.runtime.db, session.claims, group.id, {
				...rest,
				timekeeperId: timekeeperId || null
			})
		);
	},
	/** The case owner keeps what they take away as a private reflection of their own. */
	closing: async (event) => {
		const { session, group } = await requireGroup(event, 'keep_reflection');
		const parsed = closingInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success)
			return fail(400, { action: 'closing', error: parsed.error.issues[0]?.message ?? 'required' });
		try {
			await saveClosingReflection(event.locals.runtime.db, session.claims, group.id, {
				...parsed.data,
				locale: session.user.locale === 'en' ? 'en' : 'nl'
			});
		} catch (e) {
			return domainFailure(e, (key) => ({ action: 'closing', error: key }));
		}
		return { action: 'closing', done: true };
	},
	control: async (event) => {
		const { session, group } = await requireGroup(event);
		const parsed = controlInput.safeParse(Object.fromEntries(await readForm(event.request)));
		if (!parsed.success) return fail(400, { action: 'control', error: 'required' });
		return run(event, 'control', () =>
			controlRound(
				commandContext(event, session),
				group.id,
				parsed.data.roundId,
				parsed.data.control
			)
		);
	}
};
