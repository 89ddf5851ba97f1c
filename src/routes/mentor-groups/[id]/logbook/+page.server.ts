import { error, fail } from '@sveltejs/kit';
import { can, mentorGroupRole } from '$lib/domain/policy';
import { fieldsOf, getTemplate } from '$lib/domain/templates';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDocumentName } from '$lib/shared/collab';
import { GROUP_SHEET_KEYS } from '$lib/domain/mentor-groups';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { sheetUsedOptions } from '$lib/domain/templates/sheets/a-mentor-log';
import { commandContext, domainFailure, readForm } from '$lib/server/http';
import {
	groupSheetPeople,
	mentorGroupWorkspace,
	myGroupLogSubmissions,
	requireMentorGroup,
	submitGroupLogPart2
} from '$lib/server/mentor-groups';
import { logPart2Input } from '$lib/server/pairs/logbook';
import type { Actions, PageServerLoad } from './$types';

/**
 * The person's own logbook (part 1) in the group: a live document only its author opens, as a
 * pair's logbook; the mentor keeps logbook A, a teacher logbook B.
 */
export const load: PageServerLoad = async (event) => {
	const { session, actor, group } = await requireMentorGroup(event);
	const { db } = event.locals.runtime;
	const [workspace, submissions] = await Promise.all([
		mentorGroupWorkspace(db, session.claims, group.id),
		myGroupLogSubmissions(db, session.claims, group.id)
	]);
	if (!workspace) error(404, 'not_found');
	const template = getTemplate(
		mentorGroupRole(actor, group) === 'mentor' ? 'A-mentor-log' : 'B-mentee-log'
	);
	if (!template) error(500, 'server_error');
	const part2 = getTemplate(
		mentorGroupRole(actor, group) === 'mentor' ? 'A-mentor-log-part2' : 'B-mentee-log-part2'
	);
	if (!part2) error(500, 'server_error');
	const entity = { type: 'mentor_group_log', group, authorId: session.user.id } as const;
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	const people = groupSheetPeople(workspace, session, actor, group);
	// In a teacher's own logbook the "mentee" is that teacher alone.
	if (people.me.role === 'mentee') {
		people.pair.mentee = { id: people.me.id, name: people.me.name };
	}
	return {
		...people,
		group: { id: group.id, name: workspace.name },
		template,
		docName: formatDocumentName({
			kind: 'mgroup-log',
			mentorGroupId: group.id,
			userId: session.user.id
		}),
		access: can(actor, 'edit', entity) ? ('write' as const) : ('read' as const),
		// The part-2 form's labels, from the logbook template (the page ships no catalogue).
		part2Labels: Object.fromEntries(fieldsOf(part2).map((f) => [f.key, f.label[locale]])),
		// The part-2 form offers the group's own sheets as "sheet used".
		sheetOptions: sheetUsedOptions
			.filter((o) => (GROUP_SHEET_KEYS as readonly string[]).includes(o.key))
			.map((o) => ({ key: o.key, label: o.label })),
		submissions
	};
};

export const actions: Actions = {
	/** Logbook part 2 (monitoring): to the programme's coordinators, as a pair's part 2 goes. */
	submit: async (event) => {
		const { session, actor, group } = await requireMentorGroup(event);
		const role = mentorGroupRole(actor, group);
		if (!role) return fail(403, { error: 'forbidden' });
		const form = await readForm(event.request);
		const values = {
			metOn: String(form.get('metOn') ?? ''),
			sheetUsed: form.getAll('sheetUsed').map(String),
			difficulties: String(form.get('difficulties') ?? ''),
			strengthening: String(form.get('strengthening') ?? ''),
			other: String(form.get('other') ?? ''),
			difficultyFlag: form.get('difficultyFlag') === 'on'
		};
		const parsed = logPart2Input.safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
		try {
			await submitGroupLogPart2(commandContext(event, session), group, role, parsed.data);
		} catch (e) {
			return domainFailure(e, (key) => ({ errors: { form: key }, values }));
		}
		return { submitted: true };
	}
};
