import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/policy';
import { requireProgram } from '$lib/server/programs/load';
import { confidentialityText } from '$lib/server/pairs/oversight';
import { loadPairRef } from '$lib/server/pairs/queries';
import { findSheet, signaturesOf, signSheet } from '$lib/server/pairs/sheet-actions';
import { commandContext, domainFailure } from '$lib/server/http';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { CONFIDENTIALITY_KEY } from '$lib/domain/templates/keys';

/** The programme's pair and its 02 sheet, for a coordinator allowed to co-sign it. */
async function context(event: RequestEvent) {
	const { session, actor, program } = await requireProgram(event);
	const { db } = event.locals.runtime;
	const pair = await loadPairRef(db, event.params.pairId);
	if (!pair || pair.programId !== program.id) error(404, 'not_found');
	const sheet = await findSheet(db, pair.id, CONFIDENTIALITY_KEY);
	if (!sheet) error(404, 'not_found');
	if (!can(actor, 'sign_as_coordinator', { type: 'sheet', pair, templateKey: sheet.key }))
		error(403, 'forbidden');
	return { session, pair, sheet };
}

export const load: PageServerLoad = async (event) => {
	const { session, sheet } = await context(event);
	const { db, collab } = event.locals.runtime;
	const [text, { signatures, changedSinceSigned }] = await Promise.all([
		confidentialityText(collab, sheet.docName),
		signaturesOf(db, collab, sheet)
	]);
	return {
		text,
		signatures,
		changedSinceSigned,
		mine: signatures.find((s) => s.signerId === session.user.id) ?? null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { session, pair, sheet } = await context(event);
		try {
			await signSheet(commandContext(event, session), pair, sheet, 'coordinator');
		} catch (e) {
			return domainFailure(e);
		}
		return { signed: true };
	}
};
