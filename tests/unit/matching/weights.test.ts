import { describe, expect, it } from 'vitest';
import { CRITERIA, defaultWeights, validateWeights } from '$lib/domain/matching';

describe('validateWeights', () => {
	it('accepts the defaults unchanged, which cover every criterion and add up to 100', () => {
		expect(Object.keys(defaultWeights).sort()).toEqual([...CRITERIA].sort());
		expect(Object.values(defaultWeights).reduce((a, b) => a + b, 0)).toBe(100);
		expect(validateWeights({ ...defaultWeights })).toEqual({
			ok: true,
			weights: defaultWeights,
			issues: []
		});
	});

	it('clamps to 0–100 in thousandths and says so', () => {
		const result = validateWeights({
			...defaultWeights,
			expertise: 250,
			gender: -5,
			interests: 1.23456
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.weights).toMatchObject({ expertise: 100, gender: 0, interests: 1.235 });
		expect(result.issues.map((issue) => [issue.criterion, issue.code])).toEqual([
			['expertise', 'clamped'],
			['gender', 'clamped'],
			['interests', 'clamped']
		]);
		expect(result.issues[0].message).toContain('100');
	});

	it('fills a missing criterion with its default', () => {
		const result = validateWeights({ experience: 5 });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.weights).toEqual({ ...defaultWeights, experience: 5 });
		expect(result.issues).toHaveLength(CRITERIA.length - 1);
		expect(result.issues.every((issue) => issue.code === 'defaulted')).toBe(true);
	});

	it('rejects what is not a weight, naming the field', () => {
		const result = validateWeights({
			...defaultWeights,
			expertice: 3,
			gender: '10',
			interests: NaN
		});
		expect(result.ok).toBe(false);
		expect(result.issues.map((issue) => [issue.criterion, issue.code])).toEqual([
			['expertice', 'unknown_criterion'],
			['gender', 'not_a_number'],
			['interests', 'not_a_number']
		]);
		expect(result.issues[0].message).toContain("'expertice'");
		for (const raw of [null, 3, 'x', [1, 2]]) {
			expect(validateWeights(raw)).toMatchObject({
				ok: false,
				issues: [{ code: 'not_an_object' }]
			});
		}
	});
});
