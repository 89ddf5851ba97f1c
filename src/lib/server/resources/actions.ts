/**
 * The library's form actions, shared by its routes: read the form, validate it with the domain
 * schema, call one command, and answer a refusal as a 4xx with the field it concerns and the
 * translated key (never a 500, nothing written).
 */
import { commandContext } from '$lib/server/http';
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { fieldErrors } from '$lib/domain/programs/schemas';
import { caseStudyInput, resourceInput } from '$lib/domain/resources';
import { readForm } from '../http';
import { DomainError } from '$lib/server/errors';
import type { Program } from '../programs/queries';
import type { Session } from '../auth/types';
import { createResource, LibraryError, saveCaseStudy, updateResource } from './commands';
import { caseStudyFormValues, instrumentKeys, resourceFormValues, uploadOf } from './form';

const FIELD_OF: Record<string, string> = {
	res_url: 'url',
	res_file_required: 'file',
	res_file_empty: 'file',
	res_file_too_large: 'file',
	res_file_type: 'file'
};

function refusal(error: unknown, values: Record<string, unknown>) {
	if (error instanceof DomainError) {
		const params = error instanceof LibraryError ? error.params : {};
		return fail(error.status, {
			errors: { [FIELD_OF[error.key] ?? 'form']: error.key },
			params,
			values
		});
	}
	throw error;
}

/** Values to show again in a refused form: text only, and never a huge one. */
function echo(values: Record<string, unknown>) {
	return Object.fromEntries(
		Object.entries(values).map(([k, v]) => [
			k,
			typeof v === 'string' ? v.slice(0, 20_000) : Array.isArray(v) ? v.slice(0, 40) : v
		])
	);
}

/** Adds (no `id`) or changes a link or document; redirects to it. */
export async function resourceAction(
	event: RequestEvent,
	context: { session: Session; program: Program },
	id?: string
) {
	const { session, program } = context;
	const form = await readForm(event.request);
	const values = resourceFormValues(form);
	const parsed = resourceInput(instrumentKeys).safeParse(values);
	if (!parsed.success)
		return fail(400, { errors: fieldErrors(parsed.error), params: {}, values: echo(values) });
	const { db, files, config } = event.locals.runtime;
	let target = id;
	try {
		if (id) await updateResource({ db, claims: session.claims }, program.id, id, parsed.data);
		else
			target = await createResource(
				{ db, files, fileMaxBytes: config.FILE_MAX_MB * 1024 * 1024, claims: session.claims },
				program.id,
				parsed.data,
				parsed.data.kind === 'document' ? await uploadOf(form) : undefined
			);
	} catch (error) {
		return refusal(error, echo(values));
	}
	redirect(303, `/programs/${program.id}/resources/${target}?saved=1`);
}

/** Writes the mentor's case study (new, or their own draft); redirects to it. */
export async function caseStudyAction(
	event: RequestEvent,
	context: { session: Session; program: Program },
	id?: string
) {
	const { session, program } = context;
	const form = await readForm(event.request);
	const values = caseStudyFormValues(form);
	const parsed = caseStudyInput.safeParse(values);
	if (!parsed.success)
		return fail(400, { errors: fieldErrors(parsed.error), params: {}, values: echo(values) });
	let target: string;
	try {
		target = await saveCaseStudy(commandContext(event, session), program.id, parsed.data, id);
	} catch (error) {
		return refusal(error, echo(values));
	}
	redirect(
		303,
		`/programs/${program.id}/resources/${target}?${parsed.data.submit ? 'submitted' : 'saved'}=1`
	);
}
