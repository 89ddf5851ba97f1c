import { describe, expect, it } from 'vitest';
import { compositionWarnings, groupInput, schoolInput } from '$lib/domain/groups/schemas';

const member = (schoolId: string) => ({ role: 'member', schoolId });

describe('group composition warnings', () => {
	it('warns below four schools and counts members only', () => {
		expect(
			compositionWarnings([
				member('a'),
				member('b'),
				member('c'),
				{ role: 'facilitator', schoolId: null }
			])
		).toEqual([{ kind: 'few_schools', schools: 3 }]);
		expect(compositionWarnings(['a', 'b', 'c', 'd'].map(member))).toEqual([]);
	});

	it('warns for more than three people of one school', () => {
		const members = ['a', 'a', 'a', 'a', 'b', 'c', 'd'].map(member);
		expect(compositionWarnings(members)).toEqual([
			{ kind: 'many_from_school', schoolId: 'a', count: 4 }
		]);
	});
});

describe('group inputs', () => {
	it('refuses an empty name, control characters and unknown kinds', () => {
		expect(groupInput.safeParse({ kind: 'LGSL', name: ' ' }).success).toBe(false);
		expect(groupInput.safeParse({ kind: 'XX', name: 'Groep' }).success).toBe(false);
		expect(schoolInput.safeParse({ name: 'a\u0000b' }).success).toBe(false);
		expect(schoolInput.parse({ name: ' De Linde ' })).toEqual({
			name: 'De Linde',
			schoolGroup: '',
			region: ''
		});
	});
});
