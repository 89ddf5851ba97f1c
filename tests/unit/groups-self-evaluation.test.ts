import { describe, expect, it } from 'vitest';
import {
	SELF_EVALUATION_THEMES,
	selfEvaluationChange,
	type SelfEvaluation
} from '$lib/domain/groups/self-evaluation';

const evaluation = (
	moment: SelfEvaluation['moment'],
	answers: Record<string, number>
): SelfEvaluation => ({
	moment,
	answers,
	goingWell: null,
	toGrow: null,
	submittedAt: '2026-09-01'
});

describe('selfEvaluationChange', () => {
	it('has nothing to show with fewer than two moments', () => {
		expect(selfEvaluationChange([])).toBeNull();
		expect(selfEvaluationChange([evaluation('start', { pedagogy: 2 })])).toBeNull();
	});

	it('compares the earliest moment with the latest, per theme, whatever the order given', () => {
		const change = selfEvaluationChange([
			evaluation('year2_end', { pedagogy: 4, leadership: 2 }),
			evaluation('start', { pedagogy: 1, leadership: 3, coaching: 2 }),
			evaluation('year1_end', { pedagogy: 2 })
		]);
		expect(change?.from).toBe('start');
		expect(change?.to).toBe('year2_end');
		expect(change?.themes.map((t) => t.key)).toEqual(SELF_EVALUATION_THEMES.map((t) => t.key));
		const of = (key: string) => change?.themes.find((t) => t.key === key);
		expect(of('pedagogy')).toEqual({ key: 'pedagogy', first: 1, last: 4, change: 3 });
		expect(of('leadership')).toEqual({ key: 'leadership', first: 3, last: 2, change: -1 });
		// A theme answered at one of the two moments only has no change.
		expect(of('coaching')).toEqual({ key: 'coaching', first: 2, last: null, change: null });
	});
});
