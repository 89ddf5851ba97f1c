import { checkAnswers } from '$lib/domain/templates/answers';
import type { Template } from '$lib/domain/templates';

/** The `answers` field of a LocalForm post, parsed and checked against its template. */
export async function readAnswers(
	request: Request,
	template: Template
): Promise<
	{ ok: true; answers: Record<string, unknown> } | { ok: false; error: 'required' | 'too_long' }
> {
	const raw = String((await request.formData()).get('answers') ?? '');
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return { ok: false, error: 'required' };
	}
	const checked = checkAnswers(template, parsed);
	if (checked.ok) return { ok: true, answers: checked.answers };
	return {
		ok: false,
		error:
			checked.problem === 'too_long' || checked.problem === 'too_large' ? 'too_long' : 'required'
	};
}
