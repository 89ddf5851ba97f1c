import { describe, expect, it } from 'vitest';
import { getTemplate } from '$lib/domain/templates';
import { checkAnswers } from '$lib/domain/templates/answers';

const intake = getTemplate('mentee-intake')!;

describe('checkAnswers', () => {
	it('accepts answers of the right kinds', () => {
		expect(
			checkAnswers(intake, {
				needs: 'Meer structuur',
				'support-topics': { finance: true, wellbeing: false },
				gender: 'female',
				region: 'Gent',
				availability: {}
			})
		).toMatchObject({ ok: true });
	});

	it.each([
		[{ hacked: 'x' }, 'hacked', 'unknown_field'],
		[{ gender: 'king' }, 'gender', 'wrong_type'],
		[{ 'support-topics': { 'not-a-topic': true } }, 'support-topics', 'wrong_type'],
		[{ needs: 42 }, 'needs', 'wrong_type'],
		[{ needs: 'x'.repeat(20_001) }, 'needs', 'too_long']
	])('refuses %o: %s is %s', (answers, field, problem) => {
		expect(checkAnswers(intake, answers)).toEqual({ ok: false, field, problem });
	});

	it('refuses something that is not an object, and oversized submissions', () => {
		expect(checkAnswers(intake, [])).toMatchObject({ ok: false, problem: 'wrong_type' });
		const huge = Object.fromEntries(
			Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x'.repeat(20_000)])
		);
		expect(checkAnswers(intake, huge)).toMatchObject({ ok: false, problem: 'too_large' });
	});
});
