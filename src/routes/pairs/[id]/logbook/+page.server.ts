import { error, fail } from '@sveltejs/kit';
import { can, pairRole } from '$lib/domain/policy';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { formatDocumentName } from '$lib/shared/collab';
import { logPart2Input, myLogbookParts, submitLogbookPart2 } from '$lib/server/pairs/logbook';
import { documentPeople } from '$lib/server/pairs/identity';
import { requirePair } from '$lib/server/pairs/load';
import { getWorkspace } from '$lib/server/pairs/queries';
import { commandContext, readForm } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import {
	MENTEE_LOG_KEY,
	MENTEE_LOG_PART2_KEY,
	MENTOR_LOG_KEY,
	MENTOR_LOG_PART2_KEY
} from '$lib/domain/templates/keys';

export const load: PageServerLoad = async (event) => {
	const { session, actor, pair } = await requirePair(event, 'open_workspace');
	const role = pairRole(actor, pair);
	if (!role) error(403, 'forbidden');
	const { db } = event.locals.runtime;
	const [workspace, submissions] = await Promise.all([
		getWorkspace(db, session.claims, pair.id),
		myLogbookParts(db, session.claims, pair.id)
	]);
	if (!workspace) error(404, 'not_found');
	const entity = { type: 'logbook', pair, authorId: session.user.id } as const;
	return {
		...documentPeople(workspace, session, actor, pair),
		part1: {
			key: role === 'mentor' ? MENTOR_LOG_KEY : MENTEE_LOG_KEY,
			docName: formatDocumentName({ kind: 'log', pairId: pair.id, userId: session.user.id })
		},
		part2Key: role === 'mentor' ? MENTOR_LOG_PART2_KEY : MENTEE_LOG_PART2_KEY,
		access: can(actor, 'edit', entity) ? ('write' as const) : ('read' as const),
		canSubmit: can(actor, 'submit_log', { type: 'pair', pair }),
		meetings: workspace.meetings.map((m) => ({
			number: m.number,
			plannedOn: m.plannedOn,
			held: !!m.heldAt
		})),
		submissions
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { session, actor, pair } = await requirePair(event, 'submit_log');
		const role = pairRole(actor, pair);
		if (!role) return fail(403, { error: 'forbidden' });
		const form = await readForm(event.request);
		const values = {
			metOn: String(form.get('metOn') ?? ''),
			meetingNumber: form.get('meetingNumber') ? String(form.get('meetingNumber')) : undefined,
			sheetUsed: form.getAll('sheetUsed').map(String),
			difficulties: String(form.get('difficulties') ?? ''),
			strengthening: String(form.get('strengthening') ?? ''),
			other: String(form.get('other') ?? ''),
			difficultyFlag: form.get('difficultyFlag') === 'on'
		};
		const parsed = logPart2Input.safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
		await submitLogbookPart2(commandContext(event, session), pair, role, parsed.data);
		return { submitted: true };
	}
};
