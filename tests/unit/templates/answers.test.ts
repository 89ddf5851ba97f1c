import { describe, expect, it } from 'vitest';
import { fieldsOf, getTemplate } from '$lib/domain/templates';
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

	it('refuses control characters in any string, also inside tables, and keeps line breaks', () => {
		const mentor = getTemplate('match-mentor')!;
		expect(checkAnswers(intake, { needs: 'a\u0000b' })).toEqual({
			ok: false,
			field: 'needs',
			problem: 'control_characters'
		});
		expect(checkAnswers(intake, { needs: 'line 1\r\nline 2\ttab' })).toMatchObject({ ok: true });
		const table = fieldsOf(mentor).find((f) => f.kind === 'table')!;
		if (table.kind !== 'table') throw new Error('expected a table');
		const column = table.columns[0].key;
		expect(checkAnswers(mentor, { [table.key]: [{ [column]: 'x\u001b[31m' }] })).toEqual({
			ok: false,
			field: table.key,
			problem: 'control_characters'
		});
	});

	it('refuses dates the calendar does not have', () => {
		const needs = getTemplate('teacher-needs')!;
		expect(checkAnswers(needs, { date: '2026-02-28' })).toMatchObject({ ok: true });
		for (const date of ['2026-02-30', '2026-04-31', '0000-01-01']) {
			expect(checkAnswers(needs, { date })).toEqual({
				ok: false,
				field: 'date',
				problem: 'wrong_type'
			});
		}
	});
});
