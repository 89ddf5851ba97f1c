import { describe, expect, it } from 'vitest';
import { CRITERIA, proposeMatching, shownReasons } from '$lib/domain/matching';

describe('shownReasons', () => {
	it('shows only the reasons that rest on answers or choices', () => {
		const result = proposeMatching({
			mentees: [{ id: 'e', availability: ['weekend'], region: 'Gent' }],
			mentors: [{ id: 'm', availability: ['weekend'], region: 'Gent' }]
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const { contributions } = result.proposals[0];
		expect(contributions).toHaveLength(CRITERIA.length);
		expect(shownReasons(contributions).map((c) => c.code)).toEqual([
			'availability.shared',
			'region.same'
		]);
	});

	it('never claims expertise covers needs when nobody answered', () => {
		const result = proposeMatching({ mentees: [{ id: 'e' }], mentors: [{ id: 'm' }] });
		expect(result.ok && shownReasons(result.proposals[0].contributions)).toEqual([]);
	});
});
