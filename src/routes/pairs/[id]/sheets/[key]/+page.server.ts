import { error, fail } from '@sveltejs/kit';
import { can, pairRole } from '$lib/domain/policy';
import { isLessonKey } from '$lib/domain/lessons';
import { sheetPermissions } from '$lib/domain/policy/sheet-permissions';
import { getTemplate, pairSheetKeys } from '$lib/domain/templates';
import { documentPeople } from '$lib/server/pairs/identity';
import { listLessons } from '$lib/server/pairs/lessons';
import { requirePair } from '$lib/server/pairs/load';
import { getWorkspace, programmeNames } from '$lib/server/pairs/queries';
import {
	copyToPlan,
	findSheet,
	goalToPlan,
	signaturesOf,
	signSheet
} from '$lib/server/pairs/sheet-actions';
import { pairInstruments } from '$lib/server/programs/instruments';
import { commandContext, readForm, domainFailure } from '$lib/server/http';
import { resourcesForSheet } from '$lib/server/resources';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function sheetOf(event: RequestEvent, action: 'open_workspace') {
	const context = await requirePair(event, action);
	const key = event.params.key;
	const template = pairSheetKeys.includes(key) ? getTemplate(key) : undefined;
	if (!template) error(404, 'not_found');
	const { db } = event.locals.runtime;
	const sheet = await findSheet(db, context.pair.id, key);
	if (!sheet) error(404, 'not_found');
	// An instrument the programme switched off is gone from the pair, unless the sheet has content.
	const instrument = (await pairInstruments(db, context.pair.id)).find((i) => i.key === key);
	if (!instrument) error(404, 'instr_switched_off');
	return { ...context, sheet, template, instrument };
}

export const load: PageServerLoad = async (event) => {
	const { session, actor, pair, sheet, template, instrument } = await sheetOf(
		event,
		'open_workspace'
	);
	const key = sheet.key;
	const { db, collab } = event.locals.runtime;
	const [workspace, names, materials] = await Promise.all([
		getWorkspace(db, session.claims, pair.id),
		programmeNames(db, session.claims, pair.programId),
		// The library's material tagged with this sheet, for the person's role (issue #14).
		resourcesForSheet(
			{ db, claims: session.claims },
			pair.programId,
			actor.programRoles[pair.programId],
			key
		)
	]);
	if (!workspace) error(404, 'not_found');
	// A lesson sheet is a series: `?lesson=n` opens lesson n's own document (lesson 1: the sheet's).
	const lessons = isLessonKey(key) ? await listLessons(db, session.claims, pair.id, key) : null;
	const asked = event.url.searchParams.get('lesson');
	const number = asked === null ? 1 : /^[1-9][0-9]{0,3}$/.test(asked) ? Number(asked) : 0;
	const lesson = lessons ? lessons.find((l) => l.number === number) : null;
	if (lessons && !lesson) error(404, 'not_found');
	const { signatures, changedSinceSigned } = await signaturesOf(db, collab, sheet);
	return {
		...documentPeople(workspace, session, actor, pair),
		sheet: {
			id: sheet.id,
			key: sheet.key,
			docName: lesson?.docName ?? sheet.docName,
			templateVersion: sheet.templateVersion,
			status: sheet.status
		},
		// The template travels with the page data (plain data, a few KB), so the page's JavaScript
		// does not carry the whole catalogue of templates to render one of them.
		template,
		instrument: { use: instrument.use, stage: instrument.stage },
		permissions: sheetPermissions(actor, pair, sheet, template.signers),
		signatures,
		changedSinceSigned,
		placeholders: names ?? undefined,
		programId: pair.programId,
		materials: materials.map((r) => ({ id: r.id, kind: r.kind, title: r.title, url: r.url })),
		/** The series of a lesson sheet and the lesson open here; null for other sheets. */
		lessons: lessons && lesson ? { list: lessons, current: lesson.number } : null
	};
};

function refusal(e: unknown) {
	return domainFailure(e);
}

export const actions: Actions = {
	sign: async (event) => {
		const { session, actor, pair, sheet } = await sheetOf(event, 'open_workspace');
		const role = pairRole(actor, pair);
		if (!role || !can(actor, 'sign', { type: 'sheet', pair, templateKey: sheet.key }))
			return fail(403, { error: 'forbidden' });
		try {
			await signSheet(commandContext(event, session), pair, sheet, role);
		} catch (e) {
			return refusal(e);
		}
		return { signed: true };
	},
	copyToPlan: async (event) => {
		const { session, actor, pair, sheet } = await sheetOf(event, 'open_workspace');
		if (!can(actor, 'edit', { type: 'sheet', pair, templateKey: sheet.key }))
			return fail(403, { error: 'forbidden' });
		const fieldKey = String((await readForm(event.request)).get('fieldKey') ?? '');
		try {
			await copyToPlan(commandContext(event, session), pair, sheet, fieldKey);
		} catch (e) {
			return refusal(e);
		}
		return { copied: fieldKey };
	},
	goalToPlan: async (event) => {
		const { session, actor, pair, sheet } = await sheetOf(event, 'open_workspace');
		if (!can(actor, 'edit', { type: 'sheet', pair, templateKey: sheet.key }))
			return fail(403, { error: 'forbidden' });
		const fieldKey = String((await readForm(event.request)).get('fieldKey') ?? '');
		try {
			await goalToPlan(commandContext(event, session), pair, sheet, fieldKey);
		} catch (e) {
			return refusal(e);
		}
		return { goal: fieldKey };
	}
};
