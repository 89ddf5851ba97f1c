import { checkAnswers } from '$lib/domain/templates/answers';
import type { Template } from '$lib/domain/templates';
import { readForm } from '$lib/server/http';

/** The `answers` field of a LocalForm post, parsed and checked against its template. */
export async function readAnswers(
	request: Request,
	template: Template
): Promise<
	| { ok: true; answers: Record<string, unknown> }
	| { ok: false; error: 'required' | 'too_long' | 'control_characters' }
> {
	const raw = String((await readForm(request)).get('answers') ?? '');
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return { ok: false, error: 'required' };
	}
	const checked = checkAnswers(template, parsed);
	if (checked.ok) return { ok: true, answers: checked.answers };
	if (checked.problem === 'too_long' || checked.problem === 'too_large')
		return { ok: false, error: 'too_long' };
	return {
		ok: false,
		error: checked.problem === 'control_characters' ? 'control_characters' : 'required'
	};
}
