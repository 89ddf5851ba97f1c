import { describe, expect, it } from 'vitest';
import { engagementStatus, intakeInput, INTAKE_TEXT_MAX } from '$lib/domain/groups/engagement';

describe('the intake per school', () => {
	it('names where a school is', () => {
		const s = (hasIntake: boolean, currentSignatures = 0, staleSignatures = 0) =>
			engagementStatus({ hasIntake, currentSignatures, staleSignatures });
		expect(s(false)).toBe('not_started');
		expect(s(true)).toBe('intake_recorded');
		expect(s(true, 1)).toBe('signed');
		expect(s(true, 1, 1)).toBe('signed');
		expect(s(true, 0, 2)).toBe('changed');
	});

	it('accepts an intake with a real date and bounded plain text', () => {
		expect(
			intakeInput.parse({ conversationOn: '2026-06-17', expectations: '  Samen leren ' })
		).toEqual({
			conversationOn: '2026-06-17',
			expectations: 'Samen leren',
			feasibility: '',
			commitments: ''
		});
	});

	it.each([
		[{ conversationOn: '' }, 'conversationOn', 'date'],
		[{}, 'conversationOn', 'required'],
		[{ conversationOn: '2026-02-30' }, 'conversationOn', 'date'],
		[
			{ conversationOn: '2026-06-17', feasibility: 'x'.repeat(INTAKE_TEXT_MAX + 1) },
			'feasibility',
			'too_long'
		],
		[{ conversationOn: '2026-06-17', commitments: 'a\u0000b' }, 'commitments', 'control_characters']
	])('refuses %j with a key the page translates', (input, field, key) => {
		const result = intakeInput.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(key);
	});
});
