import { describe, expect, it } from 'vitest';
import { PROGRAM_KINDS } from '$lib/domain/programs/schemas';
import { fieldsOf, getTemplate, visibilityOf, type Template } from '$lib/domain/templates';
import { intakeFormsFor } from '$lib/server/coordination/intake';

/** The forms `intake_responses.form_key` accepts (its check constraint). */
const STORED_FORMS = [
	'mentee-intake',
	'mentor-self-assessment',
	'teacher-needs',
	'match-mentee',
	'match-mentor'
];

const everyIntakeForm = (): Template[] => {
	const forms = new Map<string, Template>();
	for (const kind of PROGRAM_KINDS)
		for (const role of ['mentor', 'mentee'] as const)
			for (const form of intakeFormsFor(kind, role)) forms.set(form.key, form);
	return [...forms.values()];
};

describe('who sees an intake answer', () => {
	it('covers every form a person can submit', () => {
		expect(
			everyIntakeForm()
				.map((t) => t.key)
				.sort()
		).toEqual([...STORED_FORMS].sort());
	});

	it.each(STORED_FORMS)('gives every field of %s a visibility', (key) => {
		const template = getTemplate(key);
		expect(template).toBeDefined();
		if (!template) return;
		const fields = new Set(fieldsOf(template).map((f) => f.key));
		expect(fields.size).toBeGreaterThan(0);
		for (const section of template.sections) {
			for (const field of section.fields) {
				const visibility = visibilityOf(template, section);
				expect(visibility, `${key} › ${field.key}`).toBeDefined();
				// What the database allows (intake_responses_select): the person and the coordinator,
				// nobody else. The form must say both, and claim no one more.
				expect([...(visibility?.readers ?? [])].sort(), `${key} › ${field.key}`).toEqual([
					'coordinator',
					'self'
				]);
			}
		}
	});

	it('says the matching forms are read for matching and the needs questionnaire for follow-up', () => {
		for (const key of ['mentee-intake', 'mentor-self-assessment', 'match-mentee', 'match-mentor'])
			expect(getTemplate(key)?.answerVisibility?.purpose).toBe('matching');
		expect(getTemplate('teacher-needs')?.answerVisibility?.purpose).toBe('follow-up');
	});
});
